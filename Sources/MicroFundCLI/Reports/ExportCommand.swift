import ArgumentParser
import MicroFundLedger
import MicroFundClient
import MicroFundReports
import MicroFundService
import MicroFundStore

/// `microfund export hledger|beancount`: the whole ledger for accountants' tools.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: Words.say("Write the whole ledger as an hledger or beancount journal (posted money and delivered resources).", "把整本账导出为 hledger 或 beancount 日记账（已入账资金与已交付资源）。")
    )

    @OptionGroup var data: DataOptions
    @Argument(help: ArgumentHelp("hledger or beancount.", valueName: "tool"))
    var tool: String
    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        guard JournalExport.Dialect(rawValue: tool) != nil else { throw ValidationError("the tool must be hledger or beancount") }
    }

    func run() async throws {
        let dialect = JournalExport.Dialect(rawValue: tool)!
        if let remote = try data.remote() {
            try Output.write(try await remote.fetch("/v1/export/\(tool)").text, to: out)
            return
        }
        let reader = try await data.reader()
        try Output.write(LedgerExport.journal(reader, state: try reader.loadState()).render(dialect), to: out)
    }
}
