import Foundation

/// The feasible (supply, line) pairs of a problem, split into independent
/// groups: one per kind and skill or discipline, since no offer of one
/// group can serve a line of another.
///
/// A supply is one offer, except for cash: cash offers without a radius
/// that share a window and an earmark can serve exactly the same lines at
/// no distance cost, so they are pooled into one supply (exact, and it
/// turns a complete bipartite graph into a small one). Pools are split back
/// onto their offers, in offer-id order, when the plan is written.
public struct CandidateGraph: Sendable {
    let catalogue: Catalogue
    public internal(set) var groups: [Group]

    public struct Group: Sendable {
        public let kind: ResourceKind
        public let skill: String?
        /// Catalogue line numbers (ascending) that have at least one arc.
        var lines: [Int32]
        /// Offer numbers pooled in each supply (ascending; one for non-cash).
        var members: [[Int32]]
        /// Each supply's quantity: the sum of its offers (space: 1).
        var supplyQuantity: [Int64]
        /// Arcs sorted by supply then line: local supply and line numbers
        /// and the great-circle distance in metres.
        var arcSupply: [Int32]
        var arcLine: [Int32]
        var arcDistance: [Double]

        public var arcCount: Int { arcSupply.count }
        public var supplyCount: Int { members.count }
        public var lineCount: Int { lines.count }
    }

    public var arcCount: Int { groups.reduce(0) { $0 + $1.arcCount } }

    /// Builds every group, `workers` groups at a time.
    public init(problem: MatchProblem, workers: Int = 2) {
        let catalogue = Catalogue(problem)
        self.catalogue = catalogue
        let keys = Self.groupKeys(catalogue)
        let built = ParallelMap.run(keys.count, workers: workers) { i in
            Self.group(keys[i], catalogue)
        }
        groups = built.filter { !$0.arcSupply.isEmpty }
    }

    struct GroupKey: Hashable, Comparable {
        let kind: ResourceKind
        let skill: String
        static func < (a: GroupKey, b: GroupKey) -> Bool { (a.kind, a.skill) < (b.kind, b.skill) }
    }

    private static func groupKeys(_ catalogue: Catalogue) -> [GroupKey] {
        Set(catalogue.lines.map { GroupKey(kind: $0.kind, skill: $0.skill ?? "") }).sorted()
    }

    private static func group(_ key: GroupKey, _ catalogue: Catalogue) -> Group {
        let skill: String? = key.skill.isEmpty ? nil : key.skill
        let lines = catalogue.lines.indices.filter {
            catalogue.lines[$0].kind == key.kind && (catalogue.lines[$0].skill ?? "") == key.skill
        }
        let offers = catalogue.offerOrder.filter {
            let o = catalogue.problem.offers[Int($0)]
            return o.kind == key.kind && (o.skill ?? "") == key.skill
        }
        var builder = GroupBuilder(catalogue: catalogue, lines: lines.map { Int32($0) })
        if key.kind == .cash {
            builder.addCash(offers)
        } else {
            builder.addSpatial(offers)
        }
        return builder.finish(kind: key.kind, skill: skill)
    }
}

/// Collects one group's supplies and arcs.
private struct GroupBuilder {
    let catalogue: Catalogue
    let lines: [Int32]
    var members: [[Int32]] = []
    var quantity: [Int64] = []
    var arcSupply: [Int32] = []
    var arcLine: [Int32] = []     // catalogue line numbers until `finish`
    var arcDistance: [Double] = []

    init(catalogue: Catalogue, lines: [Int32]) {
        self.catalogue = catalogue
        self.lines = lines
    }

    /// Labour, expertise, space: each offer its own supply, pairs found
    /// through a k-d tree of the lines' points.
    mutating func addSpatial(_ offers: [Int32]) {
        let radius = catalogue.problem.earthRadiusMetres
        let index = PointIndex(points: lines.map { catalogue.needPoints[Int(catalogue.lines[Int($0)].need)] })
        var hits: [(Int32, Double)] = []
        for offer in offers {
            let o = catalogue.problem.offers[Int(offer)]
            let reach = Sphere.chord(forArc: o.radiusMetres ?? .infinity, radius: radius)
            index.within(reach, of: catalogue.offerPoints[Int(offer)], into: &hits)
            let supply = Int32(members.count)
            var any = false
            for (position, chord) in hits {
                let line = lines[Int(position)]
                guard catalogue.admits(offer: Int(offer), line: Int(line)) else { continue }
                arcSupply.append(supply)
                arcLine.append(line)
                arcDistance.append(Sphere.arc(forChord: chord, radius: radius))
                any = true
            }
            if any {
                members.append([offer])
                quantity.append(o.kind == .space ? 1 : o.quantity)
            }
        }
    }

    /// Cash: offers without a radius pooled by (window, earmark); each pool
    /// and each offer with a radius is one supply, tried against every line.
    mutating func addCash(_ offers: [Int32]) {
        var pools: [[Int32]] = []
        var poolOf: [PoolKey: Int] = [:]
        for offer in offers {
            let o = catalogue.problem.offers[Int(offer)]
            guard o.radiusMetres == nil else {
                pools.append([offer])
                continue
            }
            let key = PoolKey(window: o.window, earmark: o.earmark)
            if let pool = poolOf[key] {
                pools[pool].append(offer)
            } else {
                poolOf[key] = pools.count
                pools.append([offer])
            }
        }
        let radius = catalogue.problem.earthRadiusMetres
        for pool in pools {
            let first = Int(pool[0])
            let o = catalogue.problem.offers[first]
            let supply = Int32(members.count)
            var any = false
            for line in lines {
                guard catalogue.admits(offer: first, line: Int(line)) else { continue }
                let point = catalogue.needPoints[Int(catalogue.lines[Int(line)].need)]
                let chord = ((point - catalogue.offerPoints[first]) * (point - catalogue.offerPoints[first])).sum().squareRoot()
                if let reach = o.radiusMetres, chord > Sphere.chord(forArc: reach, radius: radius) { continue }
                arcSupply.append(supply)
                arcLine.append(line)
                arcDistance.append(0)
                any = true
            }
            if any {
                members.append(pool)
                // Saturating: the solver caps a supply at what its lines can take.
                let total = pool.reduce(Int128(0)) { $0 + Int128(catalogue.problem.offers[Int($1)].quantity) }
                quantity.append(Int64(min(total, Int128(Int64.max / 4))))
            }
        }
    }

    private struct PoolKey: Hashable {
        let window: TimeWindow
        let earmark: Earmark
    }

    /// Keeps only lines with an arc and renumbers arcs to local lines.
    func finish(kind: ResourceKind, skill: String?) -> CandidateGraph.Group {
        var used = Set(arcLine)
        let kept = lines.filter { used.remove($0) != nil }
        var local: [Int32: Int32] = [:]
        for (i, line) in kept.enumerated() { local[line] = Int32(i) }
        return CandidateGraph.Group(
            kind: kind, skill: skill, lines: kept, members: members, supplyQuantity: quantity,
            arcSupply: arcSupply, arcLine: arcLine.map { local[$0]! }, arcDistance: arcDistance)
    }
}
