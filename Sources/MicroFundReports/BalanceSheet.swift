import MicroFundLedger

/// The fund's position at a point: the pool, each need's earmark and
/// maintenance reserve, what open disbursement motions have reserved, what
/// is available, and what each payee has been paid.
extension ReportSource {
    public func balanceSheet() -> Report {
        var fund = Section(id: "fund", columns: ["account", "need", "balance", "pledged_in", "reserved", "available"])
        var totals = (balance: Int128(0), pledged: Int128(0), reserved: Int128(0))
        var available = true
        for (path, account) in balances.sorted(by: { $0.key < $1.key }) where path.isFund {
            let need: Cell
            switch path {
            case .earmark(let id, _), .reserve(let id, _): need = self.need(id)
            default: need = .empty
            }
            let balance = Int128(account.balance), reserved = Int128(account.debitsPending)
            available = available && balance - reserved >= 0
            fund.rows.append([.text(path.description), need, .amount(.cny, balance), .amount(.cny, Int128(account.creditsPending)),
                              .amount(.cny, reserved), .amount(.cny, balance - reserved)])
            totals = (totals.balance + balance, totals.pledged + Int128(account.creditsPending), totals.reserved + reserved)
        }
        fund.rows.append([.text("total"), .empty, .amount(.cny, totals.balance), .amount(.cny, totals.pledged),
                          .amount(.cny, totals.reserved), .amount(.cny, totals.balance - totals.reserved)])
        var paid = Section(id: "paid", columns: ["party", "paid", "reserved"])
        for (path, account) in balances.sorted(by: { $0.key < $1.key }) {
            guard case .paid(let party, .cny) = path else { continue }
            paid.rows.append([self.party(party), .amount(.cny, Int128(account.balance)), .amount(.cny, Int128(account.creditsPending))])
        }
        return report(.balance, [fund, paid], checks: [.init(id: "available_not_negative", holds: available)])
    }
}
