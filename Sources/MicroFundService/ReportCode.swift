public import MicroFundLedger

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

extension ReportCode {
    public func meaning(_ language: Language) -> String {
        switch self {
        case .dateOutOfRange: language.pick("the date is outside the ledger's life", "日期超出账本的时间范围")
        case .periodInvalid: language.pick("the period ends before it starts", "期间的结束早于开始")
        case .malformed: language.pick("not a MicroFund report file", "不是 MicroFund 报表文件")
        case .mismatch: language.pick("the report differs from the journal", "报表与日志不一致")
        case .otherLedger: language.pick("the report is of another ledger", "报表属于另一本账")
        }
    }
}

