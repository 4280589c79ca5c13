/// Committee motions: who proposes, who may count, what a passed motion
/// does. The counting is `MotionLifecycle`'s and the stages are
/// `NeedStageMachine`'s; this file connects them to the ledger.
extension LedgerState {
    /// The committee: every party with the `committee_member` role.
    public var committee: Set<String> {
        Set(parties.values.filter { $0.roles.contains(.committeeMember) }.map(\.id))
    }

    /// Who may not count toward a motion about `need` proposed by
    /// `proposer`, and why: the proposer and the need's coordinator.
    public func conflicts(proposer: String, need: String) -> [String: String] {
        var reasons = [proposer: "it proposed the motion"]
        if let coordinator = needs[need]?.coordinator, reasons[coordinator] == nil {
            reasons[coordinator] = "it coordinates \(need)"
        }
        return reasons
    }

    func validateProposal(_ envelope: Envelope, action: Motion.Action, deadline: Timestamp?, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        guard let need = needs[action.need] else { throw LedgerError(.needUnknown, "need \(action.need) does not exist") }
        let committee = committee
        guard committee.contains(author) || need.coordinator == author else {
            throw LedgerError(.forbidden, "only committee members and the need's coordinator propose motions")
        }
        // What the motion would do must be possible now (and is checked again when it passes).
        var machine = NeedStageMachine(state: need.stage)
        _ = try move(&machine, action, need: need.id)
        let deadline = deadline ?? Timestamp.fromEpoch(seconds: changes.time.seconds + policy.motionLifetimeDays * 86_400)
        guard deadline > changes.time else {
            throw LedgerError(.deadlinePassed, "the motion's deadline must come after the ledger's time of acceptance")
        }
        let quorum = policy.tiers.first?.approvals ?? committee.count / 2 + 1
        let eligible = committee.subtracting(conflicts(proposer: author, need: need.id).keys)
        guard eligible.count >= quorum else {
            throw LedgerError(.quorumUnreachable, "\(quorum) approvals are needed but only \(eligible.count) committee members may count toward this motion")
        }
        changes.motions.append(Motion(
            id: envelope.id, proposer: author, action: action, deadline: deadline,
            lifecycle: MotionLifecycle(quorum: quorum, eligible: eligible), proposedAt: changes.sequence
        ))
    }

    func validateVote(_ envelope: Envelope, motion id: String, approve: Bool, changes: inout Changes) throws(LedgerError) {
        let voter = envelope.author
        guard var motion = motions[id] else { throw LedgerError(.motionUnknown, "motion \(id) does not exist") }
        guard committee.contains(voter) else {
            throw LedgerError(.forbidden, "only committee members vote on motions")
        }
        guard motion.lifecycle.state == .open else {
            throw LedgerError(.motionClosed, "motion \(id) is already \(motion.lifecycle.state.rawValue)")
        }
        guard changes.time <= motion.deadline else {
            throw LedgerError(.motionExpired, "motion \(id) passed its deadline \(motion.deadline)")
        }
        switch approve ? motion.lifecycle.approve(by: voter) : motion.lifecycle.reject(by: voter) {
        case .refuse(.notEligible):
            let reason = conflicts(proposer: motion.proposer, need: motion.action.need)[voter] ?? "it has a conflict of interest"
            throw LedgerError(.conflictOfInterest, "\(voter) may not count toward motion \(id): \(reason)")
        case .refuse(.alreadyVoted):
            throw LedgerError(.alreadyVoted, "\(voter) already voted the other way on motion \(id)")
        case .refuse(.closed):
            throw LedgerError(.motionClosed, "motion \(id) is closed")
        case .counted, .countedOnce:
            break
        case .carryOut:
            try carryOut(motion, changes: &changes)
            motion.settledAt = changes.sequence
        case .release:
            motion.settledAt = changes.sequence
        }
        changes.motions.append(motion)
    }

    func validateWithdrawal(_ envelope: Envelope, motion id: String, changes: inout Changes) throws(LedgerError) {
        guard var motion = motions[id] else { throw LedgerError(.motionUnknown, "motion \(id) does not exist") }
        guard envelope.author == motion.proposer else {
            throw LedgerError(.forbidden, "only the proposer of motion \(id) may withdraw it")
        }
        guard case .release = motion.lifecycle.withdraw() else {
            throw LedgerError(.motionClosed, "motion \(id) is already \(motion.lifecycle.state.rawValue)")
        }
        motion.settledAt = changes.sequence
        changes.motions.append(motion)
    }

    /// `ledger.tick`'s share: open motions past their deadline expire.
    func expireMotions(changes: inout Changes) -> Int {
        let overdue = overdueMotions(at: changes.time)
        for var motion in overdue {
            _ = motion.lifecycle.expire()
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
    private func carryOut(_ motion: Motion, changes: inout Changes) throws(LedgerError) {
        guard var need = changes.needs.last(where: { $0.id == motion.action.need }) ?? needs[motion.action.need] else {
            throw LedgerError(.needUnknown, "need \(motion.action.need) does not exist")
        }
        var machine = NeedStageMachine(state: need.stage)
        need.stage = try move(&machine, motion.action, need: need.id)
        changes.needs.append(need)
    }

    /// Applies `action` to `machine`, or throws the refusal's code.
    private func move(_ machine: inout NeedStageMachine, _ action: Motion.Action, need: String) throws(LedgerError) -> NeedStageMachine.State {
        let result: NeedStageMachine.Action
        switch action {
        case .advance(_, let stage): result = machine.advance(to: stage)
        case .openDispute: result = machine.dispute()
        case .resolveDispute: result = machine.resolve()
        }
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
