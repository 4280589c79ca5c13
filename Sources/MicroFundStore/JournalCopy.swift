public import MicroFundLedger

/// A journal held in memory (one fetched from a server, or read from a
/// file): a full `LedgerReader` through the protocols' defaults, each
/// query computed by replaying it. What the CLI reads through when it
/// talks to a server, after checking the copy against the operator's
/// signed checkpoint.
public struct JournalCopy: LedgerReader {
    public let rows: [StoredEntry]

    /// Entries in order from 1, each decoded to index its envelope id and
    /// content hash; a gap or a sequence out of order is `ledger_corrupt`.
    public init(entries: [[UInt8]]) throws(LedgerError) {
        var rows: [StoredEntry] = []
        rows.reserveCapacity(entries.count)
        for bytes in entries {
            let (sequence, _, envelope) = try JournalEntry.decodeParts(bytes)
            guard sequence == UInt64(rows.count + 1) else {
                throw LedgerError(.ledgerCorrupt, "journal entry \(rows.count + 1) is missing (found \(sequence))")
            }
            rows.append(StoredEntry(sequence: sequence, envelopeID: envelope.id, contentHash: envelope.contentHash, bytes: bytes))
        }
        self.rows = rows
    }

    public func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] {
        guard sequence >= 1, sequence <= UInt64(rows.count), limit > 0 else { return [] }
        let start = Int(sequence - 1)
        return Array(rows[start..<min(rows.count, start + limit)])
    }

    public func treeSize() throws(LedgerError) -> UInt64 { UInt64(rows.count) }
}
