import ArgumentParser
import Foundation

/// `microfund bench match-engine`: the engine alone on one file in this
/// process, one JSON line of stage timings and peak memory. `bench match`
/// runs it as a child so each size's memory is its own.
struct BenchMatchEngine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match-engine",
        abstract: Words.say("Time the matching engine's stages on one match-instance/1 file (one JSON line).", "对一个 match-instance/1 文件测量匹配引擎各阶段耗时。"),
        shouldDisplay: false
    )

    @Option(help: ArgumentHelp("The match-instance/1 file.", valueName: "file"))
    var instance: String

    @Option(name: .customLong("result-out"), help: ArgumentHelp("Write the match-result/1 here.", valueName: "file"))
    var resultOut: String?

    @Option(help: ArgumentHelp("Threads solving groups.", valueName: "n"))
    var workers = 2

    func run() throws {
        let stages = try MatchStages.run(instance: instance, resultPath: resultOut, workers: workers)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        StandardOutput.write(String(decoding: try encoder.encode(stages), as: UTF8.self))
    }
}
