/// Minimum-cost flow by the primal network simplex method, with block
/// search pricing and the spanning tree kept as parent / thread /
/// successor-count arrays (Kelly and O'Neill's layout, as LEMON's
/// `NetworkSimplex` uses it).
///
/// Supplies must sum to zero (every unit leaves a supply and reaches a
/// demand); the caller guarantees a feasible flow exists (the matcher gives
/// every supply an arc straight to the sink). Costs and capacities are
/// integers, so the optimum found is exact and its flows integral, and the
/// final potentials are optimal duals: a reduced cost
/// `cost + π(source) − π(target)` that is positive means the arc carries
/// nothing in every optimal flow, negative means it is full in every one.
///
/// Arithmetic is `Int64` and traps on overflow; the caller bounds costs so
/// that `8 · (nodes + 2) · (max |cost| + 1)` fits.
final class NetworkSimplex {
    let nodeCount: Int       // real nodes; the root is nodeCount
    let arcCount: Int        // real arcs; artificial ones follow
    let allArcs: Int
    let source: UnsafeMutablePointer<Int32>
    let target: UnsafeMutablePointer<Int32>
    let capacity: UnsafeMutablePointer<Int64>
    let cost: UnsafeMutablePointer<Int64>
    let flowValues: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<Int64>      // +1 at lower bound, -1 at upper, 0 in tree
    let potential: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let predecessor: UnsafeMutablePointer<Int32>
    let direction: UnsafeMutablePointer<Int64>  // +1: pred arc points up to the parent
    let thread: UnsafeMutablePointer<Int32>
    let reverseThread: UnsafeMutablePointer<Int32>
    let successors: UnsafeMutablePointer<Int32>
    let lastSuccessor: UnsafeMutablePointer<Int32>
    var dirty: [Int32] = []

    static let infinite = Int64.max / 4

    // The pivot in progress.
    var entering = 0
    var join: Int32 = 0
    var uIn: Int32 = 0, vIn: Int32 = 0, uOut: Int32 = 0
    var delta: Int64 = 0
    var nextArc = 0
    let blockSize: Int

    init(nodes: Int, source: [Int32], target: [Int32], capacity: [Int64], cost: [Int64], supply: [Int64]) {
        precondition(supply.count == nodes && source.count == target.count)
        precondition(supply.reduce(0, +) == 0, "supplies must balance")
        nodeCount = nodes
        arcCount = source.count
        allArcs = arcCount + nodes
        let n = nodes + 1
        self.source = .allocate(capacity: allArcs)
        self.target = .allocate(capacity: allArcs)
        self.capacity = .allocate(capacity: allArcs)
        self.cost = .allocate(capacity: allArcs)
        flowValues = .allocate(capacity: allArcs)
        state = .allocate(capacity: allArcs)
        potential = .allocate(capacity: n)
        parent = .allocate(capacity: n)
        predecessor = .allocate(capacity: n)
        direction = .allocate(capacity: n)
        thread = .allocate(capacity: n)
        reverseThread = .allocate(capacity: n)
        successors = .allocate(capacity: n)
        lastSuccessor = .allocate(capacity: n)
        blockSize = max(10, Int(Double(arcCount).squareRoot().rounded(.up)))
        var maxCost: Int64 = 0
        for e in 0..<arcCount {
            self.source[e] = source[e]
            self.target[e] = target[e]
            self.capacity[e] = capacity[e]
            self.cost[e] = cost[e]
            flowValues[e] = 0
            state[e] = 1
            maxCost = max(maxCost, abs(cost[e]))
        }
        initialTree(supply: supply, artificialCost: (maxCost + 1) * Int64(nodes + 1))
    }

    deinit {
        for pointer in [source, target, parent, predecessor, thread, reverseThread, successors, lastSuccessor] {
            pointer.deallocate()
        }
        for pointer in [capacity, cost, flowValues, state, potential, direction] {
            pointer.deallocate()
        }
    }

    /// Every node hangs from the root by an artificial arc carrying its
    /// supply; a demand's arc costs enough that no optimum keeps flow on it.
    private func initialTree(supply: [Int64], artificialCost: Int64) {
        let root = Int32(nodeCount)
        parent[nodeCount] = -1
        predecessor[nodeCount] = -1
        thread[nodeCount] = 0
        reverseThread[0] = root
        successors[nodeCount] = Int32(nodeCount + 1)
        lastSuccessor[nodeCount] = root - 1
        potential[nodeCount] = 0
        for u in 0..<nodeCount {
            let e = arcCount + u
            parent[u] = root
            predecessor[u] = Int32(e)
            thread[u] = Int32(u + 1)
            reverseThread[u + 1] = Int32(u)
            successors[u] = 1
            lastSuccessor[u] = Int32(u)
            capacity[e] = Self.infinite
            state[e] = 0
            if supply[u] >= 0 {
                direction[u] = 1
                potential[u] = 0
                source[e] = Int32(u)
                target[e] = root
                flowValues[e] = supply[u]
                cost[e] = 0
            } else {
                direction[u] = -1
                potential[u] = artificialCost
                source[e] = root
                target[e] = Int32(u)
                flowValues[e] = -supply[u]
                cost[e] = artificialCost
            }
        }
    }

    /// Runs to optimality. Returns false if no feasible flow exists.
    func solve() -> Bool {
        while findEnteringArc() {
            findJoinNode()
            let change = findLeavingArc()
            changeFlow(change)
            if change {
                updateTree()
                updatePotentials()
            }
        }
        for e in arcCount..<allArcs where flowValues[e] != 0 { return false }
        return true
    }

    func flow(_ arc: Int) -> Int64 { flowValues[arc] }

    /// `cost + π(source) − π(target)` of a real arc at the optimum.
    func reducedCost(_ arc: Int) -> Int64 {
        cost[arc] + potential[Int(source[arc])] - potential[Int(target[arc])]
    }

    /// Block search: scan arcs cyclically in blocks of about √m, and take
    /// the most violating arc of the first block that has one.
    private func findEnteringArc() -> Bool {
        var best: Int64 = 0
        var count = blockSize
        var e = nextArc
        for _ in 0..<arcCount {
            let c = state[e] * (cost[e] + potential[Int(source[e])] - potential[Int(target[e])])
            if c < best {
                best = c
                entering = e
            }
            e += 1
            if e == arcCount { e = 0 }
            count -= 1
            if count == 0 {
                if best < 0 { break }
                count = blockSize
            }
        }
        nextArc = e
        return best < 0
    }

    /// The lowest common ancestor of the entering arc's ends.
    private func findJoinNode() {
        var u = source[entering], v = target[entering]
        while u != v {
            if successors[Int(u)] < successors[Int(v)] {
                u = parent[Int(u)]
            } else {
                v = parent[Int(v)]
            }
        }
        join = u
    }

    /// The blocking arc of the cycle the entering arc closes (the last one
    /// on ties, which keeps the tree strongly feasible); false if the
    /// entering arc itself blocks.
    private func findLeavingArc() -> Bool {
        let first: Int32, second: Int32
        if state[entering] == 1 {
            first = source[entering]
            second = target[entering]
        } else {
            first = target[entering]
            second = source[entering]
        }
        delta = capacity[entering]
        var result = 0
        var u = first
        while u != join {
            let e = Int(predecessor[Int(u)])
            var d = flowValues[e]
            if direction[Int(u)] == -1 {
                let c = capacity[e]
                d = c >= Self.infinite ? Self.infinite : c - d
            }
            if d < delta {
                delta = d
                uOut = u
                result = 1
            }
            u = parent[Int(u)]
        }
        u = second
        while u != join {
            let e = Int(predecessor[Int(u)])
            var d = flowValues[e]
            if direction[Int(u)] == 1 {
                let c = capacity[e]
                d = c >= Self.infinite ? Self.infinite : c - d
            }
            if d <= delta {
                delta = d
                uOut = u
                result = 2
            }
            u = parent[Int(u)]
        }
        if result == 1 {
            uIn = first
            vIn = second
        } else {
            uIn = second
            vIn = first
        }
        return result != 0
    }

    private func changeFlow(_ change: Bool) {
        if delta > 0 {
            let value = state[entering] * delta
            flowValues[entering] += value
            var u = source[entering]
            while u != join {
                flowValues[Int(predecessor[Int(u)])] -= direction[Int(u)] * value
                u = parent[Int(u)]
            }
            u = target[entering]
            while u != join {
                flowValues[Int(predecessor[Int(u)])] += direction[Int(u)] * value
                u = parent[Int(u)]
            }
        }
        if change {
            state[entering] = 0
            let out = Int(predecessor[Int(uOut)])
            state[out] = flowValues[out] == 0 ? 1 : -1
        } else {
            state[entering] = -state[entering]
        }
    }
}
