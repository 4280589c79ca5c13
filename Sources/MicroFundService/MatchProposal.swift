public import MicroFundLedger
public import MicroFundMatching

/// The opportunity list's proposal: who gives what to which need, solved
/// on the ledger's open needs and live offers at a time (`microfund
/// match`, `GET /v1/match`).
public enum MatchProposal {
    public static func solve(_ problem: MatchProblem, greedy: Bool = false) throws(ServiceError) -> MatchPlan {
        let graph = CandidateGraph(problem: problem)
        if greedy { return Greedy.plan(graph) }
        do {
            return Matcher.plan(graph, try Matcher.solve(graph))
        } catch {
            throw ServiceError(error.code.rawValue, error.message)
        }
    }

    /// The ledger's proposal at `now`, as match-result/1 JSON.
    public static func json(_ state: LedgerState, now: Timestamp) throws(ServiceError) -> String {
        ResultEncoder.encode(try solve(LedgerProblem(state, now: now).problem))
    }
}
