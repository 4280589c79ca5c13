public import MicroFundLedger
public import MicroFundReports
public import MicroFundStore

/// A `ReportSource` at a sequence number, read through one snapshot: the
/// one wiring of a store's queries into the pure reports, for the CLI and
/// the server alike.
public enum ReportSources {
    public static func source(_ reader: any LedgerReader, state: LedgerState, at sequence: UInt64) throws(ServiceError) -> ReportSource {
        guard let origin = state.origin else { throw ServiceError("not_initialized", "the ledger has no genesis") }
        do {
            return try build(reader, origin: origin, state: state, at: sequence)
        } catch {
            throw ServiceError(error)
        }
    }

    private static func build(_ reader: any LedgerReader, origin: String, state: LedgerState, at sequence: UInt64) throws(LedgerError) -> ReportSource {
        guard let time = try ReportPoint.time(of: sequence, in: reader) else {
            throw LedgerError(.entryUnknown, "the journal has no entry \(sequence)")
        }
        return ReportSource(
            ledger: origin, state: state, sequence: sequence, time: time,
            root: try JournalTree.root(size: sequence, store: reader), balances: try reader.balances(at: sequence),
            transfers: { range throws(LedgerError) in try transfers(reader, range) },
            balancesAt: { sequence throws(LedgerError) in try reader.balances(at: sequence) },
            timeOf: { sequence throws(LedgerError) in try ReportPoint.time(of: sequence, in: reader) },
            motionOf: { id throws(LedgerError) in try reader.motion(id: id) },
            payouts: { range throws(LedgerError) in try reader.payoutTotals(from: range.lowerBound, through: range.upperBound) },
            proofsOf: { entries throws(LedgerError) in try JournalTree.inclusionProofs(sequences: entries, size: sequence, store: reader) },
            pendingPledges: { entry throws(LedgerError) in try reader.pledges(pendingAt: entry) },
            partyTransfers: { party, last throws(LedgerError) in try reader.transfers(ofParty: party, through: last) },
            inKind: { last throws(LedgerError) in try reader.inKindTotals(through: last) })
    }

    /// Stored transfers of a range of entries, as records.
    public static func transfers(_ reader: any LedgerReader, _ range: ClosedRange<UInt64>) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] {
        var out: [(sequence: UInt64, record: TransferRecord)] = []
        // A ledger has few accounts and many transfers: parse each path once.
        var paths: [[UInt8]: AccountPath] = [:]
        func path(_ bytes: [UInt8]) -> AccountPath? {
            if let known = paths[bytes] { return known }
            let parsed = AccountPath(String(decoding: bytes, as: UTF8.self))
            paths[bytes] = parsed
            return parsed
        }
        var next = range.lowerBound
        let page = 65_536
        while next <= range.upperBound {
            let rows = try reader.transfers(from: next, through: range.upperBound, limit: page)
            for row in rows {
                guard let debit = path(row.debit), let credit = path(row.credit), let phase = row.phase
                else { throw LedgerError(.ledgerCorrupt, "a stored transfer of entry \(row.sequence) does not parse") }
                out.append((row.sequence, TransferRecord(debit: debit, credit: credit, amount: row.amount, phase: phase,
                                                         pendingID: row.pendingID.map { String(decoding: $0, as: UTF8.self) })))
            }
            guard rows.count == page, let last = rows.last else { break }
            // A page may end inside an entry: read that entry again whole.
            out.removeAll { $0.sequence == last.sequence }
            guard last.sequence > next else { throw LedgerError(.ledgerCorrupt, "entry \(last.sequence) has too many transfers") }
            next = last.sequence
        }
        return out
    }
}
