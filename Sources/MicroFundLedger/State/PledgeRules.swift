/// Pledges of cash, labour, expertise and space: who may act on them and
/// when. What each state allows is `PledgeLifecycle`'s to say.
extension LedgerState {
    func validatePledge(_ envelope: Envelope, need: String, asset: Asset, amount: Int64, deadline given: Timestamp?, line: String?, offer: String?, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        guard let target = needs[need] else { throw LedgerError(.needUnknown, "need \(need) does not exist", subject: need) }
        if let line {
            try validateDraw(target, line: line, offer: offer, asset: asset, amount: amount, author: envelope.author)
        } else if offer != nil {
            throw LedgerError(.invalidField, "body.offer needs body.line: an offer serves a requirement line")
        }
        let deadline = given ?? Timestamp.fromEpoch(seconds: changes.time.seconds + policy.pledgeLifetimeDays * 86_400)
        guard deadline > changes.time else {
            throw LedgerError(.deadlinePassed, "the deadline must come after the ledger's time of acceptance")
        }
        let pledge = Pledge(id: envelope.id, party: envelope.author, need: need, asset: asset, amount: amount, deadline: deadline, madeAt: changes.sequence, line: line, offer: offer)
        try plan.open(pledge.reservation)
        changes.pledges.append(pledge)
    }

    func validateConfirmation(_ envelope: Envelope, pledge id: String, delivered: Int64, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        var pledge = try knownPledge(id)
        // Nobody confirms its own delivery. The coordinator confirms,
        // and an admin does when the coordinator made the pledge.
        guard author != pledge.party else {
            throw LedgerError(.forbidden, "a delivery must be confirmed by someone other than the party that delivered it")
        }
        let coordinator = needs[pledge.need]?.coordinator
        let adminForCoordinator = coordinator == pledge.party && parties[author]?.roles.contains(.admin) == true
        guard author == coordinator || adminForCoordinator else {
            throw LedgerError(.forbidden, "only the coordinator of \(pledge.need) (or an admin, for the coordinator's own pledges) may confirm deliveries to it")
        }
        guard pledge.state != .pending || changes.time <= pledge.deadline else {
            throw LedgerError(.pledgeExpired, "pledge \(id) passed its deadline before this confirmation")
        }
        var lifecycle = PledgeLifecycle(state: pledge.state, amount: pledge.amount)
        try settle(&pledge, lifecycle.confirm(delivered: delivered), lifecycle.state, plan: &plan, changes: &changes)
    }

    func validateCancellation(_ envelope: Envelope, pledge id: String, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        var pledge = try knownPledge(id)
        guard envelope.author == pledge.party || needs[pledge.need]?.coordinator == envelope.author else {
            throw LedgerError(.forbidden, "only the pledging party or the need's coordinator may cancel a pledge")
        }
        var lifecycle = PledgeLifecycle(state: pledge.state, amount: pledge.amount)
        try settle(&pledge, lifecycle.cancel(), lifecycle.state, plan: &plan, changes: &changes)
    }

    /// `ledger.tick`: every pending pledge whose deadline is before the
    /// entry's time expires, releasing its reservation, in pledge-id order
    /// so every replay writes the same transfers; so does every open motion.
    func validateTick(plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let overdue = overduePledges(at: changes.time)
        let motionsExpired = try expireMotions(plan: &plan, changes: &changes)
        guard !overdue.isEmpty || motionsExpired > 0 else {
            throw LedgerError(.nothingDue, "nothing is past its deadline at \(changes.time)")
        }
        for var pledge in overdue {
            var lifecycle = PledgeLifecycle(state: pledge.state, amount: pledge.amount)
            try settle(&pledge, lifecycle.expire(), lifecycle.state, plan: &plan, changes: &changes)
        }
    }

    /// Pending pledges whose deadline is before `time`, by id.
    public func overduePledges(at time: Timestamp) -> [Pledge] {
        pledges.values.filter { $0.state == .pending && $0.deadline < time }.sorted { $0.id < $1.id }
    }

    /// Carries out what the lifecycle decided: settles the pending transfer
    /// and records the pledge's new state, or refuses.
    private func settle(_ pledge: inout Pledge, _ action: PledgeLifecycle.Action, _ state: Pledge.State, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        switch action {
        case .refuse(let code):
            let reason = code == .pledgeNotPending ? "pledge \(pledge.id) is already \(pledge.state.rawValue)" : "a confirmation may not exceed the pledged amount"
            throw LedgerError(code, reason)
        case .settle(let posted, _):
            try plan.close(pledge.reservation, posted: posted)
            pledge.state = state
            pledge.delivered = posted
            pledge.settledAt = changes.sequence
            changes.pledges.append(pledge)
        }
    }

    func knownPledge(_ id: String) throws(LedgerError) -> Pledge {
        guard let pledge = pledges[id] else { throw LedgerError(.pledgeUnknown, "pledge \(id) does not exist", subject: id) }
        return pledge
    }
}
