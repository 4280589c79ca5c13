import ArgumentParser
import MicroFundLedger
import MicroFundStore

/// `microfund policy show`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The fund's rules.", subcommands: [Show.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the fund's policy in plain words (or as JSON).")
        @OptionGroup var data: DataOptions
        @Flag(help: "Print the policy object as canonical JSON instead.")
        var json = false

        func run() throws {
            let policy = try data.directory.read().loadState().policy
            if json {
                StandardOutput.write(String(decoding: try CanonicalJSON.encode(policy.json), as: UTF8.self))
            } else {
                StandardOutput.write(policy.plainWords.joined(separator: "\n"))
            }
        }
    }
}
