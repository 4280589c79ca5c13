public import MicroFundLedger

/// The fund's position at a point: the pool, each need's earmark and
/// maintenance reserve, what open disbursement motions have reserved, what
/// is available, and what each payee has been paid.
extension ReportSource {
    /// Points the balance sheet's history samples: evenly spaced entries
    /// up to the point, the point itself last.
    static let historyPointsMax = 24

    public func balanceSheet() throws(LedgerError) -> Report {
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
        var history = Section(id: "history", columns: ["entry", "time", "fund_total"])
        let count = UInt64(Self.historyPointsMax)
        let points = sequence <= count ? Array(1...max(sequence, 1)) : (1...count).map { sequence * $0 / count }
        for point in Set(points).sorted() where point <= sequence {
            history.rows.append([.count(Int64(point)), try timeOf(point).map(Cell.time) ?? .empty, .amount(.cny, Self.fundTotal(try balancesAt(point)))])
        }
        return report(.balance, [fund, paid, history], checks: [.init(id: "available_not_negative", holds: available)])
    }
}
