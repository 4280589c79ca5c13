import Foundation
import MicroFundMatching
import Testing

@Suite("The matcher's plan is feasible and optimal")
struct OptimalityTests {
    @Test("tiny random problems: P and then distance equal an exhaustive search's")
    func exhaustive() throws {
        var compared = 0
        for seed in 0..<400 {
            let p = randomProblem(seed: UInt64(seed), needs: 2, offers: 5, scale: 1)
            let pairs = allowedPairs(p).count
            guard pairs >= 2, pairs <= 7 else { continue }
            compared += 1
            try check(p, seed: seed)
        }
        #expect(compared >= 50)
    }

    private func check(_ p: MatchProblem, seed: Int) throws {
        let plan = try Matcher.match(p)
        #expect(violations(plan, p) == [])
        let best = exhaustiveOptimum(p)
        #expect(abs(plan.objective - best.p) <= 1e-9, "seed \(seed): \(plan.objective) vs \(best.p)")
        // Distances are priced in whole decimetres: within 0.05 m a unit.
        let units = plan.allocations.reduce(0.0) { $0 + ($1.kind == .space ? 1 : Double($1.quantity)) }
        #expect(flowDistance(plan) <= best.distance + 0.05 * units + 1e-6, "seed \(seed)")
    }

    @Test("medium random problems: P equals successive shortest paths'", arguments: 0..<12)
    func augmentingPaths(seed: Int) throws {
        let p = randomProblem(seed: 1000 + UInt64(seed), needs: 25, offers: 60)
        let plan = try Matcher.match(p)
        #expect(violations(plan, p) == [])
        let best = augmentingPathOptimum(p)
        #expect(abs(plan.objective - best) <= 1e-9 * max(1, best), "seed \(seed): \(plan.objective) vs \(best)")
        #expect(plan.objective >= Greedy.plan(CandidateGraph(problem: p)).objective - 1e-9)
    }

    @Test("the 100 x 1,000 fixture reaches OR-Tools' recorded optimum, feasibly")
    func fixture() throws {
        let bytes = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/matching/i100x1k.json")))
        let problem = try ProblemDecoder.decode(bytes)
        let plan = try Matcher.match(problem)
        #expect(violations(plan, problem) == [])
        // ../shared/matching/README.txt: OR-Tools' P at full precision.
        let recorded = 483.52017963329115
        #expect(abs(plan.objective - recorded) <= 1e-9 * recorded)
        #expect(abs(plan.objective - augmentingPathOptimum(problem)) <= 1e-9 * recorded)
        let greedy = Greedy.plan(CandidateGraph(problem: problem))
        #expect(violations(greedy, problem) == [])
        #expect(abs(greedy.objective - 433.8344028582323) <= 1e-9 * recorded)
    }

    @Test("the same problem in any order gives byte-identical output", arguments: 0..<6)
    func determinism(seed: Int) throws {
        let p = randomProblem(seed: 77 + UInt64(seed), needs: 30, offers: 80)
        let first = ResultEncoder.encode(try Matcher.match(p))
        var random = SeededRandom(seed: UInt64(seed))
        var shuffled = p
        shuffled.needs.shuffle(using: &random)
        for i in shuffled.needs.indices { shuffled.needs[i].lines.shuffle(using: &random) }
        shuffled.offers.shuffle(using: &random)
        #expect(ResultEncoder.encode(try Matcher.match(shuffled, workers: 1)) == first)
        #expect(ResultEncoder.encode(try Matcher.match(p, workers: 2)) == first)
    }
}
