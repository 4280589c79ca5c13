/// Needs on the opportunity list.
extension LedgerState {
    func validateNeed(_ need: String, title: String, coordinator: String, requirements: [Asset: Int64], profile: NeedProfile?, author: String, changes: inout Changes) throws(LedgerError) {
        guard needs[need] == nil else { throw LedgerError(.needExists, "need \(need) already exists") }
        guard let coordinatorParty = parties[coordinator] else {
            throw LedgerError(.partyUnknown, "the coordinator \(coordinator) is not a registered party", subject: coordinator)
        }
        guard coordinatorParty.roles.contains(.coordinator) else {
            throw LedgerError(.forbidden, "\(coordinator) does not hold the coordinator role")
        }
        if let profile, profile.requirements != requirements {
            let derived = profile.requirements.keys.sorted().map { "\($0.rawValue) \(profile.requirements[$0]!)" }.joined(separator: ", ")
            throw LedgerError(.invalidField, "body.requirements must be what body.profile.lines add up to: \(derived)")
        }
        changes.needs.append(Need(id: need, title: title, coordinator: coordinator, proposer: author, requirements: requirements, createdAt: changes.sequence, profile: profile))
    }

    /// Residents' voice: while a need waits for its public hearing (it is
    /// approved, not yet past the hearing), any party may record support or
    /// an objection; a later voice replaces its earlier one.
    func validateVoice(need id: String, supports: Bool, reason: String, author: String, changes: inout Changes) throws(LedgerError) {
        guard let need = needs[id] else { throw LedgerError(.needUnknown, "need \(id) does not exist", subject: id) }
        guard need.stage == .at(.approved) else {
            throw LedgerError(.hearingClosed, "\(id) is \(need.stage.text): voices are heard while it is approved and before its hearing passes")
        }
        changes.voices.append(HearingVoice(need: id, party: author, supports: supports, reason: reason, recordedAt: changes.sequence))
    }

    /// Supports and objections at a need's hearing.
    public func hearingTally(of need: String) -> (support: Int, object: Int) {
        let all = voices[need]?.values ?? [:].values
        return (all.filter(\.supports).count, all.filter { !$0.supports }.count)
    }
}
