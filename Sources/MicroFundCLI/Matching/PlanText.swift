import MicroFundLedger
import MicroFundMatching

/// A plan for people: one line per allocation, then the objective.
enum PlanText {
    /// A plan over a problem file: ids as the file has them.
    static func render(_ plan: MatchPlan) -> String {
        var out = ""
        for a in plan.allocations {
            out += "\(a.offerId) (\(a.party)) -> \(a.lineId): \(quantityText(a.kind, a.quantity)); \(a.why)\n"
        }
        return out + summary(plan)
    }

    /// A plan over the ledger, in plain words: who gives what to which need.
    static func render(_ plan: MatchPlan, names state: LedgerState) -> String {
        guard !plan.allocations.isEmpty else {
            // Open needs the matcher cannot see: they have no profile.
            let unprofiled = state.needs.values.filter { need in
                guard need.profile == nil, case .at(let stage) = need.stage else { return false }
                return LedgerProblem.openStages.contains(stage)
            }.sorted { $0.id < $1.id }
            let names = unprofiled.map { "\($0.title) (\($0.id))" }.joined(separator: ", ")
            let missing = unprofiled.isEmpty ? "" : "; open needs without a profile (where, when, which lines) cannot be matched: \(names); create them with --profile FILE"
            return "no offer can serve an open need now\(missing)\n" + summary(plan)
        }
        var out = ""
        for a in plan.allocations {
            let who = state.parties[a.party]?.name ?? a.party
            let need = state.needs[a.needId]?.title ?? a.needId
            let line = a.lineId.split(separator: "/").last.map(String.init) ?? a.lineId
            out += "\(who) gives \(quantityText(a.kind, a.quantity)) to \(need) (line \(line), offer \(a.offerId)): \(a.why)\n"
        }
        return out + summary(plan)
    }

    private static func summary(_ plan: MatchPlan) -> String {
        "P = \(plan.objective), fulfilment \(Double(Int((plan.fulfilment * 10000).rounded())) / 100)%, \(plan.allocations.count) allocations\n"
    }

    static func quantityText(_ kind: ResourceKind, _ quantity: Int64) -> String {
        switch kind {
        case .cash: Asset.cny.format(quantity)
        case .labour: Asset.labour.format(quantity) + " of labour"
        case .expertise: Asset.expertise.format(quantity) + " of expertise"
        case .space: "\(quantity) m² of space"
        }
    }
}
