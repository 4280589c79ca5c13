/// Needs on the opportunity list.
extension LedgerState {
    func validateNeed(_ need: String, title: String, coordinator: String, requirements: [Asset: Int64], author: String, changes: inout Changes) throws(LedgerError) {
        guard needs[need] == nil else { throw LedgerError(.needExists, "need \(need) already exists") }
        guard let coordinatorParty = parties[coordinator] else {
            throw LedgerError(.partyUnknown, "the coordinator \(coordinator) is not a registered party")
        }
        guard coordinatorParty.roles.contains(.coordinator) else {
            throw LedgerError(.forbidden, "\(coordinator) does not hold the coordinator role")
        }
        changes.needs.append(Need(id: need, title: title, coordinator: coordinator, proposer: author, requirements: requirements, createdAt: changes.sequence))
    }
}
