public import MicroFundLedger
public import MicroFundReports

/// The formats a report is rendered in, the same bytes from the CLI
/// (`--format`) and the server (`?format=`).
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, csv, json, html

    public func render(_ report: Report, language: Language, clock: LocalClock) throws(ServiceError) -> String {
        switch self {
        case .text: return TextRenderer.render(report, language: language, clock: clock)
        case .csv: return CSVRenderer.render(report, language: language, clock: clock)
        case .html: return HTMLRenderer.render(report, language: language, clock: clock)
        case .json:
            do { return try JSONRenderer.render(report) + "\n" } catch { throw ServiceError(error) }
        }
    }

    /// The media type a server answers with.
    public var mediaType: String {
        switch self {
        case .text: "text/plain; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        case .html: "text/html; charset=utf-8"
        }
    }
}
