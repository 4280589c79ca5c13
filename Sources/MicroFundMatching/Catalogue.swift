/// A problem in canonical order, with names turned into small numbers.
///
/// Lines and offers are sorted by id, so everything the engine does after
/// this point (candidate order, pivots, the allocation chosen among equal
/// optima) depends on the ids only, never on the order of the input: the
/// output is byte-identical for any permutation of the same problem.
struct Catalogue: Sendable {
    let problem: MatchProblem
    /// Lines of every need, sorted by line id.
    let lines: [Line]
    /// Offer indices into `problem.offers`, sorted by offer id.
    let offerOrder: [Int32]
    /// Each need's point in Earth-centred coordinates (metres).
    let needPoints: [SIMD3<Double>]
    /// Each offer's point, by index into `problem.offers`.
    let offerPoints: [SIMD3<Double>]
    let categoryOfNeed: [Int32]
    let communityOfNeed: [Int32]
    /// Each offer's earmark as category / community numbers (sorted;
    /// -1 for a name no need has, so such an earmark admits nothing).
    let earmarkCategories: [[Int32]]
    let earmarkCommunities: [[Int32]]

    struct Line: Sendable {
        let need: Int32
        let index: Int32          // position in the need's `lines`
        let kind: ResourceKind
        let skill: String?
        let quantity: Int64
        let window: TimeWindow
        let weight: Double
    }

    init(_ problem: MatchProblem) {
        self.problem = problem
        let radius = problem.earthRadiusMetres
        var lines: [Line] = []
        var lineIds: [String] = []
        for (n, need) in problem.needs.enumerated() {
            for (i, line) in need.lines.enumerated() {
                lines.append(Line(
                    need: Int32(n), index: Int32(i), kind: line.kind, skill: line.skill,
                    quantity: line.quantity, window: line.window ?? need.window,
                    weight: problem.weight(priority: need.priority)))
                lineIds.append(line.id)
            }
        }
        let lineOrder = lineIds.indices.sorted { lineIds[$0] < lineIds[$1] }
        self.lines = lineOrder.map { lines[$0] }
        offerOrder = problem.offers.indices.sorted { problem.offers[$0].id < problem.offers[$1].id }.map { Int32($0) }
        needPoints = problem.needs.map { Sphere.cartesian($0.location, radius: radius) }
        offerPoints = problem.offers.map { Sphere.cartesian($0.location, radius: radius) }
        var categories: [String: Int32] = [:], communities: [String: Int32] = [:]
        categoryOfNeed = problem.needs.map { need in
            if let known = categories[need.category] { return known }
            categories[need.category] = Int32(categories.count)
            return Int32(categories.count - 1)
        }
        communityOfNeed = problem.needs.map { need in
            if let known = communities[need.community] { return known }
            communities[need.community] = Int32(communities.count)
            return Int32(communities.count - 1)
        }
        earmarkCategories = problem.offers.map { $0.earmark.categories.map { categories[$0] ?? -1 }.sorted() }
        earmarkCommunities = problem.offers.map { $0.earmark.communities.map { communities[$0] ?? -1 }.sorted() }
    }

    func lineId(_ line: Int) -> String {
        let l = lines[line]
        return problem.needs[Int(l.need)].lines[Int(l.index)].id
    }

    func need(ofLine line: Int) -> MatchNeed { problem.needs[Int(lines[line].need)] }

    /// Whether offer `offer`'s earmark lets it serve need `need`.
    func earmarkAdmits(offer: Int, need: Int) -> Bool {
        let categories = earmarkCategories[offer], communities = earmarkCommunities[offer]
        return (categories.isEmpty || categories.contains(categoryOfNeed[need]))
            && (communities.isEmpty || communities.contains(communityOfNeed[need]))
    }

    /// Every rule of a pair but the distance: kind, skill, window (overlap,
    /// or containment and area for space), earmark.
    func admits(offer: Int, line: Int) -> Bool {
        let o = problem.offers[offer], l = lines[line]
        guard o.kind == l.kind, o.skill == l.skill else { return false }
        if l.kind == .space {
            guard o.window.contains(l.window), o.quantity >= l.quantity else { return false }
        } else {
            guard o.window.overlaps(l.window) else { return false }
        }
        return earmarkAdmits(offer: offer, need: Int(l.need))
    }
}
