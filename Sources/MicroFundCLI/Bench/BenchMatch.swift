import ArgumentParser
import Foundation

/// `microfund bench match`: the matching engine on the 10,000 × 100,000
/// instance beside OR-Tools (the shared anchor's `solve.py`) in the same
/// run, and how both grow with size.
struct BenchMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: Words.say("Time the matching engine beside OR-Tools (../shared/matching/solve.py) on the same instances.", "在相同实例上对比匹配引擎与 OR-Tools 的耗时。"),
        discussion: """
            Needs the anchor's Python with OR-Tools, numpy and scipy (--python; see \
            ../shared/matching/README.txt: python3 -m venv --system-site-packages VENV && \
            VENV/bin/pip install ortools). Instances are generated with gen_instance.py into \
            --work (kept, so later runs reuse them). Engine and anchor each run as a child \
            process, so each peak memory figure is its own.
            """
    )

    @Option(name: .customLong("anchor"), help: ArgumentHelp("Directory with gen_instance.py and solve.py.", valueName: "dir"))
    var anchorDirectory = "../shared/matching"

    @Option(help: ArgumentHelp("Python that has ortools, numpy and scipy.", valueName: "path"))
    var python = "python3"

    @Option(help: ArgumentHelp("Directory for instances and results.", valueName: "dir"))
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-bench-match").path

    @Option(help: ArgumentHelp("Rounds of engine and anchor, alternating.", valueName: "n"))
    var rounds = 3

    @Option(help: ArgumentHelp("Needs in the main instance (offers are ten times as many).", valueName: "n"))
    var needs = 10_000

    @Option(help: ArgumentHelp("Generator seed.", valueName: "n"))
    var seed = 20_260_301

    @Flag(help: "Also run 100×1k, 1k×10k, 10k×100k and 20k×200k once each for a growth table.")
    var growth = false

    func validate() throws {
        guard rounds >= 1, rounds <= 20 else { throw ValidationError("--rounds must be 1 to 20") }
        guard needs >= 10, needs <= 100_000 else { throw ValidationError("--needs must be 10 to 100,000") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let anchor = MatchAnchor(directory: anchorDirectory, python: python)
        let instance = try self.instance(anchor, needs: needs)
        var engineRuns: [MatchStages] = [], anchorRuns: [MatchAnchor.Report] = []
        for _ in 0..<rounds {
            engineRuns.append(try engine(instance))
            anchorRuns.append(try anchor.solve(instance, scratch: work))
        }
        StandardOutput.write(BenchMatchReport.main(
            instance: instance, command: commandLine, engine: engineRuns, anchor: anchorRuns))
        if growth {
            var rows: [(String, MatchStages, MatchAnchor.Report)] = []
            for size in [100, 1_000, 10_000, 20_000] {
                let file = try self.instance(anchor, needs: size)
                rows.append((Self.label(size), try engine(file), try anchor.solve(file, scratch: work)))
            }
            StandardOutput.write(BenchMatchReport.growth(rows))
        }
    }

    private var commandLine: String {
        "microfund bench match --python \(python) --anchor \(anchorDirectory) --rounds \(rounds)"
            + (needs == 10_000 ? "" : " --needs \(needs)") + (growth ? " --growth" : "")
    }

    private static func label(_ needs: Int) -> String {
        func short(_ n: Int) -> String { n >= 1_000 ? "\(n / 1_000)k" : "\(n)" }
        return "\(short(needs))×\(short(needs * 10))"
    }

    private func instance(_ anchor: MatchAnchor, needs: Int) throws -> String {
        let path = "\(work)/i\(needs)x\(needs * 10)-\(seed).json"
        try anchor.generate(needs: needs, offers: needs * 10, seed: seed, into: path)
        return path
    }

    /// The engine in a child process of this binary.
    private func engine(_ instance: String) throws -> MatchStages {
        let me = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let line = try MatchAnchor.run([me, "bench", "match-engine", "--instance", instance, "--result-out", work + "/engine-result.json"])
        return try JSONDecoder().decode(MatchStages.self, from: Data(line.utf8))
    }
}
