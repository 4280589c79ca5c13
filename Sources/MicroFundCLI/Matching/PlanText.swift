import MicroFundMatching

/// A plan for people: one line per allocation, then the objective.
enum PlanText {
    static func render(_ plan: MatchPlan) -> String {
        var out = ""
        for a in plan.allocations {
            out += "\(a.offerId) (\(a.party)) -> \(a.lineId): \(quantityText(a.kind, a.quantity)); \(a.why)\n"
        }
        out += "P = \(plan.objective), fulfilment \(Double(Int((plan.fulfilment * 10000).rounded())) / 100)%, "
            + "\(plan.allocations.count) allocations\n"
        return out
    }

    static func quantityText(_ kind: ResourceKind, _ quantity: Int64) -> String {
        switch kind {
        case .cash: "¥" + String(quantity / 100) + "." + (quantity % 100 < 10 ? "0" : "") + String(quantity % 100)
        case .labour, .expertise: quantity % 60 == 0 ? "\(quantity / 60) h" : "\(quantity) min"
        case .space: "\(quantity) m2"
        }
    }
}
