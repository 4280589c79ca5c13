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
        try Output.write(Self.journal(reader, state: try reader.loadState()).render(dialect), to: out)
    }

    /// The journal's entries with their transfers, read through one snapshot.
    static func journal(_ reader: any LedgerReader, state: LedgerState) throws -> JournalExport {
        guard let origin = state.origin else { throw CommandFailure(.notInitialized, "the ledger has no genesis") }
        let size = try reader.treeSize()
        var entries: [JournalExport.Entry] = []
        var next: UInt64 = 1
        // A payout moves at the approval that completes its motion's
        // quorum; its memo and reference are the proposal's.
        var payoutNotes: [String: EntryNote] = [:]
        var transfers = size > 0 ? try ReportSources.transfers(reader, 1...size)[...] : []
        while next <= size {
            let rows = try reader.entries(from: next, limit: 4_096)
            guard !rows.isEmpty else { break }
            for row in rows {
                let parts = try JournalEntry.decodeParts(row.bytes)
                var own: [TransferRecord] = []
                while let first = transfers.first, first.sequence == row.sequence {
                    own.append(first.record)
                    transfers.removeFirst()
                }
                let note: EntryNote
                switch parts.envelope.body {
                case .donationRecord(_, _, _, let given), .donationRefund(_, _, _, let given): note = given
                case .motionPropose(.reversePayout(_, let motion, let reason), _, _):
                    // A payout's reversal moves at its approval too: say what it undoes.
                    payoutNotes[parts.envelope.id] = EntryNote(memo: "reverses the payout of motion \(motion): \(reason)")
                    note = .none
                case .motionPropose(_, _, let given):
                    payoutNotes[parts.envelope.id] = given
                    note = .none
                case .motionApprove(let motion): note = payoutNotes[motion] ?? .none
                case .entryReverse(let entry, let reason): note = EntryNote(memo: "reverses entry \(entry): \(reason)")
                default: note = .none
                }
                entries.append(.init(sequence: row.sequence, time: parts.time, envelopeID: parts.envelope.id, kind: parts.envelope.kind, transfers: own, note: note))
            }
            next = rows.last!.sequence + 1
        }
        return JournalExport(ledger: origin, entries: entries)
    }
}
