import ArgumentParser
import MicroFundLedger
import MicroFundStore

/// `microfund policy show`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: Words.say("The fund's rules.", "基金的规则。"), subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Print the fund's policy in plain words (or as JSON).", "以通俗文字（或 JSON）打印基金规则。"))
        @OptionGroup var data: DataOptions
        @Flag(help: "Print the policy object as canonical JSON instead.")
        var json = false

        func run() async throws {
            let policy = try await data.reader().loadState().policy
            if json {
                StandardOutput.write(String(decoding: try CanonicalJSON.encode(policy.json), as: UTF8.self))
            } else {
                StandardOutput.write(policy.plainWords.joined(separator: "\n"))
            }
        }
    }
}
