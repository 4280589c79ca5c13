import Foundation

/// The tables `bench match` prints (Markdown, for Reports/benchmarks.md).
enum BenchMatchReport {
    static func main(instance: String, command: String, engine: [MatchStages], anchor: [MatchAnchor.Report]) -> String {
        let ratios = zip(engine, anchor).map { $0.engineSeconds / $1.engineSeconds }.sorted()
        let median = ratios[ratios.count / 2]
        let e = engine[engine.count / 2], a = anchor[anchor.count / 2]
        let relative = (e.objective - a.objective) / a.objective
        var out = """
            `\(command)` on \((instance as NSString).lastPathComponent), \(engine.count) round(s), engine and anchor alternating

            | round | engine s (candidates + solve + plan) | OR-Tools anchor s (candidates + costs + split) | ratio engine / anchor |
            |---|---|---|---|

            """
        for (i, (r, s)) in zip(engine, anchor).enumerated() {
            out += "| \(i + 1) | \(f(r.engineSeconds)) (\(f(r.candidatesSeconds)) + \(f(r.solveSeconds)) + \(f(r.planSeconds))) | \(f(s.engineSeconds)) (\(f(s.candidatesSeconds)) + … + \(f(s.solveSeconds)) solve) | \(f(r.engineSeconds / s.engineSeconds))× |\n"
        }
        out += """

            | figure | engine | OR-Tools anchor |
            |---|---|---|
            | median ratio of engine times | \(f(median))× | 1× |
            | reading the file | \(f(e.readSeconds)) s | (in load) |
            | decoding JSON | \(f(e.decodeSeconds)) s | \(f(a.loadSeconds)) s (load) |
            | candidates | \(f(e.candidatesSeconds)) s, \(e.arcs) arcs, \(e.groups) groups | \(f(a.candidatesSeconds)) s |
            | solving (2 threads) | \(f(e.solveSeconds)) s | \(f(a.solveSeconds)) s |
            | plan and reasons | \(f(e.planSeconds)) s | (extract, in split) |
            | writing match-result/1 | \(f(e.writeSeconds)) s | not timed |
            | peak RSS | \(e.maxRSSMebibytes) MiB (\(e.decodedRSSMebibytes) MiB at decoding) | \(a.maxRSSMebibytes) MiB |
            | P | \(e.objective) | \(a.objective) |
            | P relative difference (engine − anchor) / anchor | \(String(format: "%.2e", relative)) | |
            | fulfilment | \(f(e.fulfilment, 4)) | |
            | allocations | \(e.allocations) | |
            | smallest reward scale S (P within 1/S of optimal) | \(e.smallestScale) | S = 10⁶ |
            | greedy first-fit P | \(e.greedyObjective) (\(f(e.greedySeconds)) s) | \(a.greedyObjective.map { "\($0)" } ?? "not run") |
            | optimum / greedy | \(f(e.objective / e.greedyObjective, 4)) | |

            """
        return out
    }

    static func growth(_ rows: [(String, MatchStages, MatchAnchor.Report)]) -> String {
        var out = """

            | size | arcs | engine s (cand + solve + plan) | engine peak MiB | anchor s | anchor peak MiB | ratio | engine P | anchor P | greedy P |
            |---|---|---|---|---|---|---|---|---|---|

            """
        for (label, e, a) in rows {
            out += "| \(label) | \(e.arcs) | \(f(e.engineSeconds)) (\(f(e.candidatesSeconds)) + \(f(e.solveSeconds)) + \(f(e.planSeconds))) | \(e.maxRSSMebibytes) | \(f(a.engineSeconds)) | \(a.maxRSSMebibytes) | \(f(e.engineSeconds / a.engineSeconds))× | \(f(e.objective, 4)) | \(f(a.objective, 4)) | \(f(e.greedyObjective, 4)) |\n"
        }
        return out
    }

    private static func f(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
}
