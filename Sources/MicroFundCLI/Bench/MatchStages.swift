import Foundation
import MicroFundMatching

/// One run of the matching engine on a problem file, each stage timed
/// apart, as `bench match` reports it: what the anchor's "engine time"
/// covers (candidates and solving) and what it does not (reading JSON,
/// writing the result).
struct MatchStages: Codable {
    var readSeconds = 0.0
    var decodeSeconds = 0.0
    var candidatesSeconds = 0.0
    var solveSeconds = 0.0
    var planSeconds = 0.0
    var writeSeconds = 0.0
    var greedySeconds = 0.0
    var objective = 0.0
    var greedyObjective = 0.0
    var fulfilment = 0.0
    var allocations = 0
    var arcs = 0
    var groups = 0
    var smallestScale: Int64 = 0
    var maxRSSMebibytes = 0
    /// Peak resident set once the problem is decoded (the JSON text and
    /// tree are the largest transient).
    var decodedRSSMebibytes = 0

    /// Candidates + solve + plan: everything after decoding and before
    /// writing, as the anchor's engine time is.
    var engineSeconds: Double { candidatesSeconds + solveSeconds + planSeconds }

    static func run(instance: String, resultPath: String?, workers: Int) throws -> MatchStages {
        var stages = MatchStages()
        let (bytes, read) = try Stopwatch.seconds { try ProblemFile.read(instance) }
        stages.readSeconds = read
        let (decoded, decode) = Stopwatch.seconds { Result { try ProblemDecoder.decode(bytes) } }
        stages.decodeSeconds = decode
        let problem = try decoded.get()
        stages.decodedRSSMebibytes = Self.maxRSSMebibytes()
        ProblemFile.releaseFreedMemory()
        let (graph, candidates) = Stopwatch.seconds { CandidateGraph(problem: problem, workers: workers) }
        stages.candidatesSeconds = candidates
        let (solution, solve) = try Stopwatch.seconds { try Matcher.solve(graph, workers: workers) }
        stages.solveSeconds = solve
        let (plan, planning) = Stopwatch.seconds { Matcher.plan(graph, solution) }
        stages.planSeconds = planning
        let (_, write) = try Stopwatch.seconds {
            let text = ResultEncoder.encode(plan)
            if let resultPath {
                try Data(text.utf8).write(to: URL(fileURLWithPath: resultPath))
            }
        }
        stages.writeSeconds = write
        let (greedy, greedyTime) = Stopwatch.seconds { Greedy.plan(graph) }
        stages.greedySeconds = greedyTime
        stages.objective = plan.objective
        stages.greedyObjective = greedy.objective
        stages.fulfilment = plan.fulfilment
        stages.allocations = plan.allocations.count
        stages.arcs = plan.statistics.arcs
        stages.groups = plan.statistics.groups
        stages.smallestScale = plan.statistics.smallestScale
        stages.maxRSSMebibytes = Self.maxRSSMebibytes()
        return stages
    }

    /// Peak resident set of this process so far: `VmHWM` of
    /// /proc/self/status, the high-water mark of this program's own memory
    /// (getrusage's `ru_maxrss` can carry a figure over from before `exec`).
    static func maxRSSMebibytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kibibytes / 1024
    }
}
