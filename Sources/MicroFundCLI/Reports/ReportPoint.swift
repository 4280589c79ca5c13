import MicroFundLedger
import MicroFundReports
import MicroFundStore

/// Where a report is taken, in one read snapshot: a sequence number, or the
/// last entry at or before a date (entry times never go back, so a binary
/// search over the journal finds it in about log₂ n reads).
struct ReportPoint {
    let reader: any LedgerReader
    let size: UInt64

    init(_ reader: any LedgerReader) throws {
        self.reader = reader
        size = try reader.treeSize()
    }

    /// The time of entry `sequence`.
    func time(of sequence: UInt64) throws -> Timestamp {
        guard let time = try Self.time(of: sequence, in: reader) else {
            throw CommandFailure(LedgerError(.entryUnknown, "the journal has no entry \(sequence)"))
        }
        return time
    }

    /// The time of entry `sequence`, or nil if the journal has none.
    static func time(of sequence: UInt64, in reader: any LedgerReader) throws(LedgerError) -> Timestamp? {
        guard let row = try reader.entries(from: sequence, limit: 1).first, row.sequence == sequence else { return nil }
        return try JournalEntry.decodeParts(row.bytes).time
    }

    /// `--at N`: 1 to the journal's size.
    func sequence(at value: UInt64) throws -> UInt64 {
        guard value >= 1, value <= size else {
            throw CommandFailure(LedgerError(.entryUnknown, "--at \(value): the journal has entries 1 to \(size)"))
        }
        return value
    }

    /// The last entry accepted at or before `limit`; a time before genesis
    /// or after the last entry's day is an error.
    func sequence(atOrBefore limit: Timestamp, what: String) throws -> UInt64 {
        let first = try time(of: 1)
        guard limit >= first else {
            throw CommandFailure(ReportCode.dateOutOfRange.rawValue, "\(what) is before the ledger's genesis (\(first.text))")
        }
        var low: UInt64 = 1, high = size
        while low < high {
            let middle = low + (high - low + 1) / 2
            if try time(of: middle) <= limit { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// A date (YYYY-MM-DD, a day in the ledger's zone: its first second,
    /// or its last for an end) or an RFC 3339 time with its offset.
    static func parse(_ text: String, clock: LocalClock, endOfDay: Bool, what: String) throws -> Timestamp {
        try TimeText.parse(text, clock: clock, endOfDay: endOfDay, what: what)
    }
}

/// The report commands' own codes (docs/reports.md).
public enum ReportCode: String, CaseIterable, Sendable {
    /// A date before the ledger's genesis, or after now.
    case dateOutOfRange = "report_date_out_of_range"
    /// --from after --to, or a period that ends before it starts.
    case periodInvalid = "report_period_invalid"
    /// A report file that does not parse as microfund-report/1.
    case malformed = "report_malformed"
    /// A report file that differs from what the journal gives at its point.
    case mismatch = "report_mismatch"
    /// A report of another ledger.
    case otherLedger = "report_other_ledger"
}
