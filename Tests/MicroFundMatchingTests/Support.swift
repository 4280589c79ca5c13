import Foundation
import MicroFundMatching

/// The repository's root, for fixtures.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Shanghai, People's Square: small problems are built around it.
let origin = GeoPoint(latitude: 31.2304, longitude: 121.4737)

/// A point `north` and `east` metres from `origin` (small offsets).
func near(north: Double = 0, east: Double = 0) -> GeoPoint {
    let metresPerDegree = Sphere.meanEarthRadiusMetres * Double.pi / 180
    return GeoPoint(
        latitude: origin.latitude + north / metresPerDegree,
        longitude: origin.longitude + east / (metresPerDegree * cos(origin.latitude * Double.pi / 180)))
}

let wholeMonth = TimeWindow(start: 0, end: 43_200)

func need(
    _ id: String, priority: Int = 3, at location: GeoPoint = origin, category: String = "greening",
    community: String = "c1", window: TimeWindow = wholeMonth, _ lines: [RequirementLine]
) -> MatchNeed {
    MatchNeed(id: id, community: community, category: category, priority: priority, location: location, window: window, lines: lines)
}

func offer(
    _ id: String, _ kind: ResourceKind, _ quantity: Int64, skill: String? = nil, radius: Double? = 500,
    at location: GeoPoint = origin, window: TimeWindow = wholeMonth, earmark: Earmark = Earmark()
) -> MatchOffer {
    MatchOffer(
        id: id, party: "p-" + id, kind: kind, skill: skill, quantity: quantity,
        radiusMetres: kind == .cash && radius == 500 ? nil : radius, location: location, window: window, earmark: earmark)
}

func problem(_ needs: [MatchNeed], _ offers: [MatchOffer]) -> MatchProblem {
    MatchProblem(epoch: "2026-03-02T00:00:00+08:00", needs: needs, offers: offers)
}

/// An independent check of a plan against the rules of docs/matching.md,
/// written from the rules and sharing no code with the engine: each
/// allocation's pair is allowed, no capacity is exceeded, space is one to
/// one and whole, and P is what the allocations give. Returns the broken
/// rules (empty when feasible).
func violations(_ plan: MatchPlan, _ problem: MatchProblem) -> [String] {
    var broken: [String] = []
    var lineOf: [String: (MatchNeed, RequirementLine)] = [:]
    for n in problem.needs { for l in n.lines { lineOf[l.id] = (n, l) } }
    let offerOf = Dictionary(uniqueKeysWithValues: problem.offers.map { ($0.id, $0) })
    var given: [String: Int64] = [:], received: [String: Int64] = [:], pairs = Set<String>()
    for a in plan.allocations {
        guard let (n, l) = lineOf[a.lineId], let o = offerOf[a.offerId] else {
            broken.append("unknown ids \(a.offerId) \(a.lineId)"); continue
        }
        if !pairs.insert(a.offerId + "|" + a.lineId).inserted { broken.append("pair twice \(a.offerId) \(a.lineId)") }
        if a.quantity <= 0 { broken.append("non-positive quantity") }
        if o.kind != l.kind || o.skill != l.skill { broken.append("\(a.offerId) kind or skill differs from \(a.lineId)") }
        let d = haversine(n.location, o.location, problem.earthRadiusMetres)
        if let r = o.radiusMetres, d > r + 1e-6 { broken.append("\(a.offerId) is \(d) m from \(n.id), radius \(r)") }
        if abs(d - a.distanceMetres) > 1 { broken.append("distance \(a.distanceMetres) should be \(d)") }
        if l.kind == .space {
            let w = l.window!
            if !(o.window.start <= w.start && w.end <= o.window.end) { broken.append("\(a.offerId) window does not cover \(a.lineId)") }
            if o.quantity < l.quantity { broken.append("\(a.offerId) area too small for \(a.lineId)") }
            if a.quantity != l.quantity { broken.append("space allocation quantity is not the line's area") }
        } else if max(o.window.start, n.window.start) >= min(o.window.end, n.window.end) {
            broken.append("\(a.offerId) window does not overlap \(n.id)")
        }
        if !o.earmark.categories.isEmpty && !o.earmark.categories.contains(n.category) { broken.append("category earmark") }
        if !o.earmark.communities.isEmpty && !o.earmark.communities.contains(n.community) { broken.append("community earmark") }
        given[o.id, default: 0] += l.kind == .space ? 1 : a.quantity
        received[l.id, default: 0] += l.kind == .space ? 1 : a.quantity
    }
    for (id, q) in given {
        let o = offerOf[id]!
        if q > (o.kind == .space ? 1 : o.quantity) { broken.append("offer \(id) gives \(q) of \(o.quantity)") }
    }
    var p = 0.0
    for n in problem.needs {
        for l in n.lines {
            let got = received[l.id] ?? 0
            let required = l.kind == .space ? 1 : l.quantity
            if got > required { broken.append("line \(l.id) receives \(got) of \(required)") }
            p += problem.weight(priority: n.priority) * min(1, Double(got) / Double(required))
        }
    }
    if abs(p - plan.objective) > 1e-9 * max(1, p) { broken.append("P is \(plan.objective), allocations give \(p)") }
    return broken
}

func haversine(_ a: GeoPoint, _ b: GeoPoint, _ radius: Double) -> Double {
    let r = Double.pi / 180
    let h = pow(sin((b.latitude - a.latitude) * r / 2), 2)
        + cos(a.latitude * r) * cos(b.latitude * r) * pow(sin((b.longitude - a.longitude) * r / 2), 2)
    return 2 * radius * asin(min(1, h.squareRoot()))
}

/// Σ quantity × distance over non-cash allocations (space: distance once).
func flowDistance(_ plan: MatchPlan) -> Double {
    plan.allocations.reduce(0.0) { sum, a in
        switch a.kind {
        case .cash: sum
        case .space: sum + a.distanceMetres
        case .labour, .expertise: sum + Double(a.quantity) * a.distanceMetres
        }
    }
}

/// A deterministic pseudo-random source (SplitMix64) for generated problems.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
