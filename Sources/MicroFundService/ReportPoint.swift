public import MicroFundLedger
public import MicroFundStore

/// Where a report is taken, in one read snapshot: a sequence number, or the
/// last entry at or before a date (entry times never go back, so a binary
/// search over the journal finds it in about log₂ n reads).
public struct ReportPoint: Sendable {
    public let reader: any LedgerReader
    public let size: UInt64

    public init(_ reader: any LedgerReader) throws(LedgerError) {
        self.reader = reader
        size = try reader.treeSize()
    }

    /// The time of entry `sequence`.
    public func time(of sequence: UInt64) throws(ServiceError) -> Timestamp {
        let found: Timestamp?
        do { found = try Self.time(of: sequence, in: reader) } catch { throw ServiceError(error) }
        guard let time = found else {
            throw ServiceError(.entryUnknown, "the journal has no entry \(sequence)")
        }
        return time
    }

    /// The time of entry `sequence`, or nil if the journal has none.
    public static func time(of sequence: UInt64, in reader: any LedgerReader) throws(LedgerError) -> Timestamp? {
        guard let row = try reader.entries(from: sequence, limit: 1).first, row.sequence == sequence else { return nil }
        return try JournalEntry.decodeParts(row.bytes).time
    }

    /// A point given by number (`--at N`, `?at=N`): 1 to the journal's size.
    public func sequence(at value: UInt64, what: String = "--at") throws(ServiceError) -> UInt64 {
        guard value >= 1, value <= size else {
            throw ServiceError(.entryUnknown, "\(what) \(value): the journal has entries 1 to \(size)")
        }
        return value
    }

    /// The last entry accepted at or before `limit`; a time before genesis
    /// or after the last entry's day is an error.
    public func sequence(atOrBefore limit: Timestamp, what: String) throws(ServiceError) -> UInt64 {
        let first = try time(of: 1)
        guard limit >= first else {
            throw ServiceError(.dateOutOfRange, "\(what) is before the ledger's genesis (\(first.text))")
        }
        var low: UInt64 = 1, high = size
        while low < high {
            let middle = low + (high - low + 1) / 2
            if try time(of: middle) <= limit { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
