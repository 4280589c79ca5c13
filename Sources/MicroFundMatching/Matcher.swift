/// The matching engine: a problem in, an optimal, explained plan out.
///
/// Pure: no store, files or clock. The three stages are public so a
/// benchmark can time them apart: `CandidateGraph(problem:)` finds the
/// feasible pairs, `Matcher.solve(_:)` solves every group (on `workers`
/// threads; groups are independent), `Matcher.plan(_:_:)` turns flows into
/// allocations.
public enum Matcher {
    /// Candidates, solve and plan in one call.
    public static func match(_ problem: MatchProblem, workers: Int = 2) throws(MatchError) -> MatchPlan {
        let graph = CandidateGraph(problem: problem, workers: workers)
        return plan(graph, try solve(graph, workers: workers))
    }

    /// Solved groups, in the graph's group order.
    public struct Solution: Sendable {
        let groups: [GroupSolver.Solution]
    }

    /// Fails only when a group's quantities sum past 2^62 flow units
    /// (`match_too_large`), where Int64 arithmetic could overflow.
    public static func solve(_ graph: CandidateGraph, workers: Int = 2) throws(MatchError) -> Solution {
        let floor = graph.catalogue.problem.priorityWeights.min() ?? 1
        // Largest groups first, so two workers finish close together.
        let order = graph.groups.indices.sorted { graph.groups[$0].arcCount > graph.groups[$1].arcCount }
        let solved = ParallelMap.run(order.count, workers: workers) { i in
            Result { () throws(MatchError) -> GroupSolver.Solution in
                try GroupSolver(group: graph.groups[order[i]], lines: graph.catalogue.lines, weightFloor: floor).solve()
            }
        }
        var byGroup = [GroupSolver.Solution?](repeating: nil, count: order.count)
        for (i, g) in order.enumerated() { byGroup[g] = try solved[i].get() }
        return Solution(groups: byGroup.map { $0! })
    }

    public static func plan(_ graph: CandidateGraph, _ solution: Solution) -> MatchPlan {
        let catalogue = graph.catalogue
        var served = [Int64](repeating: 0, count: catalogue.lines.count)
        var allocations: [(line: Int32, offer: Int32, quantity: Int64)] = []
        for (group, solved) in zip(graph.groups, solution.groups) {
            var split = PoolSplitter(catalogue: catalogue)
            for a in 0..<group.arcCount where solved.flow[a] > 0 {
                let line = group.lines[Int(group.arcLine[a])]
                let members = group.members[Int(group.arcSupply[a])]
                let quantity = group.kind == .space ? catalogue.lines[Int(line)].quantity : solved.flow[a] * solved.unit
                served[Int(line)] += group.kind == .space ? 1 : quantity
                for (offer, part) in split.take(quantity, from: members, supply: Int(group.arcSupply[a])) {
                    allocations.append((line, offer, part))
                }
            }
        }
        allocations.sort { ($0.line, catalogue.problem.offers[Int($0.offer)].id) < ($1.line, catalogue.problem.offers[Int($1.offer)].id) }
        let explainer = Explainer(catalogue: catalogue)
        let rows = allocations.map { explainer.allocation(line: Int($0.line), offer: Int($0.offer), quantity: $0.quantity) }
        let objective = Self.objective(catalogue, served: served)
        let total = catalogue.lines.reduce(0.0) { $0 + $1.weight }
        var statistics = MatchPlan.Statistics()
        statistics.groups = graph.groups.count
        statistics.arcs = graph.arcCount
        statistics.supplies = graph.groups.reduce(0) { $0 + $1.supplyCount }
        statistics.smallestScale = solution.groups.map(\.scale).min() ?? 0
        return MatchPlan(
            allocations: rows, objective: objective, fulfilment: total > 0 ? objective / total : 0,
            statistics: statistics)
    }

    /// P, summed in line-id order so it is the same double every time.
    static func objective(_ catalogue: Catalogue, served: [Int64]) -> Double {
        var sum = 0.0
        for (i, line) in catalogue.lines.enumerated() where served[i] > 0 {
            let required = line.kind == .space ? 1 : line.quantity
            sum += line.weight * min(1, Double(served[i]) / Double(required))
        }
        return sum
    }
}

/// Splits a cash pool's flow back onto its offers: each arc of the pool, in
/// line order, takes from the offers in offer-id order, filling each before
/// the next.
private struct PoolSplitter {
    let catalogue: Catalogue
    /// Per pool: the member being drawn and what it has left.
    private var cursor: [Int: (member: Int, left: Int64)] = [:]

    init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    mutating func take(_ quantity: Int64, from members: [Int32], supply: Int) -> [(Int32, Int64)] {
        guard members.count > 1 else { return [(members[0], quantity)] }
        var position = cursor[supply] ?? (0, catalogue.problem.offers[Int(members[0])].quantity)
        var parts: [(Int32, Int64)] = []
        var wanted = quantity
        while wanted > 0 {
            if position.left == 0 {
                position.member += 1
                position.left = catalogue.problem.offers[Int(members[position.member])].quantity
            }
            let part = min(wanted, position.left)
            parts.append((members[position.member], part))
            position.left -= part
            wanted -= part
        }
        cursor[supply] = position
        return parts
    }
}
