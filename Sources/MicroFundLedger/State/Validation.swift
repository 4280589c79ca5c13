extension LedgerState {
    /// The per-kind rules: authorization first, then the ledger's state.
    /// Fills `changes` and `plan`; throws before anything is committed.
    ///
    /// One exhaustive switch, no `default:`: a new kind does not compile
    /// until it says which area's rules apply. The rules live by area:
    /// `PartyRules` (genesis, parties, keys), `NeedRules`, `TreasuryRules`
    /// (donations, refunds) and `PledgeRules`.
    func validate(_ envelope: Envelope, signers: Set<String>, history: JournalHistory, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        try requireWriter(envelope)
        switch envelope.body {
        case .genesis(let origin, let admin, let operatorKey, let policy):
            try validateGenesis(origin: origin, admin: admin, operatorKey: operatorKey, policy: policy, author: author, changes: &changes)
        case .tick:
            try validateTick(plan: &plan, changes: &changes)
        case .partyRegister(let registration):
            try validateRegistration(registration, author: author, changes: &changes)
        case .partyUpdate(let update):
            try validateUpdate(update, author: author, changes: &changes)
        case .keyRotate(let party, let newKey, let revoke):
            try validateRotation(party: party, newKey: newKey, revoking: revoke, author: author, changes: &changes)
        case .keyRevoke(let party, let keyID):
            try validateRevocation(party: party, keyID: keyID, author: author, changes: &changes)
        case .needCreate(let need, let title, let coordinator, let requirements, let profile):
            try validateNeed(need, title: title, coordinator: coordinator, requirements: requirements, profile: profile, author: author, changes: &changes)
        case .needVoice(let need, let supports, let reason):
            try validateVoice(need: need, supports: supports, reason: reason, author: author, changes: &changes)
        case .donationRecord(let donor, let amount, let destination, let note):
            try validateDonation(donor: donor, amount: amount, to: destination, author: author, plan: &plan)
            try claimReference(of: note, among: TransactionKind.donationRecord.rawValue, changes: &changes)
        case .donationRefund(let donor, let amount, let source, let note):
            try validateRefund(donor: donor, amount: amount, from: source, author: author, plan: &plan)
            try claimReference(of: note, among: TransactionKind.donationRefund.rawValue, changes: &changes)
        case .offerPublish(let offer):
            try validateOffer(offer, author: author, changes: &changes)
        case .offerWithdraw(let offer):
            try validateOfferWithdrawal(offer, author: author, changes: &changes)
        case .pledgeMake(let need, let asset, let amount, let deadline, let line, let offer):
            try validatePledge(envelope, need: need, asset: asset, amount: amount, deadline: deadline, line: line, offer: offer, plan: &plan, changes: &changes)
        case .pledgeConfirm(let pledge, let amount):
            try validateConfirmation(envelope, pledge: pledge, delivered: amount, plan: &plan, changes: &changes)
        case .pledgeCancel(let pledge):
            try validateCancellation(envelope, pledge: pledge, plan: &plan, changes: &changes)
        case .motionPropose(let action, let deadline, let note):
            try validateProposal(envelope, action: action, deadline: deadline, plan: &plan, changes: &changes)
            try claimReference(of: note, among: "disburse", changes: &changes)
        case .motionApprove(let motion):
            try validateVote(envelope, motion: motion, approve: true, plan: &plan, changes: &changes)
        case .motionReject(let motion):
            try validateVote(envelope, motion: motion, approve: false, plan: &plan, changes: &changes)
        case .motionWithdraw(let motion):
            try validateWithdrawal(envelope, motion: motion, plan: &plan, changes: &changes)
        case .entryReverse(let entry, let reason):
            try validateReversal(envelope, entry: entry, reason: reason, history: history, plan: &plan, changes: &changes)
        }
    }

    /// A reference names one entry of its kind, forever: the same receipt
    /// or transfer number booked twice is `reference_duplicate`. Checked
    /// after the entry's own rules, so they keep their codes.
    private func claimReference(of note: EntryNote, among kind: String, changes: inout Changes) throws(LedgerError) {
        guard let reference = note.reference else { return }
        let key = ReferenceKey(kind: kind, reference: reference)
        if let first = references[key] {
            throw LedgerError(.referenceDuplicate, "reference \(reference) was booked already, by entry \(first); a \(kind) reference names one entry only")
        }
        changes.references[key] = changes.sequence
    }

    /// A party with `role`, or `forbidden`.
    func require(_ role: Role, of party: String, for action: String) throws(LedgerError) {
        guard parties[party]?.roles.contains(role) == true else {
            throw LedgerError(.forbidden, "only a party with the \(role.rawValue) role may \(action)")
        }
    }

    /// Auditors read the books; they write nothing but their own keys.
    private func requireWriter(_ envelope: Envelope) throws(LedgerError) {
        guard parties[envelope.author]?.roles.contains(.auditor) == true else { return }
        switch envelope.body {
        case .keyRotate(let party, _, _) where party == envelope.author: return
        case .keyRevoke(let party, _) where party == envelope.author: return
        case .genesis, .tick, .partyRegister, .partyUpdate, .keyRotate, .keyRevoke, .needCreate, .needVoice, .donationRecord, .donationRefund,
             .offerPublish, .offerWithdraw, .pledgeMake, .pledgeConfirm, .pledgeCancel, .motionPropose, .motionApprove, .motionReject, .motionWithdraw, .entryReverse:
            throw LedgerError(.forbidden, "an auditor may read the ledger and manage its own keys, not write")
        }
    }

    /// A registered party, or `party_unknown`.
    func requireParty(_ party: String) throws(LedgerError) {
        guard parties[party] != nil else { throw LedgerError(.partyUnknown, "\(party) is not a registered party", subject: party) }
    }
}
