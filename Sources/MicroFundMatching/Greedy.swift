/// The first-fit baseline the optimum is compared with (not used to
/// match): needs by priority, highest first (then need order), their lines
/// in order, each taking from its feasible supplies nearest first (cash:
/// pools earmarked to a community, then to a category, then general), as
/// much as each has left.
public enum Greedy {
    public static func plan(_ graph: CandidateGraph) -> MatchPlan {
        let catalogue = graph.catalogue
        var flows: [[Int64]] = []
        for group in graph.groups {
            flows.append(fill(group, catalogue))
        }
        let solution = Matcher.Solution(groups: zip(graph.groups, flows).map { group, flow in
            GroupSolver.Solution(flow: flow, unit: 1, scale: 0)
        })
        return Matcher.plan(graph, solution)
    }

    private static func fill(_ group: CandidateGraph.Group, _ catalogue: Catalogue) -> [Int64] {
        var left = group.supplyQuantity
        var flow = [Int64](repeating: 0, count: group.arcCount)
        var arcsOfLine = [[Int]](repeating: [], count: group.lineCount)
        for a in 0..<group.arcCount { arcsOfLine[Int(group.arcLine[a])].append(a) }
        let key: (Int) -> (Double, Int32) = { a in
            if group.kind == .cash {
                let offer = Int(group.members[Int(group.arcSupply[a])][0])
                let specificity = !catalogue.earmarkCommunities[offer].isEmpty ? 0.0
                    : (!catalogue.earmarkCategories[offer].isEmpty ? 1.0 : 2.0)
                return (specificity, group.arcSupply[a])
            }
            return (group.arcDistance[a], group.arcSupply[a])
        }
        let order = group.lines.indices.sorted { a, b in
            let la = catalogue.lines[Int(group.lines[a])], lb = catalogue.lines[Int(group.lines[b])]
            let pa = catalogue.problem.needs[Int(la.need)].priority, pb = catalogue.problem.needs[Int(lb.need)].priority
            return (-pa, la.need, a) < (-pb, lb.need, b)
        }
        for local in order {
            let line = catalogue.lines[Int(group.lines[local])]
            var wanted = group.kind == .space ? 1 : line.quantity
            for a in arcsOfLine[local].sorted(by: { key($0) < key($1) }) where wanted > 0 {
                let s = Int(group.arcSupply[a])
                let take = min(left[s], wanted)
                guard take > 0 else { continue }
                flow[a] = take
                left[s] -= take
                wanted -= take
            }
        }
        return flow
    }
}
