import MicroFundCrypto
import MicroFundLedger

/// What an accepted envelope did, in the words of the people who use the
/// fund: `accepted #57: ¥15,000.00 from Pixel Game Studio to 辽源花园 (earmarked)`.
/// Names come from the ledger as it stands after the envelope.
enum Acknowledgement {
    /// `before` is the ledger as it stood before the envelope, for what
    /// only a comparison tells: a vote that repeats an earlier one.
    static func line(_ envelope: Envelope, sequence: UInt64, duplicate: Bool, state: LedgerState, before: LedgerState? = nil) -> String {
        let head = duplicate ? "already accepted as #\(sequence)" : "accepted #\(sequence)"
        var words = describe(envelope, state: state)
        if !duplicate, let before, case .motionApprove(let id) = envelope.body, before.motions[id]?.lifecycle.approvals.contains(envelope.author) == true {
            words += " (already approved; counts once)"
        }
        return "\(head): \(LedgerError.oneLine(words))"
    }

    static func describe(_ envelope: Envelope, state: LedgerState) -> String {
        func party(_ id: String) -> String { state.parties[id]?.name ?? id }
        func need(_ id: String) -> String { state.needs[id]?.title ?? id }
        let clock = LocalClock.of(state)
        func place(_ path: AccountPath) -> String {
            switch path {
            case .earmark(let id, _): "\(need(id)) (earmarked)"
            case .pool: "the pool"
            case .reserve(let id, _): "the maintenance reserve of \(need(id))"
            case .need(let id, _): need(id)
            case .party(let id, _), .paid(let id, _): party(id)
            }
        }
        switch envelope.body {
        case .genesis(let origin, let admin, _, _):
            return "ledger \(origin) founded by \(admin.name)"
        case .tick:
            let expired = state.pledges.values.filter { $0.settledAt == state.sequence && $0.state == .expired }.count
            return "\(expired) overdue pledge\(expired == 1 ? "" : "s") expired"
        case .partyRegister(let registration):
            return "\(registration.name) registered" + (registration.roles.isEmpty ? "" : " as " + registration.roles.map(\.rawValue).sorted().joined(separator: ", "))
        case .partyUpdate(let update):
            let roles = state.parties[update.party]?.roles.map(\.rawValue).sorted().joined(separator: ", ") ?? ""
            return "\(party(update.party)) updated" + (roles.isEmpty ? ", no roles" : ", roles: \(roles)")
        case .keyRotate(let id, let publicKey, let revoke):
            let newID = (try? Ed25519PublicKey(rawRepresentation: publicKey)).flatMap { try? KeyIdentifier.of($0) }.map { " \($0)" } ?? ""
            return "\(party(id)) has a new key\(newID), which signs from the next entry on"
                + (revoke.map { "; key \($0) is revoked and signs nothing more" } ?? "")
        case .keyRevoke(let id, let keyID):
            return "key \(keyID) of \(party(id)) is revoked: it signs nothing from the next entry on"
        case .needCreate(let id, _, let coordinator, _, _):
            return "\(need(id)) proposed by \(party(envelope.author)), coordinated by \(party(coordinator))"
        case .needVoice(let id, let supports, _):
            let tally = state.hearingTally(of: id)
            return "\(party(envelope.author)) \(supports ? "supports" : "objects to") \(need(id)) at its hearing (\(tally.support) for, \(tally.object) against)"
        case .donationRecord(let donor, let amount, let destination, let note):
            return "\(Asset.cny.format(amount)) from \(party(donor)) to \(place(destination))" + noteWords(note)
        case .donationRefund(let donor, let amount, let source, let note):
            return "\(Asset.cny.format(amount)) back to \(party(donor)) from \(place(source))" + noteWords(note)
        case .pledgeMake(let id, let asset, let amount, _, let line, let offer):
            let deadline = state.pledges[envelope.id].map { clock.format($0.deadline) } ?? "?"
            let drawn = offer.map { " from offer \($0)" } ?? ""
            return "\(party(envelope.author)) pledges \(asset.format(amount)) of \(noun(asset))\(drawn) to \(need(id))\(line.map { " (line \($0))" } ?? ""), by \(deadline)"
        case .offerPublish(let offer):
            return "\(party(envelope.author)) offers \(OfferText.quantity(offer)) of \(noun(offer.asset))\(offer.skill.map { " (\($0))" } ?? ""), \(OfferText.reach(offer, clock: clock))"
        case .offerWithdraw(let offer):
            return "offer \(offer) withdrawn"
        case .pledgeConfirm(let id, let amount):
            guard let pledge = state.pledges[id] else { return "pledge \(id) confirmed" }
            return "\(party(envelope.author)) confirms \(pledge.asset.format(amount)) of \(noun(pledge.asset)) from \(party(pledge.party)) to \(need(pledge.need))"
        case .motionPropose(let action, _, let note):
            let motion = state.motions[envelope.id]
            let tally = motion.map { ", \($0.lifecycle.quorum) approvals needed by \(clock.format($0.deadline))" } ?? ""
            return "\(party(envelope.author)) proposes to \(motionWords(action, need: action.need.map(need) ?? "", payee: party))\(tally)" + noteWords(note)
        case .motionApprove(let id), .motionReject(let id):
            guard let motion = state.motions[id] else { return "vote on motion \(id)" }
            let verb = if case .motionApprove = envelope.body { "approves" } else { "rejects" }
            let outcome: String
            switch motion.lifecycle.state {
            case .passed:
                if case .disburse(let id, let payee, _, _) = motion.action {
                    let paid = motion.reservations.filter { if case .paid = $0.credit { true } else { false } }.reduce(Int64(0)) { $0 + $1.amount }
                    let reserve = motion.reservations.filter { if case .reserve = $0.credit { true } else { false } }.reduce(Int64(0)) { $0 + $1.amount }
                    outcome = "; the motion passed: \(Asset.cny.format(paid)) paid to \(party(payee)) for \(need(id)), \(Asset.cny.format(reserve)) to its maintenance reserve"
                } else if let id = motion.action.need {
                    outcome = "; the motion passed: \(need(id)) is now \(state.needs[id]?.stage.text ?? "?")"
                } else {
                    outcome = "; the motion passed: the new policy is in force"
                }
            case .rejected: outcome = "; the motion can no longer pass"
            case .open: outcome = "; \(motion.lifecycle.approvals.count) of \(motion.lifecycle.quorum) approvals"
            case .withdrawn, .expired: outcome = ""
            }
            return "\(party(envelope.author)) \(verb) motion \(id)\(outcome)"
        case .entryReverse(let entry, let reason):
            return "entry \(entry) reversed by \(party(envelope.author)): its transfers are undone (reason: \(reason)); the entry stays in the journal, marked reversed"
        case .motionWithdraw(let id):
            return "motion \(id) withdrawn by \(party(envelope.author))"
        case .pledgeCancel(let id):
            guard let pledge = state.pledges[id] else { return "pledge \(id) cancelled" }
            return "\(party(pledge.party))'s pledge of \(pledge.asset.format(pledge.amount)) to \(need(pledge.need)) cancelled"
        }
    }

    static func motionWords(_ action: Motion.Action, need: String, payee name: (String) -> String = { $0 }) -> String {
        switch action {
        case .advance(_, let stage): "move \(need) to \(stage.rawValue)"
        case .openDispute: "open a dispute on \(need)"
        case .resolveDispute: "resolve the dispute on \(need)"
        case .disburse(_, let payee, let amount, let source):
            "pay \(Asset.cny.format(amount)) to \(name(payee)) for \(need), from \(source.description)"
        case .changePolicy: "change the fund's policy"
        }
    }

    /// `; memo: 春季义卖; reference: 收据 0042`, or nothing.
    static func noteWords(_ note: EntryNote) -> String {
        (note.memo.map { "; memo: \($0)" } ?? "") + (note.reference.map { "; reference: \($0)" } ?? "")
    }

    private static func noun(_ asset: Asset) -> String {
        switch asset {
        case .cny: "cash"
        case .labour: "labour"
        case .expertise: "expertise"
        case .space: "space"
        }
    }
}
