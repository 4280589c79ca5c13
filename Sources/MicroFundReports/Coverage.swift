public import MicroFundLedger

/// The opportunity list (机会清单): each need's requirement per asset
/// against what was pledged, delivered and paid out by this point, its gap,
/// its stage at this point (from the stored history) and its overdue
/// pledges.
extension ReportSource {
    /// `need`: only that need's lines (`need_unknown` if there is none).
    public func coverage(need only: String? = nil) throws(LedgerError) -> Report {
        if let only, state.needs[only] == nil { throw LedgerError(.needUnknown, "need \(only) does not exist") }
        let paid = try payoutsByNeed(from: 0)
        var overdue: [String: Int] = [:]
        if let time {
            for pledge in try pendingPledges(at: sequence) where pledge.deadline < time { overdue[pledge.need, default: 0] += 1 }
        }
        var section = Section(id: "needs", columns: ["need", "stage", "asset", "required", "pledged", "delivered", "paid_out", "gap", "overdue_pledges"])
        for need in state.needs.values.sorted(by: { $0.id < $1.id }) where need.createdAt <= sequence && (only == nil || need.id == only) {
            for asset in need.requirements.keys.sorted() {
                let required = Int128(need.requirements[asset]!)
                let account = balances[.destination(ofNeed: need.id, asset: asset)] ?? Account()
                let gap = max(0, required - Int128(account.creditsPending) - Int128(account.creditsPosted))
                section.rows.append([
                    self.need(need.id), .text((need.stage(at: sequence) ?? need.stage).text), .text(asset.rawValue), .amount(asset, required),
                    .amount(asset, Int128(account.creditsPending)), .amount(asset, Int128(account.creditsPosted)),
                    asset == .cny ? .amount(.cny, paid[need.id] ?? 0) : .empty, .amount(asset, gap), .count(Int64(overdue[need.id] ?? 0)),
                ])
            }
        }
        return report(.coverage, [section])
    }
}
