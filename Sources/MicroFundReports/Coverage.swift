public import MicroFundLedger

/// The opportunity list (机会清单): each need's requirement per asset
/// against what was pledged, delivered and paid out by this point, its gap,
/// its stage and its overdue pledges.
extension ReportSource {
    /// `need`: only that need's lines (`need_unknown` if there is none).
    public func coverage(need only: String? = nil) throws(LedgerError) -> Report {
        if let only, state.needs[only] == nil { throw LedgerError(.needUnknown, "need \(only) does not exist") }
        var paid: [String: Int128] = [:]
        let moves = sequence > 0 ? try transfers(1...sequence) : []
        for (_, record) in moves where record.phase == .postPending || record.phase == .posted {
            guard case .paid = record.credit, let id = record.pendingID, let need = try needOfReservation(id) else { continue }
            paid[need, default: 0] += Int128(record.amount)
        }
        var section = Section(id: "needs", columns: ["need", "stage", "asset", "required", "pledged", "delivered", "paid_out", "gap", "overdue_pledges"])
        for need in state.needs.values.sorted(by: { $0.id < $1.id }) where need.createdAt <= sequence && (only == nil || need.id == only) {
            let overdue = state.pledges.values.filter { pledge in
                pledge.need == need.id && pledge.madeAt <= sequence && (pledge.settledAt.map { $0 > sequence } ?? true)
                    && time.map { pledge.deadline < $0 } == true
            }.count
            for asset in need.requirements.keys.sorted() {
                let required = Int128(need.requirements[asset]!)
                let account = balances[.destination(ofNeed: need.id, asset: asset)] ?? Account()
                let gap = max(0, required - Int128(account.creditsPending) - Int128(account.creditsPosted))
                section.rows.append([
                    self.need(need.id), .text(need.stage.text), .text(asset.rawValue), .amount(asset, required),
                    .amount(asset, Int128(account.creditsPending)), .amount(asset, Int128(account.creditsPosted)),
                    asset == .cny ? .amount(.cny, paid[need.id] ?? 0) : .empty, .amount(asset, gap), .count(Int64(overdue)),
                ])
            }
        }
        return report(.coverage, [section])
    }
}
