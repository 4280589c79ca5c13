public import MicroFundLedger
public import MicroFundReports
public import MicroFundStore

/// A report asked for by kind and point, as the CLI's options and the
/// server's query parameters give it: resolves the point (`at`, `date`,
/// `to`), checks the period (`from`, `to`), and computes the report from
/// one read snapshot. Both front ends call this, so a report is the same
/// bytes from either.
public struct ReportQuery: Sendable {
    public let reader: any LedgerReader
    public let state: LedgerState
    /// How an option is named in messages: `--date` on the command line,
    /// `date` in a query string.
    public let spelling: @Sendable (String) -> String
    public let language: Language

    public init(reader: any LedgerReader, state: LedgerState, language: Language, spelling: @escaping @Sendable (String) -> String = { "--" + $0 }) {
        self.reader = reader
        self.state = state
        self.language = language
        self.spelling = spelling
    }

    public func make(
        _ kind: Report.Kind, at: UInt64?, date: String?, from: String? = nil, to: String? = nil, fromSequence: UInt64? = nil,
        party: String?, need: String? = nil, now: Timestamp
    ) throws(ServiceError) -> Report {
        let point: ReportPoint
        do { point = try ReportPoint(reader) } catch { throw ServiceError(error) }
        let clock = LocalClock.of(state)
        var sequence = point.size
        if let at { sequence = try point.sequence(at: at, what: spelling("at")) }
        if let date { sequence = try point.sequence(atOrBefore: try bounded(parse(date, "date", end: true, clock), now: now), what: "\(spelling("date")) \(date)") }
        if let to { sequence = try point.sequence(atOrBefore: try bounded(parse(to, "to", end: true, clock), now: now), what: "\(spelling("to")) \(to)") }
        let source = try ReportSources.source(reader, state: state, at: sequence)
        do {
            switch kind {
            case .balance: return try source.balanceSheet()
            case .trial: return source.trialBalance()
            case .coverage:
                var report = try source.coverage(need: need)
                report.need = need
                return report
            case .resources: return try source.resources()
            case .contribution:
                guard let party, state.parties[party] != nil else {
                    throw ServiceError(.partyUnknown, "\(party ?? "") is not a registered party", subject: party)
                }
                return try source.contribution(of: party)
            case .statement:
                var start: UInt64 = fromSequence ?? 0
                if let from {
                    let begin = try parse(from, "from", end: false, clock)
                    if let to, try parse(to, "to", end: true, clock) < begin {
                        throw ServiceError(.periodInvalid, "\(spelling("from")) \(from) is after \(spelling("to")) \(to)")
                    }
                    // Entries before the period's first second.
                    start = try begin <= point.time(of: 1) ? 0 : point.sequence(atOrBefore: Timestamp.fromEpoch(seconds: begin.seconds - 1), what: spelling("from"))
                }
                guard start <= sequence else {
                    throw ServiceError(.periodInvalid, "the period starts after entry \(start), past its end at entry \(sequence)")
                }
                var report = try source.statement(from: start)
                // People read a period as dates: its first entry's time.
                report.fromTime = start < sequence ? try point.time(of: start + 1) : report.time
                return report
            }
        } catch let error as ServiceError {
            throw error
        } catch let error as LedgerError {
            throw ServiceError(error)
        } catch {
            throw ServiceError(.storeFailure, "\(error)")
        }
    }

    private func parse(_ text: String, _ name: String, end: Bool, _ clock: LocalClock) throws(ServiceError) -> Timestamp {
        try TimeText.parse(text, clock: clock, endOfDay: end, what: spelling(name), language: language)
    }

    /// A date after now is an error: the ledger cannot report the future.
    private func bounded(_ time: Timestamp, now: Timestamp) throws(ServiceError) -> Timestamp {
        guard time.seconds <= now.seconds + 86_400 else {
            throw ServiceError(.dateOutOfRange, "\(time.text) is in the future")
        }
        return time
    }
}
