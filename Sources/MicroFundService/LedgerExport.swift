public import MicroFundLedger
public import MicroFundReports
public import MicroFundStore

/// The whole ledger for accountants' tools (hledger, beancount): the
/// journal's entries with their transfers and notes, read through one
/// snapshot. `microfund export`, the demo's reports and the server's
/// export share it.
public enum LedgerExport {
    /// The journal's entries with their transfers, read through one snapshot.
    public static func journal(_ reader: any LedgerReader, state: LedgerState) throws(ServiceError) -> JournalExport {
        guard let origin = state.origin else { throw ServiceError("not_initialized", "the ledger has no genesis") }
        do { return try build(reader, origin: origin) } catch { throw ServiceError(error) }
    }

    private static func build(_ reader: any LedgerReader, origin: String) throws(LedgerError) -> JournalExport {
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
