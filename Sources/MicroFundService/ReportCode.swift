/// The report use cases' own codes (docs/reports.md), beside the ledger's.
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
