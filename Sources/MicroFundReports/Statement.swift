public import MicroFundLedger

/// The fund's cash over a period (after entry `from`, through this point):
/// opening + in − out = closing, each from stored balances at the two ends
/// (the fund's accounts for opening and closing; donors' and payees'
/// accounts for in and out), so its cost grows with accounts, not with the
/// period's entries; money in by kind of contributor, refunds by donor, and
/// payouts by need from the period's payout transfers. Both the identity
/// and the agreement of payouts by need with what payees received are
/// checked, not assumed.
extension ReportSource {
    public func statement(from: UInt64) throws(LedgerError) -> Report {
        let start = try balancesAt(from)
        let opening = Self.fundTotal(start), closing = Self.fundTotal(balances)
        var inByKind: [PartyKind: Int128] = [:], refunds: [String: Int128] = [:]
        var received = Int128(0), paidToPayees = Int128(0)
        for (path, account) in balances {
            let before = start[path] ?? Account()
            switch path {
            case .party(let id, .cny):
                // A party's cash account is debited only into the fund
                // (donations, cash pledges) and credited only from it (refunds).
                let given = Int128(account.debitsPosted) - Int128(before.debitsPosted)
                let back = Int128(account.creditsPosted) - Int128(before.creditsPosted)
                received += given
                if given != 0, let kind = state.parties[id]?.kind { inByKind[kind, default: 0] += given }
                if back != 0 { refunds[id, default: 0] += back }
            case .paid(_, .cny):
                paidToPayees += Int128(account.creditsPosted) - Int128(before.creditsPosted)
            default:
                continue
            }
        }
        // Corrections are counted apart: a donation's reversal is not a
        // refund, nor a refund's reversal a gift.
        let (corrections, corrected) = try reversals(from: from)
        received -= corrected.refundsUndone
        for (party, amount) in corrected.donationsUndoneBy { refunds[party, default: 0] -= amount }
        refunds = refunds.filter { $0.value != 0 }
        let refunded = refunds.values.reduce(Int128(0), +)
        let correctionTotal = corrected.refundsUndone + corrected.payoutsUndone - corrected.donationsUndone
        if corrected.refundsUndone != 0 || !corrected.donationsUndoneBy.isEmpty {
            for (kind, amount) in corrected.refundsUndoneByKind { inByKind[kind, default: 0] -= amount }
            inByKind = inByKind.filter { $0.value != 0 }
        }
        let payouts = try payoutsByNeed(from: from)
        var summary = Section(id: "summary", columns: ["line", "amount"])
        summary.rows = [
            [.text("opening"), .amount(.cny, opening)], [.text("in"), .amount(.cny, received)],
            [.text("out"), .amount(.cny, refunded + paidToPayees)], [.text("corrections"), .amount(.cny, correctionTotal)],
            [.text("closing"), .amount(.cny, closing)],
        ]
        var byKind = Section(id: "in_by_kind", columns: ["contributor_kind", "amount"])
        for kind in PartyKind.allCases where inByKind[kind] != nil { byKind.rows.append([.text(kind.rawValue), .amount(.cny, inByKind[kind]!)]) }
        var byNeed = Section(id: "out_by_need", columns: ["need", "amount"])
        for need in payouts.keys.sorted() { byNeed.rows.append([need.isEmpty ? .empty : self.need(need), .amount(.cny, payouts[need]!)]) }
        var byDonor = Section(id: "refunds", columns: ["party", "amount"])
        for party in refunds.keys.sorted() { byDonor.rows.append([self.party(party), .amount(.cny, refunds[party]!)]) }
        var result = report(.statement, [summary, byKind, byNeed, byDonor, corrections], checks: [
            .init(id: "opening_plus_in_minus_out_is_closing", holds: opening + received - refunded - paidToPayees + correctionTotal == closing),
            .init(id: "payouts_by_need_match_payees", holds: payouts.values.reduce(Int128(0), +) == paidToPayees),
        ])
        result.from = from
        return result
    }

    /// What the period's reversals undid (docs/protocol.md §4.5), from
    /// their own posted transfers: cash taken back out of the fund
    /// (donations and cash deliveries undone) and put back in (refunds
    /// and payouts undone), with a row per reversal.
    func reversals(from: UInt64) throws(LedgerError) -> (Section, Corrected) {
        var section = Section(id: "reversed", columns: ["entry", "reversal", "amount", "reason"])
        var corrected = Corrected()
        for reversal in state.reversals.values.sorted(by: { $0.sequence < $1.sequence }) where reversal.sequence > from && reversal.sequence <= sequence {
            var net = Int128(0)
            for (_, record) in try transfers(reversal.sequence...reversal.sequence) where record.asset == .cny && record.phase == .posted {
                if record.debit.isFund, case .party(let party, _) = record.credit {
                    corrected.donationsUndone += Int128(record.amount)
                    corrected.donationsUndoneBy[party, default: 0] += Int128(record.amount)
                    net -= Int128(record.amount)
                } else if record.credit.isFund, case .party(let party, _) = record.debit {
                    corrected.refundsUndone += Int128(record.amount)
                    if let kind = state.parties[party]?.kind { corrected.refundsUndoneByKind[kind, default: 0] += Int128(record.amount) }
                    net += Int128(record.amount)
                } else if record.credit.isFund, case .paid = record.debit {
                    // A payout's reversal: the payee's share came back.
                    corrected.payoutsUndone += Int128(record.amount)
                    net += Int128(record.amount)
                }
            }
            section.rows.append([.count(Int64(reversal.original)), .count(Int64(reversal.sequence)), .amount(.cny, net), .name(reversal.reason, id: "")])
        }
        return (section, corrected)
    }

    struct Corrected {
        var donationsUndone = Int128(0), refundsUndone = Int128(0), payoutsUndone = Int128(0)
        var donationsUndoneBy: [String: Int128] = [:]
        var refundsUndoneByKind: [PartyKind: Int128] = [:]
    }

    /// Cash paid to payees in the period, by the need each payout was for.
    /// A payout's need comes from its reserve share's transfer in the same
    /// motion (`<motion>#reserve` credits the need's reserve); the motion
    /// itself is read only when the policy kept no reserve.
    func payoutsByNeed(from: UInt64) throws(LedgerError) -> [String: Int128] {
        sequence > from ? try payoutsByNeed(in: from + 1...sequence) : [:]
    }

    /// The same, for the entries in `range`.
    func payoutsByNeed(in range: ClosedRange<UInt64>) throws(LedgerError) -> [String: Int128] {
        let moves = try payouts(range)
        var needOfMotion: [Substring: String] = [:]
        for record in moves {
            if case .reserve(let need, _) = record.credit, let id = record.pendingID, let motion = id.split(separator: "#").first {
                needOfMotion[motion] = need
            }
        }
        var payouts: [String: Int128] = [:]
        for record in moves {
            guard case .paid = record.credit else { continue }
            var need = record.pendingID?.split(separator: "#").first.flatMap { needOfMotion[$0] }
            if need == nil, let id = record.pendingID { need = try needOfReservation(id) }
            payouts[need ?? "", default: 0] += record.amount
        }
        return payouts
    }

    static func fundTotal(_ balances: [AccountPath: Account]) -> Int128 {
        balances.reduce(Int128(0)) { $1.key.isFund ? $0 + Int128($1.value.balance) : $0 }
    }
}
