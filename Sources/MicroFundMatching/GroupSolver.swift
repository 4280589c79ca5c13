/// Solves one group exactly for the lexicographic objective: first the
/// most priority-weighted fulfilment, then, among all allocations that
/// reach it, the least flow-weighted distance.
///
/// The network: supply → line arcs (capacity the smaller of the two),
/// line → sink (capacity the line's requirement, cost −reward), and
/// supply → sink at no cost so supply may stay unused. Phase 1 prices only
/// the rewards. Its optimal potentials tell, by complementary slackness,
/// which arcs are empty (reduced cost > 0) and which are full (< 0) in
/// every optimal allocation; phase 2 fixes those, leaves the arcs of
/// reduced cost 0 free, and minimises distance over them. Every feasible
/// phase 2 flow is a phase 1 optimum, and every phase 1 optimum is
/// feasible in phase 2, so the order of the two objectives is strict.
struct GroupSolver {
    let group: CandidateGraph.Group
    let lines: [Catalogue.Line]
    let weightFloor: Double

    /// What a solved group reports.
    struct Solution: Sendable {
        /// Flow on each candidate arc, in the group's units.
        var flow: [Int64]
        var unit: Int64
        /// The reward scale S chosen for the group (see `rewardScale`).
        var scale: Int64
    }

    /// The largest total of supplies or of requirements a group may have,
    /// in its units: node balances and the sink's demand stay far inside
    /// Int64.
    static let totalUnitsMax = Int64(1) << 62

    func solve() throws(MatchError) -> Solution {
        let unit = self.unit()
        let s = group.supplyCount, l = group.lineCount, e = group.arcCount
        let requirement = group.lines.map { group.kind == .space ? 1 : lines[Int($0)].quantity / unit }
        let supplyUnits = cappedSupplies(unit: unit, requirement: requirement)
        guard Self.total(supplyUnits) <= Int128(Self.totalUnitsMax), Self.total(requirement) <= Int128(Self.totalUnitsMax) else {
            throw MatchError(.tooLarge, "the quantities of \(group.kind.rawValue)\(group.skill.map { " (\($0))" } ?? "") sum past 2^62 flow units")
        }
        guard let scale = rewardScale(requirement: requirement, nodes: s + l + 1) else {
            throw MatchError(.tooLarge, "the lines of \(group.kind.rawValue)\(group.skill.map { " (\($0))" } ?? "") differ too much in size for exact integer rewards")
        }
        let largest = Double(requirement.max() ?? 1)
        let reward = group.lines.indices.map { i -> Int64 in
            let weight = lines[Int(group.lines[i])].weight / weightFloor
            return Int64((Double(scale) * weight * largest / Double(requirement[i])).rounded())
        }
        // Arcs: candidates, then line → sink, then supply → sink.
        let sink = Int32(s + l)
        var source = group.arcSupply, target = group.arcLine.map { $0 + Int32(s) }
        var capacity = (0..<e).map { min(supplyUnits[Int(group.arcSupply[$0])], requirement[Int(group.arcLine[$0])]) }
        source += (0..<l).map { Int32(s + $0) }
        target += Array(repeating: sink, count: l)
        capacity += requirement
        source += (0..<s).map { Int32($0) }
        target += Array(repeating: sink, count: s)
        capacity += supplyUnits
        var supply = supplyUnits + Array(repeating: 0, count: l)
        supply.append(-supplyUnits.reduce(0, +))

        let rewardCost = Array(repeating: Int64(0), count: e) + reward.map { -$0 } + Array(repeating: 0, count: s)
        let first = NetworkSimplex(
            nodes: s + l + 1, source: source, target: target, capacity: capacity, cost: rewardCost, supply: supply)
        guard first.solve() else { preconditionFailure("the matching network is always feasible") }

        // Phase 2 over the arcs of reduced cost 0; the others are fixed.
        let distanceCost = (0..<e).map { group.kind == .cash ? 0 : Int64((group.arcDistance[$0] * 10).rounded()) }
            + Array(repeating: 0, count: l + s)
        var fixed = Array(repeating: Int64(0), count: source.count)
        var free: [Int] = []
        for a in source.indices {
            let reduced = first.reducedCost(a)
            if reduced < 0 {
                fixed[a] = capacity[a]
                supply[Int(source[a])] -= capacity[a]
                supply[Int(target[a])] += capacity[a]
            } else if reduced == 0 {
                free.append(a)
            }
        }
        let second = NetworkSimplex(
            nodes: s + l + 1, source: free.map { source[$0] }, target: free.map { target[$0] },
            capacity: free.map { capacity[$0] }, cost: free.map { distanceCost[$0] }, supply: supply)
        guard second.solve() else { preconditionFailure("phase 1's optimum is feasible in phase 2") }
        for (i, a) in free.enumerated() { fixed[a] += second.flow(i) }
        return Solution(flow: Array(fixed[0..<e]), unit: unit, scale: scale)
    }

    /// Each supply, but never more than the lines it reaches can take in
    /// all: exact (the excess could only go unused), and it keeps totals
    /// small when an offer states an absurd quantity.
    private func cappedSupplies(unit: Int64, requirement: [Int64]) -> [Int64] {
        var reach = [Int128](repeating: 0, count: group.supplyCount)
        for a in 0..<group.arcCount { reach[Int(group.arcSupply[a])] += Int128(requirement[Int(group.arcLine[a])]) }
        return group.supplyQuantity.indices.map { Int64(min(Int128(group.supplyQuantity[$0] / unit), reach[$0])) }
    }

    private static func total(_ values: [Int64]) -> Int128 {
        values.reduce(Int128(0)) { $0 + Int128($1) }
    }

    /// The group's flow unit: the greatest common divisor of every quantity
    /// in it (cash lines in whole yuan make the unit 100 fen), so flows stay
    /// small; space counts lines served.
    private func unit() -> Int64 {
        guard group.kind != .space else { return 1 }
        var divisor: Int64 = 0
        for line in group.lines { divisor = gcd(divisor, lines[Int(line)].quantity) }
        for quantity in group.supplyQuantity { divisor = gcd(divisor, quantity) }
        return max(divisor, 1)
    }

    /// S: the largest power of ten up to 10¹² for which every number the
    /// network simplex forms stays inside Int64: rewards are at most
    /// S · (w_max / w_min) · (Q / q_min) + 1, and potentials and reduced
    /// costs at most 8 · (nodes + 2) · (max reward + 1).
    /// nil when not even S = 1 fits (lines differing in size by about 10¹⁴
    /// or more in one group).
    private func rewardScale(requirement: [Int64], nodes: Int) -> Int64? {
        let largest = Double(requirement.max() ?? 1), smallest = Double(requirement.min() ?? 1)
        let weightSpread = group.lines.map { lines[Int($0)].weight }.max().map { $0 / weightFloor } ?? 1
        let limit = Double(Int64.max) / (8 * Double(nodes + 2))
        var scale: Int64 = 1_000_000_000_000
        while Double(scale) * weightSpread * largest / smallest + 2 > limit {
            guard scale > 1 else { return nil }
            scale /= 10
        }
        return scale
    }
}

func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var a = a, b = b
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
