import MicroFundMatching

/// The pairs the rules allow, found by brute force from the rules alone.
func allowedPairs(_ problem: MatchProblem) -> [(offer: Int, need: Int, line: Int, distance: Double)] {
    var pairs: [(Int, Int, Int, Double)] = []
    for (o, of) in problem.offers.enumerated() {
        for (n, nd) in problem.needs.enumerated() {
            for (l, ln) in nd.lines.enumerated() {
                guard of.kind == ln.kind, of.skill == ln.skill else { continue }
                let d = haversine(nd.location, of.location, problem.earthRadiusMetres)
                if let r = of.radiusMetres, d > r { continue }
                if ln.kind == .space {
                    let w = ln.window!
                    guard of.window.start <= w.start, w.end <= of.window.end, of.quantity >= ln.quantity else { continue }
                } else {
                    guard max(of.window.start, nd.window.start) < min(of.window.end, nd.window.end) else { continue }
                }
                if !of.earmark.categories.isEmpty && !of.earmark.categories.contains(nd.category) { continue }
                if !of.earmark.communities.isEmpty && !of.earmark.communities.contains(nd.community) { continue }
                pairs.append((o, n, l, d))
            }
        }
    }
    return pairs
}

/// The lexicographic optimum (largest P, then least Σ quantity × distance
/// over labour, expertise and space) by trying every allocation; for
/// problems with a handful of pairs and small quantities.
func exhaustiveOptimum(_ problem: MatchProblem) -> (p: Double, distance: Double) {
    let pairs = allowedPairs(problem)
    var offerLeft = problem.offers.map { $0.kind == .space ? Int64(1) : $0.quantity }
    var lineGot = problem.needs.map { $0.lines.map { _ in Int64(0) } }
    var best = (p: -1.0, distance: 0.0)
    func required(_ n: Int, _ l: Int) -> Int64 {
        problem.needs[n].lines[l].kind == .space ? 1 : problem.needs[n].lines[l].quantity
    }
    func visit(_ i: Int, _ distance: Double) {
        if i == pairs.count {
            var p = 0.0
            for (n, nd) in problem.needs.enumerated() {
                for l in nd.lines.indices {
                    p += problem.weight(priority: nd.priority) * Double(lineGot[n][l]) / Double(required(n, l))
                }
            }
            if p > best.p + 1e-12 || (abs(p - best.p) <= 1e-12 && distance < best.distance) { best = (p, distance) }
            return
        }
        let (o, n, l, d) = pairs[i]
        let room = min(offerLeft[o], required(n, l) - lineGot[n][l])
        let perUnit = problem.offers[o].kind == .cash ? 0 : d
        for q in stride(from: Int64(0), through: max(room, 0), by: 1) {
            offerLeft[o] -= q
            lineGot[n][l] += q
            visit(i + 1, distance + Double(q) * perUnit)
            offerLeft[o] += q
            lineGot[n][l] -= q
        }
    }
    visit(0, 0)
    return best
}

/// The largest P by successive shortest augmenting paths (Bellman-Ford on
/// the residual graph, rewards w / required per unit as doubles): a
/// different algorithm and arithmetic from the engine's network simplex.
func augmentingPathOptimum(_ problem: MatchProblem) -> Double {
    let pairs = allowedPairs(problem)
    var lineIndex: [[Int]] = []
    var lines: [(weight: Double, required: Int64)] = []
    for nd in problem.needs {
        lineIndex.append(nd.lines.map { l in
            lines.append((problem.weight(priority: nd.priority), l.kind == .space ? 1 : l.quantity))
            return lines.count - 1
        })
    }
    let offers = problem.offers.count
    let source = 0, sink = 1 + offers + lines.count
    var to: [Int] = [], capacity: [Int64] = [], cost: [Double] = [], adjacency = [[Int]](repeating: [], count: sink + 1)
    func arc(_ u: Int, _ v: Int, _ c: Int64, _ w: Double) {
        adjacency[u].append(to.count); to.append(v); capacity.append(c); cost.append(w)
        adjacency[v].append(to.count); to.append(u); capacity.append(0); cost.append(-w)
    }
    for (o, of) in problem.offers.enumerated() { arc(source, 1 + o, of.kind == .space ? 1 : of.quantity, 0) }
    for (o, n, l, _) in pairs { arc(1 + o, 1 + offers + lineIndex[n][l], Int64.max / 4, 0) }
    for (i, line) in lines.enumerated() { arc(1 + offers + i, sink, line.required, -line.weight / Double(line.required)) }
    var total = 0.0
    while true {
        var distance = [Double](repeating: .infinity, count: sink + 1), via = [Int](repeating: -1, count: sink + 1)
        distance[source] = 0
        for _ in 0...sink {
            var changed = false
            for u in 0...sink where distance[u] < .infinity {
                for e in adjacency[u] where capacity[e] > 0 && distance[u] + cost[e] < distance[to[e]] - 1e-15 {
                    distance[to[e]] = distance[u] + cost[e]
                    via[to[e]] = e
                    changed = true
                }
            }
            if !changed { break }
        }
        guard distance[sink] < -1e-15 else { break }
        var bottleneck = Int64.max, v = sink
        while v != source { bottleneck = min(bottleneck, capacity[via[v]]); v = to[via[v] ^ 1] }
        v = sink
        while v != source { capacity[via[v]] -= bottleneck; capacity[via[v] ^ 1] += bottleneck; v = to[via[v] ^ 1] }
        total -= distance[sink] * Double(bottleneck)
    }
    return total
}

/// A random problem around `origin`: every kind, two skills, earmarks,
/// radii, windows that may miss each other. `scale` multiplies quantities.
func randomProblem(seed: UInt64, needs needCount: Int, offers offerCount: Int, scale: Int64 = 30) -> MatchProblem {
    var random = SeededRandom(seed: seed)
    let kinds = ResourceKind.allCases
    let windows = [TimeWindow(start: 0, end: 43_200), TimeWindow(start: 0, end: 10_000), TimeWindow(start: 20_000, end: 43_200)]
    let skillOf: (ResourceKind, Int) -> String? = { kind, i in
        kind == .labour ? ["painting", "gardening"][i % 2] : kind == .expertise ? ["legal", "architecture"][i % 2] : nil
    }
    var needs: [MatchNeed] = []
    for n in 0..<needCount {
        let window = windows[Int.random(in: 0..<3, using: &random)]
        var lines: [RequirementLine] = []
        for l in 0..<Int.random(in: 1...3, using: &random) {
            let kind = kinds[Int.random(in: 0..<4, using: &random)]
            let id = "n\(n)-\(l)"
            if kind == .space {
                let start = window.start + Int64.random(in: 0..<(window.end - window.start - 60), using: &random)
                lines.append(RequirementLine(id: id, kind: .space, quantity: Int64.random(in: 10...60, using: &random),
                                             window: TimeWindow(start: start, end: min(window.end, start + 1440))))
            } else {
                lines.append(RequirementLine(id: id, kind: kind, skill: skillOf(kind, Int.random(in: 0..<2, using: &random)),
                                             quantity: scale * Int64.random(in: 1...6, using: &random)))
            }
        }
        needs.append(need("n\(n)", priority: Int.random(in: 1...5, using: &random),
                          at: near(north: Double.random(in: -800...800, using: &random), east: Double.random(in: -800...800, using: &random)),
                          category: ["greening", "facade"][Int.random(in: 0..<2, using: &random)],
                          community: ["c1", "c2"][Int.random(in: 0..<2, using: &random)], window: window, lines))
    }
    var offers: [MatchOffer] = []
    for o in 0..<offerCount {
        let kind = kinds[Int.random(in: 0..<4, using: &random)]
        let earmarkRoll = Int.random(in: 0..<6, using: &random)
        let earmark = earmarkRoll == 0 ? Earmark(categories: ["greening"]) : earmarkRoll == 1 ? Earmark(communities: ["c2"]) : Earmark()
        offers.append(MatchOffer(
            id: "o\(o)", party: "p\(o % 7)", kind: kind, skill: skillOf(kind, Int.random(in: 0..<2, using: &random)),
            quantity: kind == .space ? Int64.random(in: 10...80, using: &random) : scale * Int64.random(in: 1...4, using: &random),
            radiusMetres: kind == .cash ? nil : [300, 600, 1200][Int.random(in: 0..<3, using: &random)],
            location: near(north: Double.random(in: -800...800, using: &random), east: Double.random(in: -800...800, using: &random)),
            window: windows[Int.random(in: 0..<3, using: &random)], earmark: earmark))
    }
    return problem(needs, offers)
}
