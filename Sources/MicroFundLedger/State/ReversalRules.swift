/// Corrections without lies (docs/protocol.md §4.5): a mistaken donation,
/// refund or delivery confirmation is undone by an `entry.reverse` that
/// posts the mirror image of what it moved, signed by someone with the
/// authority the original needed. The original stays in the journal.
extension LedgerState {
    func validateReversal(_ envelope: Envelope, entry: UInt64, reason: String, history: JournalHistory, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        guard entry >= 1, entry < changes.sequence, let original = try history(entry) else {
            throw LedgerError(.entryUnknown, "the journal has no entry \(entry) to reverse")
        }
        if let earlier = reversals[entry] {
            throw LedgerError(.alreadyReversed, "entry \(entry) was reversed already, by entry \(earlier.sequence)")
        }
        let author = envelope.author
        let mirror: (debit: AccountPath, credit: AccountPath, amount: Int64)
        switch original.body {
        case .donationRecord(let donor, let amount, let destination, _):
            try require(.fundManager, of: author, for: "reverse donations")
            mirror = (destination, .party(donor, .cny), amount)
        case .donationRefund(let donor, let amount, let source, _):
            try require(.fundManager, of: author, for: "reverse refunds")
            mirror = (.party(donor, .cny), source, amount)
        case .pledgeConfirm(let id, let delivered):
            let pledge = try knownPledge(id)
            // The authority that confirmed: the coordinator, or an admin.
            guard needs[pledge.need]?.coordinator == author || parties[author]?.roles.contains(.admin) == true else {
                throw LedgerError(.forbidden, "only the coordinator of \(pledge.need) or an admin may reverse a delivery confirmed to it")
            }
            mirror = (pledge.reservation.credit, pledge.reservation.debit, delivered)
        case .motionApprove, .motionPropose:
            // The approval that carried out a payout: name its motion.
            if let payout = motions.values.first(where: { if case .disburse = $0.action { $0.settledAt == entry } else { false } }) {
                throw LedgerError(.notReversible, "entry \(entry) is the payout of motion \(payout.id): a payout is reversed by a committee motion of type payout.reverse naming motion \(payout.id), not by entry.reverse", subject: payout.id)
            }
            throw LedgerError(.notReversible, "entry \(entry) is a \(original.kind.rawValue): a payout is reversed by a committee motion (payout.reverse), not by entry.reverse")
        case .genesis, .tick, .partyRegister, .partyUpdate, .keyRotate, .keyRevoke, .needCreate, .needVoice, .offerPublish, .offerWithdraw,
             .pledgeMake, .pledgeCancel, .motionReject, .motionWithdraw, .entryReverse:
            throw LedgerError(.notReversible, "entry \(entry) is a \(original.kind.rawValue); only donations, refunds and delivery confirmations are reversed with entry.reverse")
        }
        try postMirror(mirror, of: entry, plan: &plan)
        changes.reversals.append(Reversal(original: entry, sequence: changes.sequence, reason: reason))
    }

    /// Posts the mirror transfer, or says what stands in its way: the money
    /// was refunded, spent or reserved since (`reversal_blocked`).
    private func postMirror(_ mirror: (debit: AccountPath, credit: AccountPath, amount: Int64), of entry: UInt64, plan: inout TransferPlan) throws(LedgerError) {
        if case .party(let party, .cny) = mirror.credit, mirror.debit.asset == .cny {
            let left = plan.contribution(of: party, to: mirror.debit)
            guard mirror.amount <= left else {
                throw LedgerError(.reversalBlocked, "entry \(entry) cannot be reversed: of \(Asset.cny.format(mirror.amount)) from \(party) to \(mirror.debit), only \(Asset.cny.format(left)) is left there unrefunded")
            }
        }
        do {
            try plan.post(debit: mirror.debit, credit: mirror.credit, amount: mirror.amount)
        } catch let error where error.code == .overdraft {
            let available = accounts[mirror.debit]?.available ?? 0
            throw LedgerError(.reversalBlocked, "entry \(entry) cannot be reversed: \(mirror.debit) has \(mirror.debit.asset.format(available)) available (posted less pending), and the reversal takes \(mirror.debit.asset.format(mirror.amount)); what was paid or reserved from it since depends on it")
        }
    }
}

/// The journal's earlier envelopes, by sequence number: what a reversal
/// reads of the entry it undoes. The core has no journal; the store hands
/// this in (reading inside its write transaction), and so does every replay.
public typealias JournalHistory = (UInt64) throws(LedgerError) -> Envelope?
