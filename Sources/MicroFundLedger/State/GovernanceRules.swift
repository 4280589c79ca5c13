/// Committee motions: who proposes, who may count, what a passed motion
/// does. The counting is `MotionLifecycle`'s and the stages are
/// `NeedStageMachine`'s; this file connects them to the ledger.
extension LedgerState {
    /// Who may not count toward a motion, and why: its proposer, the
    /// need's coordinator, and for a disbursement the payee and everyone of
    /// the payee's organisation (parties acting for the payee, the
    /// organisation the payee acts for, and those acting for it too).
    public func conflicts(of motion: (proposer: String, action: Motion.Action)) -> [String: String] {
        var reasons = [motion.proposer: "it proposed the motion"]
        if let need = motion.action.need, let coordinator = needs[need]?.coordinator, reasons[coordinator] == nil {
            reasons[coordinator] = "it coordinates \(need)"
        }
        if let payee = payee(of: motion.action) {
            if reasons[payee] == nil { reasons[payee] = "it is the payee" }
            let organisation = parties[payee]?.organisation
            for party in parties.values where reasons[party.id] == nil {
                if party.organisation == payee || party.id == organisation || (organisation != nil && party.organisation == organisation) {
                    reasons[party.id] = "it belongs to the payee's organisation"
                }
            }
        }
        return reasons
    }

    /// The party a motion pays, or takes money back from: the payee of a
    /// disbursement, or of the payout a reversal undoes.
    public func payee(of action: Motion.Action) -> String? {
        switch action {
        case .disburse(_, let payee, _, _): payee
        case .reversePayout(_, let motion, _): if case .disburse(_, let payee, _, _)? = motions[motion]?.action { payee } else { nil }
        case .advance, .openDispute, .resolveDispute, .changePolicy: nil
        }
    }

    /// Cash reserved for `need` by open disbursement motions, and paid by
    /// passed ones not reversed since.
    public func disbursements(of need: String) -> (reserved: Int64, paid: Int64) {
        payouts[need] ?? (0, 0)
    }

    func validateProposal(_ envelope: Envelope, action: Motion.Action, deadline: Timestamp?, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        let committee = committee
        var quorum = policy.tiers.first?.approvals ?? committee.count / 2 + 1
        if case .changePolicy = action {
            guard committee.contains(author) else { throw LedgerError(.forbidden, "only committee members propose policy changes") }
            quorum = committee.count / 2 + 1
        } else {
            guard let id = action.need, let need = needs[id] else { throw LedgerError(.needUnknown, "need \(action.need ?? "") does not exist", subject: action.need) }
            guard committee.contains(author) || need.coordinator == author else {
                throw LedgerError(.forbidden, "only committee members and the need's coordinator propose motions")
            }
            // What the motion would do must be possible now (and is checked again when it passes).
            var machine = NeedStageMachine(state: need.stage)
            switch action {
            case .disburse(_, let payee, let amount, let source):
                quorum = try checkDisbursement(need: need, payee: payee, amount: amount, from: source, counting: amount)
            case .reversePayout(_, let motion, _):
                // The approvals the payout had; its money must still be
                // there to return (tried on a copy of the plan).
                let (original, _) = try reversiblePayout(motion, of: need.id, excluding: envelope.id)
                quorum = original.lifecycle.quorum
                var trial = plan
                try returnPayout(original, plan: &trial)
            case .advance, .openDispute, .resolveDispute, .changePolicy:
                _ = try move(&machine, action, need: need.id)
            }
        }
        let deadline = deadline ?? Timestamp.fromEpoch(seconds: changes.time.seconds + policy.motionLifetimeDays * 86_400)
        guard deadline > changes.time else {
            throw LedgerError(.deadlinePassed, "the motion's deadline must come after the ledger's time of acceptance")
        }
        let eligible = committee.subtracting(conflicts(of: (author, action)).keys)
        guard eligible.count >= quorum else {
            throw LedgerError(.quorumUnreachable, "\(quorum) approvals are needed but only \(eligible.count) committee members may count toward this motion")
        }
        var reservations: [PendingTransfer] = []
        if case .disburse(let need, let payee, let amount, let source) = action {
            // Reserved at once, so two proposals together never spend more
            // than the fund holds (the pending debits count).
            for (credit, part, suffix) in payoutParts(need: need, payee: payee, amount: amount) {
                let reservation = PendingTransfer(id: envelope.id + suffix, debit: source, credit: credit, amount: part, expiry: deadline, openedAt: changes.sequence)
                try plan.open(reservation)
                reservations.append(reservation)
            }
        }
        changes.motions.append(Motion(
            id: envelope.id, proposer: author, action: action, deadline: deadline,
            lifecycle: MotionLifecycle(quorum: quorum, eligible: eligible), reservations: reservations, proposedAt: changes.sequence
        ))
    }

    /// The rules a disbursement must meet when proposed and again when it
    /// passes; returns the approvals it needs. `counting` is what it adds
    /// to what the need has been paid or has reserved.
    private func checkDisbursement(need: Need, payee: String, amount: Int64, from source: AccountPath, counting: Int64) throws(LedgerError) -> Int {
        guard parties[payee] != nil else { throw LedgerError(.partyUnknown, "the payee \(payee) is not a registered party", subject: payee) }
        switch source {
        case .pool(.cny):
            break
        case .earmark(let other, .cny):
            guard other == need.id else {
                throw LedgerError(.earmarkMisuse, "money earmarked for \(other) goes only to \(other), not to \(need.id)")
            }
        case .pool, .earmark, .reserve, .need, .party, .paid:
            throw LedgerError(.invalidAccount, "a disbursement comes from fund:pool:CNY or the need's earmark")
        }
        guard case .at(let stage) = need.stage else {
            throw LedgerError(.needDisputed, "\(need.id) is disputed: payouts wait until the dispute is resolved")
        }
        let (approvals, hearing) = policy.approvals(forAmount: amount, committeeSize: committee.count)
        if hearing, stage < .hearingPassed {
            throw LedgerError(.hearingRequired, "a disbursement of \(Asset.cny.format(amount)) needs \(need.id) to have passed its public hearing")
        }
        let cap = NeedStageMachine(state: need.stage).payoutCap(requirement: need.requirements[.cny] ?? 0, shareBeforeAcceptanceBasisPoints: policy.shareBeforeAcceptanceBasisPoints)
        let (reserved, paid) = disbursements(of: need.id)
        guard Int128(paid) + Int128(reserved) + Int128(counting) <= Int128(cap) else {
            throw LedgerError(.payoutCap, "\(need.id) may have at most \(Asset.cny.format(cap)) paid out at its stage (\(stage.rawValue)); \(Asset.cny.format(Int128(paid) + Int128(reserved))) is paid or reserved")
        }
        return approvals
    }

    /// A payout split between the payee and the need's maintenance reserve.
    /// The reserve share uses the policy in force when the payout is
    /// proposed; the reservations keep it from then on.
    private func payoutParts(need: String, payee: String, amount: Int64) -> [(AccountPath, Int64, String)] {
        let reserve = Int64(Int128(amount) * Int128(policy.reserveShareBasisPoints) / 10_000)
        return [(AccountPath.paid(payee, .cny), amount - reserve, "#paid"), (AccountPath.reserve(need: need, .cny), reserve, "#reserve")].filter { $0.1 > 0 }
    }

    /// Closes what a disbursement motion reserved: all of it paid, or all
    /// released, for exactly the amounts reserved.
    private func settleReservation(_ motion: Motion, pay: Bool, plan: inout TransferPlan) throws(LedgerError) {
        for reservation in motion.reservations {
            try plan.close(reservation, posted: pay ? reservation.amount : 0)
        }
    }

    func validateVote(_ envelope: Envelope, motion id: String, approve: Bool, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let voter = envelope.author
        guard var motion = motions[id] else { throw LedgerError(.motionUnknown, "motion \(id) does not exist", subject: id) }
        guard committee.contains(voter) else {
            throw LedgerError(.forbidden, "only committee members vote on motions")
        }
        guard motion.lifecycle.state == .open else {
            throw LedgerError(.motionClosed, "motion \(id) is already \(motion.lifecycle.state.rawValue)")
        }
        guard changes.time <= motion.deadline else {
            throw LedgerError(.motionExpired, "motion \(id) passed its deadline \(motion.deadline)")
        }
        // Conflicts are judged again at each vote: a member who joined the
        // payee's organisation since the proposal no longer counts.
        if let reason = conflicts(of: (motion.proposer, motion.action))[voter] {
            throw LedgerError(.conflictOfInterest, "\(voter) may not count toward motion \(id): \(reason)")
        }
        switch approve ? motion.lifecycle.approve(by: voter) : motion.lifecycle.reject(by: voter) {
        case .refuse(.notEligible):
            let reason = conflicts(of: (motion.proposer, motion.action))[voter] ?? "it has a conflict of interest"
            throw LedgerError(.conflictOfInterest, "\(voter) may not count toward motion \(id): \(reason)")
        case .refuse(.alreadyVoted):
            throw LedgerError(.alreadyVoted, "\(voter) already voted the other way on motion \(id)")
        case .refuse(.closed):
            throw LedgerError(.motionClosed, "motion \(id) is closed")
        case .counted, .countedOnce:
            break
        case .carryOut:
            try carryOut(motion, plan: &plan, changes: &changes)
            motion.settledAt = changes.sequence
        case .release:
            try settleReservation(motion, pay: false, plan: &plan)
            motion.settledAt = changes.sequence
        }
        changes.motions.append(motion)
    }

    func validateWithdrawal(_ envelope: Envelope, motion id: String, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        guard var motion = motions[id] else { throw LedgerError(.motionUnknown, "motion \(id) does not exist", subject: id) }
        guard envelope.author == motion.proposer else {
            throw LedgerError(.forbidden, "only the proposer of motion \(id) may withdraw it")
        }
        guard case .release = motion.lifecycle.withdraw() else {
            throw LedgerError(.motionClosed, "motion \(id) is already \(motion.lifecycle.state.rawValue)")
        }
        try settleReservation(motion, pay: false, plan: &plan)
        motion.settledAt = changes.sequence
        changes.motions.append(motion)
    }

    /// `ledger.tick`'s share: open motions past their deadline expire.
    func expireMotions(plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) -> Int {
        let overdue = overdueMotions(at: changes.time)
        for var motion in overdue {
            _ = motion.lifecycle.expire()
            try settleReservation(motion, pay: false, plan: &plan)
            motion.settledAt = changes.sequence
            changes.motions.append(motion)
        }
        return overdue.count
    }

    /// Open motions whose deadline is before `time`, by id.
    public func overdueMotions(at time: Timestamp) -> [Motion] {
        motions.values.filter { $0.lifecycle.state == .open && $0.deadline < time }.sorted { $0.id < $1.id }
    }

    /// A passed motion, carried out in the transaction of the approval
    /// that completed its quorum.
    private func carryOut(_ motion: Motion, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        if case .changePolicy(let policy) = motion.action {
            changes.policy = policy
            return
        }
        guard let id = motion.action.need, var need = changes.needs.last(where: { $0.id == id }) ?? needs[id] else {
            throw LedgerError(.needUnknown, "need \(motion.action.need ?? "") does not exist")
        }
        if case .reversePayout(_, let id, let reason) = motion.action {
            // Checked again now: the payout's money may have moved since.
            var (original, paidAt) = try reversiblePayout(id, of: need.id, excluding: motion.id)
            try returnPayout(original, plan: &plan)
            original.reversedAt = changes.sequence
            changes.motions.append(original)
            changes.reversals.append(Reversal(original: paidAt, sequence: changes.sequence, reason: reason))
            return
        }
        if case .disburse(_, let payee, let amount, let source) = motion.action {
            // Checked again now: a dispute or a change of stage since the
            // proposal. Its own reservation is already counted.
            _ = try checkDisbursement(need: need, payee: payee, amount: amount, from: source, counting: 0)
            try settleReservation(motion, pay: true, plan: &plan)
            return
        }
        var machine = NeedStageMachine(state: need.stage)
        need.move(to: try move(&machine, motion.action, need: need.id), at: changes.sequence)
        changes.needs.append(need)
    }

    /// The passed payout a `payout.reverse` names, or why it cannot be
    /// reversed: not a payout, not for this need, never paid, reversed
    /// already, or named by another open reversal (`excluding` is the
    /// reversal's own motion). Returns it with the entry that paid it.
    private func reversiblePayout(_ id: String, of need: String, excluding reversal: String) throws(LedgerError) -> (Motion, paidAt: UInt64) {
        guard let original = motions[id] else { throw LedgerError(.motionUnknown, "motion \(id) does not exist", subject: id) }
        guard case .disburse(let paidNeed, _, _, _) = original.action else {
            throw LedgerError(.notReversible, "motion \(id) is a \(original.action.type) motion: payout.reverse undoes only a passed disburse motion")
        }
        guard paidNeed == need else {
            throw LedgerError(.invalidField, "motion \(id) paid for \(paidNeed), not \(need): body.need must be the need of the payout reversed")
        }
        guard original.lifecycle.state == .passed, let paidAt = original.settledAt else {
            throw LedgerError(.notReversible, "motion \(id) is \(original.lifecycle.state.rawValue) and paid nothing; an open payout is withdrawn or rejected instead")
        }
        if let reversedAt = original.reversedAt {
            throw LedgerError(.alreadyReversed, "the payout of motion \(id) (entry \(paidAt)) was reversed already, by entry \(reversedAt)")
        }
        let rival = motions.values.filter { other in
            guard other.id != reversal, other.lifecycle.state == .open, case .reversePayout(_, id, _) = other.action else { return false }
            return true
        }.map(\.id).min()
        if let rival {
            throw LedgerError(.alreadyReversed, "motion \(rival) already proposes reversing the payout of motion \(id); approve or reject that one")
        }
        return (original, paidAt)
    }

    /// Posts the mirror of what a payout paid: each share, the payee's and
    /// the reserve's, back to the account it came from. Refused with
    /// `reversal_blocked` when the reserve share was used since.
    private func returnPayout(_ original: Motion, plan: inout TransferPlan) throws(LedgerError) {
        for share in original.reservations {
            do {
                try plan.post(debit: share.credit, credit: share.debit, amount: share.amount)
            } catch let error where error.code == .overdraft {
                let available = accounts[share.credit]?.available ?? 0
                throw LedgerError(.reversalBlocked, "the payout of motion \(original.id) cannot be reversed: \(share.credit) has \(Asset.cny.format(available)) available (posted less pending), and the reversal takes \(Asset.cny.format(share.amount)) back from it")
            }
        }
    }

    /// Applies `action` to `machine`, or throws the refusal's code.
    private func move(_ machine: inout NeedStageMachine, _ action: Motion.Action, need: String) throws(LedgerError) -> NeedStageMachine.State {
        guard let result = machine.carryOut(action) else { return machine.state }
        switch result {
        case .moved(let state):
            return state
        case .refuse(.stageSkip):
            throw LedgerError(.stageSkip, "\(need) is \(machine.state.text); it moves only to the stage right after")
        case .refuse(.disputed):
            throw LedgerError(.needDisputed, "\(need) is disputed; a motion must resolve the dispute first")
        case .refuse(.notApplicable):
            throw LedgerError(.stageSkip, "\(need) is \(machine.state.text): that motion does not apply")
        }
    }
}
