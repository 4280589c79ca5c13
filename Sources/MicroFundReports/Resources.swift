public import MicroFundLedger

/// In-kind resources (labour and expertise hours, space m²·days) pledged,
/// delivered, cancelled and expired, per party and per need, from the
/// pledges' transfers up to this point.
extension ReportSource {
    public func resources() throws(LedgerError) -> Report {
        struct Tally { var pledged = Int128(0), delivered = Int128(0), cancelled = Int128(0), expired = Int128(0) }
        var byParty: [String: [Asset: Tally]] = [:], byNeed: [String: [Asset: Tally]] = [:]
        for total in try inKind() {
            let amount = total.amount
            func add(_ tally: inout Tally) {
                switch total.phase {
                case .pending: tally.pledged += amount
                case .postPending: tally.delivered += amount
                case .voidPending:
                    if total.released == .expired { tally.expired += amount } else { tally.cancelled += amount }
                case .posted: tally.delivered += amount
                }
            }
            add(&byParty[total.party, default: [:]][total.asset, default: Tally()])
            add(&byNeed[total.need, default: [:]][total.asset, default: Tally()])
        }
        let columns = ["asset", "pledged", "delivered", "cancelled", "expired", "outstanding"]
        func rows(_ tallies: [String: [Asset: Tally]], _ who: (String) -> Cell) -> [[Cell]] {
            tallies.keys.sorted().flatMap { id in
                tallies[id]!.keys.sorted().map { asset in
                    let t = tallies[id]![asset]!
                    return [who(id), .text(asset.rawValue), .amount(asset, t.pledged), .amount(asset, t.delivered), .amount(asset, t.cancelled),
                            .amount(asset, t.expired), .amount(asset, t.pledged - t.delivered - t.cancelled - t.expired)]
                }
            }
        }
        let parties = Section(id: "by_party", columns: ["party"] + columns, rows: rows(byParty, party))
        let needs = Section(id: "by_need", columns: ["need"] + columns, rows: rows(byNeed, need))
        return report(.resources, [parties, needs])
    }
}
