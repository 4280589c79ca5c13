/// The spanning tree update of a pivot: the subtree hanging below the
/// leaving arc is re-hung below the entering arc, reversing the stem (the
/// path from `uIn` up to `uOut`), and the thread order, successor counts
/// and last successors are repaired along the way.
extension NetworkSimplex {
    func updateTree() {
        let oldReverseThread = reverseThread[Int(uOut)]
        let oldSuccessors = successors[Int(uOut)]
        let oldLastSuccessor = lastSuccessor[Int(uOut)]
        let vOut = parent[Int(uOut)]

        if uIn == uOut {
            parent[Int(uIn)] = vIn
            predecessor[Int(uIn)] = Int32(entering)
            direction[Int(uIn)] = uIn == source[entering] ? 1 : -1
            if thread[Int(vIn)] != uOut {
                var after = thread[Int(oldLastSuccessor)]
                thread[Int(oldReverseThread)] = after
                reverseThread[Int(after)] = oldReverseThread
                after = thread[Int(vIn)]
                thread[Int(vIn)] = uOut
                reverseThread[Int(uOut)] = vIn
                thread[Int(oldLastSuccessor)] = after
                reverseThread[Int(after)] = oldLastSuccessor
            }
        } else {
            reverseStem(oldReverseThread: oldReverseThread, oldLastSuccessor: oldLastSuccessor,
                        oldSuccessors: oldSuccessors)
        }

        // Last successors from vIn towards the root.
        let upLimitOut: Int32 = lastSuccessor[Int(join)] == vIn ? join : -1
        let lastSuccessorOut = lastSuccessor[Int(uOut)]
        var u = vIn
        while u != -1 && lastSuccessor[Int(u)] == vIn {
            lastSuccessor[Int(u)] = lastSuccessorOut
            u = parent[Int(u)]
        }
        // Last successors from vOut towards the root.
        if join != oldReverseThread && vIn != oldReverseThread {
            u = vOut
            while u != upLimitOut && lastSuccessor[Int(u)] == oldLastSuccessor {
                lastSuccessor[Int(u)] = oldReverseThread
                u = parent[Int(u)]
            }
        } else if lastSuccessorOut != oldLastSuccessor {
            u = vOut
            while u != upLimitOut && lastSuccessor[Int(u)] == oldLastSuccessor {
                lastSuccessor[Int(u)] = lastSuccessorOut
                u = parent[Int(u)]
            }
        }
        // Successor counts on both paths up to the join.
        u = vIn
        while u != join {
            successors[Int(u)] += oldSuccessors
            u = parent[Int(u)]
        }
        u = vOut
        while u != join {
            successors[Int(u)] -= oldSuccessors
            u = parent[Int(u)]
        }
    }

    private func reverseStem(oldReverseThread: Int32, oldLastSuccessor: Int32, oldSuccessors: Int32) {
        // When the old thread predecessor of uOut is vIn, join and vOut coincide.
        let threadContinue = oldReverseThread == vIn ? thread[Int(oldLastSuccessor)] : thread[Int(vIn)]
        var stem = uIn
        var parentStem = vIn
        var last = lastSuccessor[Int(uIn)]
        var after = thread[Int(last)]
        thread[Int(vIn)] = uIn
        dirty.removeAll(keepingCapacity: true)
        dirty.append(vIn)
        while stem != uOut {
            let nextStem = parent[Int(stem)]
            thread[Int(last)] = nextStem
            dirty.append(last)
            let before = reverseThread[Int(stem)]
            thread[Int(before)] = after
            reverseThread[Int(after)] = before
            parent[Int(stem)] = parentStem
            parentStem = stem
            stem = nextStem
            last = lastSuccessor[Int(stem)] == lastSuccessor[Int(parentStem)]
                ? reverseThread[Int(parentStem)] : lastSuccessor[Int(stem)]
            after = thread[Int(last)]
        }
        parent[Int(uOut)] = parentStem
        thread[Int(last)] = threadContinue
        reverseThread[Int(threadContinue)] = last
        lastSuccessor[Int(uOut)] = last
        if oldReverseThread != vIn {
            thread[Int(oldReverseThread)] = after
            reverseThread[Int(after)] = oldReverseThread
        }
        for u in dirty {
            reverseThread[Int(thread[Int(u)])] = u
        }
        // Predecessor arcs, directions, counts and last successors along
        // the reversed stem, from uOut down to uIn.
        var countSoFar: Int32 = 0
        let lastOfOut = lastSuccessor[Int(uOut)]
        var u = uOut
        var p = parent[Int(u)]
        while u != uIn {
            predecessor[Int(u)] = predecessor[Int(p)]
            direction[Int(u)] = -direction[Int(p)]
            countSoFar += successors[Int(u)] - successors[Int(p)]
            successors[Int(u)] = countSoFar
            lastSuccessor[Int(p)] = lastOfOut
            u = p
            p = parent[Int(u)]
        }
        predecessor[Int(uIn)] = Int32(entering)
        direction[Int(uIn)] = uIn == source[entering] ? 1 : -1
        successors[Int(uIn)] = oldSuccessors
    }

    /// Shifts the potentials of the moved subtree so the entering arc's
    /// reduced cost is zero.
    func updatePotentials() {
        let sigma = potential[Int(vIn)] - potential[Int(uIn)] - direction[Int(uIn)] * cost[entering]
        let end = thread[Int(lastSuccessor[Int(uIn)])]
        var u = uIn
        while u != end {
            potential[Int(u)] += sigma
            u = thread[Int(u)]
        }
    }
}
