import MicroFundLedger

/// Writes a plan as `match-result/1` (docs/matching.md): one object, the
/// allocations one per text line so results diff well, P and fulfilment as
/// the shortest text that reads back as the same double.
public enum ResultEncoder {
    public static func encode(_ plan: MatchPlan) -> String {
        var out = "{\"schema\":\"match-result/1\",\"P\":\(number(plan.objective)),"
            + "\"fulfilment\":\(number(plan.fulfilment)),\"allocations\":["
        for (i, a) in plan.allocations.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "{\"offer\":\(CanonicalJSON.quoted(a.offerId)),\"line\":\(CanonicalJSON.quoted(a.lineId)),\"quantity\":\(a.quantity),"
            out += "\"distanceMetres\":\(number((a.distanceMetres * 1000).rounded() / 1000)),\"why\":\(CanonicalJSON.quoted(a.why))}"
        }
        out += plan.allocations.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }

    /// Swift's shortest round-trip form, which is valid JSON for finite
    /// values ("483.52017963329115", "0.0", "1e-07").
    static func number(_ value: Double) -> String {
        precondition(value.isFinite)
        return "\(value)"
    }

}
