import Hummingbird
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundStore

/// Accounts, parties, needs, offers, pledges, motions, the policy and the
/// match proposal, read from the snapshot the writer last published (state
/// and tree head agree; no read waits for a write).
struct StateRoutes {
    let served: ServedLedger

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/accounts") { request, _ in try await accounts(request) }
        router.get("/v1/accounts/{path}") { request, context in try account(request, context) }
        router.get("/v1/parties") { request, _ in try list(request, PublicViews.parties) }
        router.get("/v1/parties/{id}") { request, context in try party(request, context) }
        router.get("/v1/needs") { request, _ in try list(request, PublicViews.needs) }
        router.get("/v1/needs/{id}") { request, context in try await need(request, context) }
        router.get("/v1/offers") { request, _ in try list(request, PublicViews.offers) }
        router.get("/v1/pledges") { request, _ in try list(request, PublicViews.pledges) }
        router.get("/v1/motions") { request, _ in try list(request, PublicViews.motions) }
        router.get("/v1/motions/{id}") { request, context in try motion(request, context) }
        router.get("/v1/policy") { request, _ in try list(request) { $0.policy.json } }
        router.get("/v1/match") { request, _ in try await match(request) }
    }

    private var state: LedgerState { served.ledger.snapshot }

    private func list(_ request: Request, _ view: (LedgerState) -> JSONValue) throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        return try Reply.json(view(state))
    }

    /// Every account's balances (`microfund balance --json`), now or just
    /// after entry `at`.
    private func accounts(_ request: Request) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["at"])
        guard let at = try query.number("at") else {
            let state = state
            return Reply.json(text: AccountBalances.json(state.accounts.sorted { $0.key < $1.key }, sequence: state.sequence))
        }
        let text: String
        do {
            text = try await served.read { reader in
                let size = try reader.treeSize()
                guard at >= 1, at <= size else { throw LedgerError(.entryUnknown, "at \(at): the journal has entries 1 to \(size)") }
                return AccountBalances.json(try reader.balances(at: at).sorted { $0.key < $1.key }, sequence: at)
            }
        } catch {
            throw Problem.from(error)
        }
        return Reply.json(text: text)
    }

    private func account(_ request: Request, _ context: BasicRequestContext) throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let text = try context.parameters.text("path")
        guard let path = AccountPath(text) else {
            throw Problem(LedgerError(.invalidAccount, "\(LedgerError.oneLine(text)) is not an account path such as fund:pool:CNY"))
        }
        let state = state
        guard let found = state.accounts[path] else {
            throw Problem(LedgerError(.accountUnknown, "\(path) has never held anything"))
        }
        return Reply.json(text: AccountBalances.json([(path, found)], sequence: state.sequence))
    }

    private func party(_ request: Request, _ context: BasicRequestContext) throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let id = try context.parameters.text("id")
        let state = state
        guard let party = state.parties[id] else { throw Problem(LedgerError(.partyUnknown, "\(LedgerError.oneLine(id)) is not a registered party")) }
        return try Reply.json(PublicViews.party(party, keys: state.keys.values.filter { $0.party == id }))
    }

    /// A need with its coverage (the coverage report's row for it, at the
    /// same point).
    private func need(_ request: Request, _ context: BasicRequestContext) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let id = try context.parameters.text("id")
        let state = state
        guard let need = state.needs[id] else { throw Problem(LedgerError(.needUnknown, "\(LedgerError.oneLine(id)) is not a need")) }
        guard case .object(var object) = PublicViews.need(need, state: state) else { throw Problem(.internalError, "the need's view is not an object") }
        let size = state.sequence
        do {
            let coverage = try await served.read { reader in
                try JSONRenderer.json(ReportQuery(reader: reader, state: state, language: .en)
                    .make(.coverage, at: size, date: nil, party: nil, need: id, now: WallClock.now))
            }
            object["coverage"] = coverage
        } catch {
            throw Problem.from(error)
        }
        return try Reply.json(.object(object))
    }

    private func motion(_ request: Request, _ context: BasicRequestContext) throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let id = try context.parameters.text("id")
        guard let motion = state.motions[id] else { throw Problem(LedgerError(.motionUnknown, "\(LedgerError.oneLine(id)) is not a motion")) }
        return try Reply.json(motion.json)
    }

    /// The current proposal (`microfund match --json`), at `time` or now.
    private func match(_ request: Request) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["time"])
        let state = state
        let now: Timestamp
        if let time = query["time"] {
            do { now = try TimeText.parse(time, clock: .of(state), what: "time", language: .en) } catch { throw Problem(error) }
        } else {
            now = WallClock.now
        }
        do {
            return Reply.json(text: try await served.compute { try MatchProposal.json(state, now: now) })
        } catch {
            throw Problem.from(error)
        }
    }
}
