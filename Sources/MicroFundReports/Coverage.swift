public import MicroFundLedger

/// The opportunity list (机会清单): each need's requirement per asset
/// against what was pledged, delivered (less what reversals undid) and
/// paid out (less payouts reversed) by this point, its gap,
/// its stage at this point (from the stored history) and its overdue
/// pledges.
extension ReportSource {
    /// `need`: only that need's lines (`need_unknown` if there is none).
    public func coverage(need only: String? = nil) throws(LedgerError) -> Report {
        if let only, state.needs[only] == nil { throw LedgerError(.needUnknown, "need \(only) does not exist") }
        var paid = try payoutsByNeed(from: 0)
        let undone = try undoneByReversals()
        // A payout reversed by this point came back: it is paid out no more.
        for reversal in state.reversals.values where reversal.sequence <= sequence {
            for (need, amount) in try payoutsByNeed(in: reversal.original...reversal.original) { paid[need, default: 0] -= amount }
        }
        var overdue: [String: Int] = [:]
        if let time {
            for pledge in try pendingPledges(at: sequence) where pledge.deadline < time { overdue[pledge.need, default: 0] += 1 }
        }
        var section = Section(id: "needs", columns: ["need", "stage", "asset", "required", "pledged", "delivered", "paid_out", "gap", "overdue_pledges"])
        for need in state.needs.values.sorted(by: { $0.id < $1.id }) where need.createdAt <= sequence && (only == nil || need.id == only) {
            for asset in need.requirements.keys.sorted() {
                let required = Int128(need.requirements[asset]!)
                let destination = AccountPath.destination(ofNeed: need.id, asset: asset)
                let account = balances[destination] ?? Account()
                let delivered = Int128(account.creditsPosted) - (undone[destination] ?? 0)
                let gap = max(0, required - Int128(account.creditsPending) - delivered)
                section.rows.append([
                    self.need(need.id), .text((need.stage(at: sequence) ?? need.stage).text), .text(asset.rawValue), .amount(asset, required),
                    .amount(asset, Int128(account.creditsPending)), .amount(asset, delivered),
                    asset == .cny ? .amount(.cny, paid[need.id] ?? 0) : .empty, .amount(asset, gap), .count(Int64(overdue[need.id] ?? 0)),
                ])
            }
        }
        return report(.coverage, [section])
    }

    /// What reversals by this point took out of what needs' accounts were
    /// given, by account: a gift or a delivery undone (the mirror debits
    /// the need's account), and a payout's return (it credits the earmark
    /// again, which no one gave). Delivered is what was given less these.
    private func undoneByReversals() throws(LedgerError) -> [AccountPath: Int128] {
        var undone: [AccountPath: Int128] = [:]
        for reversal in state.reversals.values where reversal.sequence <= sequence {
            for (_, record) in try transfers(reversal.sequence...reversal.sequence) where record.phase == .posted {
                switch (record.debit, record.credit) {
                case (.earmark, .party), (.need, .party): undone[record.debit, default: 0] += Int128(record.amount)
                case (.paid, .earmark), (.reserve, .earmark): undone[record.credit, default: 0] += Int128(record.amount)
                default: continue
                }
            }
        }
        return undone
    }
}
