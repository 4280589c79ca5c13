import Hummingbird
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundStore

/// `GET /v1/reports/{kind}`: every report the CLI makes, byte-identical to
/// `microfund report KIND` with the same options, computed from one store
/// snapshot; and `GET /v1/export/{tool}`, the hledger or beancount journal.
struct ReportRoutes {
    let served: ServedLedger

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/reports/{kind}") { request, context in try await report(request, context) }
        router.get("/v1/export/{tool}") { request, context in try await export(request, context) }
    }

    private func report(_ request: Request, _ context: BasicRequestContext) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["format", "lang", "at", "date", "from", "to", "party", "need"])
        let name = try context.parameters.text("kind")
        guard let kind = Report.Kind(rawValue: name) else {
            throw Problem(.routeUnknown, "no report \(LedgerError.oneLine(name)); the reports are \(Report.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let formatText = query["format"] ?? "json"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw Problem(.requestInvalid, "format must be json, csv, text or html, not \(LedgerError.oneLine(formatText))")
        }
        let language = try query.language(request)
        let at = try query.number("at")
        let (date, from, to, party, need) = (query["date"], query["from"], query["to"], query["party"], query["need"])
        if [at != nil, date != nil, to != nil].filter({ $0 }).count > 1 { throw Problem(.requestInvalid, "give at most one of at, date and to") }
        if (from != nil || to != nil) && kind != .statement { throw Problem(.requestInvalid, "from and to are for the statement") }
        if (party != nil) != (kind == .contribution) { throw Problem(.requestInvalid, "party goes with, and only with, the contribution statement") }
        if need != nil && kind != .coverage { throw Problem(.requestInvalid, "need goes with the coverage report") }
        do {
            let text = try await served.read { reader in
                let state = try reader.loadDirectory()
                let report = try ReportQuery(reader: reader, state: state, language: language, spelling: { $0 })
                    .make(kind, at: at, date: date, from: from, to: to, party: party, need: need, now: WallClock.now)
                return try format.render(report, language: language, clock: LocalClock.of(state))
            }
            return Reply.text(text, type: format.mediaType)
        } catch {
            throw Problem.from(error)
        }
    }

    private func export(_ request: Request, _ context: BasicRequestContext) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let name = try context.parameters.text("tool")
        guard let dialect = JournalExport.Dialect(rawValue: name) else {
            throw Problem(.routeUnknown, "no export \(LedgerError.oneLine(name)); the tools are hledger and beancount")
        }
        do {
            let text = try await served.read { reader in try LedgerExport.journal(reader, state: try reader.loadState()).render(dialect) }
            return Reply.text(text)
        } catch {
            throw Problem.from(error)
        }
    }
}
