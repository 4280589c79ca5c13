import ArgumentParser
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundStore

/// `microfund export hledger|beancount`: the whole ledger for accountants' tools.
struct ExportCommand: ParsableCommand {
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

    func run() throws {
        let dialect = JournalExport.Dialect(rawValue: tool)!
        let reader = try data.directory.read()
        try Output.write(LedgerExport.journal(reader, state: try reader.loadState()).render(dialect), to: out)
    }
}
