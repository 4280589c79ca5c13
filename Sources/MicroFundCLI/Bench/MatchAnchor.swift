import Foundation

/// The shared matching anchor (`solve.py`: Google OR-Tools' min-cost flow,
/// one network per kind and skill) and its instance generator, run as
/// child processes beside the engine.
struct MatchAnchor {
    let directory: String
    let python: String

    /// What `solve.py --out` reports, reduced to what the benchmark compares.
    struct Report {
        /// candidates + costs + split_label + split_total: the anchor's
        /// "engine time" (everything after reading the JSON).
        var engineSeconds: Double
        var candidatesSeconds: Double
        var solveSeconds: Double
        var loadSeconds: Double
        var maxRSSMebibytes: Int
        var objective: Double
        var greedyObjective: Double?
    }

    func generate(needs: Int, offers: Int, seed: Int, into path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        try Self.run([python, directory + "/gen_instance.py", "--needs", String(needs), "--offers", String(offers),
                      "--seed", String(seed), "--out", path])
    }

    func solve(_ instance: String, scratch: String) throws -> Report {
        let report = scratch + "/anchor-report.json", result = scratch + "/anchor-result.json"
        try Self.run([python, directory + "/solve.py", instance, "--out", report, "--result-out", result, "--quiet"])
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any],
              let times = object["time_s"] as? [String: Double],
              let rss = object["maxrss_mib_after"] as? [String: Int],
              let answer = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result))) as? [String: Any],
              let objective = answer["P"] as? Double
        else { throw CommandFailure(.benchFailed, "could not read the anchor's report \(report)") }
        let stages = ["candidates", "costs", "split_label", "split_total"]
        return Report(
            engineSeconds: stages.reduce(0) { $0 + (times[$1] ?? 0) },
            candidatesSeconds: times["candidates"] ?? 0,
            solveSeconds: times["split_solve"] ?? (times["split_total"] ?? 0),
            loadSeconds: times["load"] ?? 0,
            maxRSSMebibytes: rss.values.max() ?? 0,
            objective: objective,
            greedyObjective: (object["greedy"] as? [String: Any])?["primary"] as? Double)
    }

    /// Runs a child to completion; its standard output is returned, and a
    /// failure is a `bench_failed` with its standard error.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1_000) }
        guard process.terminationStatus == 0 else {
            throw CommandFailure(.benchFailed, "\(arguments.prefix(3).joined(separator: " ")) failed: \(String(decoding: errorData.suffix(600), as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
