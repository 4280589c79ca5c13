public import MicroFundLedger

/// The fund's cash over a period (after entry `from`, through this point):
/// opening + in − out = closing, where the closing is read from the stored
/// balances and the identity is checked, not assumed; money in by kind of
/// contributor, money out by need (payouts) and by donor (refunds).
extension ReportSource {
    public func statement(from: UInt64) throws(LedgerError) -> Report {
        let opening = Self.fundTotal(try balancesAt(from)), closing = Self.fundTotal(balances)
        var inByKind: [PartyKind: Int128] = [:]
        var payouts: [String: Int128] = [:], refunds: [String: Int128] = [:]
        var received = Int128(0), paidOut = Int128(0)
        let moves = sequence > from ? try totals(from + 1...sequence) : []
        // A payout's need, from its reserve share's transfer in the same
        // motion (`<motion>#reserve` credits the need's reserve); the
        // motion itself only when the policy kept no reserve.
        var needOfMotion: [Substring: String] = [:]
        for record in moves {
            if case .reserve(let need, _) = record.credit, let id = record.pendingID, let motion = id.split(separator: "#").first {
                needOfMotion[motion] = need
            }
        }
        for record in moves where record.phase == .posted || record.phase == .postPending {
            let amount = record.amount
            switch (record.debit.isFund, record.credit.isFund) {
            case (false, true):
                received += amount
                if case .party(let id, _) = record.debit, let kind = state.parties[id]?.kind { inByKind[kind, default: 0] += amount }
            case (true, false):
                paidOut += amount
                if case .party(let id, _) = record.credit {
                    refunds[id, default: 0] += amount
                } else {
                    var need = record.pendingID?.split(separator: "#").first.flatMap { needOfMotion[$0] }
                    if need == nil, let id = record.pendingID { need = try needOfReservation(id) }
                    payouts[need ?? "", default: 0] += amount
                }
            default: continue  // within the fund (a payout's reserve share), or outside it
            }
        }
        var summary = Section(id: "summary", columns: ["line", "amount"])
        summary.rows = [
            [.text("opening"), .amount(.cny, opening)], [.text("in"), .amount(.cny, received)],
            [.text("out"), .amount(.cny, paidOut)], [.text("closing"), .amount(.cny, closing)],
        ]
        var byKind = Section(id: "in_by_kind", columns: ["contributor_kind", "amount"])
        for kind in PartyKind.allCases where inByKind[kind] != nil { byKind.rows.append([.text(kind.rawValue), .amount(.cny, inByKind[kind]!)]) }
        var byNeed = Section(id: "out_by_need", columns: ["need", "amount"])
        for need in payouts.keys.sorted() { byNeed.rows.append([need.isEmpty ? .empty : self.need(need), .amount(.cny, payouts[need]!)]) }
        var byDonor = Section(id: "refunds", columns: ["party", "amount"])
        for party in refunds.keys.sorted() { byDonor.rows.append([self.party(party), .amount(.cny, refunds[party]!)]) }
        var result = report(.statement, [summary, byKind, byNeed, byDonor],
                            checks: [.init(id: "opening_plus_in_minus_out_is_closing", holds: opening + received - paidOut == closing)])
        result.from = from
        return result
    }

    static func fundTotal(_ balances: [AccountPath: Account]) -> Int128 {
        balances.reduce(Int128(0)) { $1.key.isFund ? $0 + Int128($1.value.balance) : $0 }
    }
}
