import MicroFundCrypto

extension LedgerState {
    /// The per-kind rules: authorization first, then the ledger's state.
    /// Fills `changes` and `plan`; throws before anything is committed.
    func validate(_ envelope: Envelope, signers: Set<String>, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        let sequence = changes.sequence
        switch envelope.body {
        case .genesis(let origin, let admin, let operatorKey):
            guard admin.id == author else {
                throw LedgerError(.invalidField, "genesis must be authored by the admin it registers")
            }
            var roles = admin.roles
            roles.insert(.admin)
            try register(PartyRegistration(id: admin.id, kind: admin.kind, name: admin.name, organisation: admin.organisation, publicKey: admin.publicKey, roles: roles), at: sequence, changes: &changes)
            changes.genesis = (origin, try publicKey(operatorKey))
        case .partyRegister(let registration):
            try require(.admin, of: author, for: "register parties")
            try register(registration, at: sequence, changes: &changes)
        case .keyRotate(let party, let newKey, let revoke):
            try requireSelfOrAdmin(author, acting: party)
            if let revoke { changes.keys.append(try revocation(of: revoke, party: party, at: sequence)) }
            changes.keys.append(try newRegisteredKey(newKey, party: party, at: sequence))
        case .keyRevoke(let party, let keyID):
            try requireSelfOrAdmin(author, acting: party)
            changes.keys.append(try revocation(of: keyID, party: party, at: sequence))
            try requireAdminKeyRemains(afterRevoking: keyID)
        case .needCreate(let need, let title, let coordinator, let requirements):
            guard needs[need] == nil else { throw LedgerError(.needExists, "need \(need) already exists") }
            guard let coordinatorParty = parties[coordinator] else {
                throw LedgerError(.partyUnknown, "the coordinator \(coordinator) is not a registered party")
            }
            guard coordinatorParty.roles.contains(.coordinator) else {
                throw LedgerError(.forbidden, "\(coordinator) does not hold the coordinator role")
            }
            changes.needs.append(Need(id: need, title: title, coordinator: coordinator, proposer: author, requirements: requirements, createdAt: sequence))
        case .donationRecord(let donor, let amount, let destination):
            try require(.fundManager, of: author, for: "record donations")
            try requireParty(donor)
            try requireFundCash(destination)
            try plan.post(debit: .party(donor, .cny), credit: destination, amount: amount)
        case .donationRefund(let donor, let amount, let source):
            try require(.fundManager, of: author, for: "refund donations")
            try requireParty(donor)
            try requireFundCash(source)
            guard accounts[source] != nil else { throw LedgerError(.accountUnknown, "\(source) has never held anything") }
            // Only from where this donor's money went, up to what is left
            // there of it: not from an earmark it never gave to, nor from
            // the pool for money it gave to an earmark.
            guard amount <= plan.contribution(of: donor, to: source) else {
                throw LedgerError(.overdraft, "a refund from \(source) may not exceed what \(donor) gave to it and has not had refunded")
            }
            try plan.post(debit: source, credit: .party(donor, .cny), amount: amount)
        case .pledgeMake, .pledgeConfirm, .pledgeCancel:
            try validatePledge(envelope, plan: &plan, changes: &changes)
        }
    }

    private func validatePledge(_ envelope: Envelope, plan: inout TransferPlan, changes: inout Changes) throws(LedgerError) {
        let author = envelope.author
        switch envelope.body {
        case .pledgeMake(let need, let asset, let amount, let deadline):
            guard needs[need] != nil else { throw LedgerError(.needUnknown, "need \(need) does not exist") }
            guard deadline > envelope.timestamp else {
                throw LedgerError(.deadlinePassed, "the deadline must come after the envelope's time")
            }
            let pledge = Pledge(id: envelope.id, party: author, need: need, asset: asset, amount: amount, deadline: deadline, madeAt: changes.sequence)
            try plan.reserve(debit: pledge.source, credit: pledge.destination, amount: amount)
            changes.pledges.append(pledge)
        case .pledgeConfirm(let id, let amount):
            var pledge = try pendingPledge(id)
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
            guard envelope.timestamp <= pledge.deadline else {
                throw LedgerError(.pledgeExpired, "pledge \(id) passed its deadline before this confirmation")
            }
            guard amount <= pledge.amount else {
                throw LedgerError(.pledgeExceeded, "a confirmation may not exceed the pledged amount")
            }
            try plan.settle(debit: pledge.source, credit: pledge.destination, pending: pledge.amount, posted: amount, pendingID: id)
            pledge.state = .confirmed
            pledge.delivered = amount
            pledge.settledAt = changes.sequence
            changes.pledges.append(pledge)
        case .pledgeCancel(let id):
            var pledge = try pendingPledge(id)
            guard author == pledge.party || needs[pledge.need]?.coordinator == author else {
                throw LedgerError(.forbidden, "only the pledging party or the need's coordinator may cancel a pledge")
            }
            try plan.settle(debit: pledge.source, credit: pledge.destination, pending: pledge.amount, posted: 0, pendingID: id)
            pledge.state = .cancelled
            pledge.settledAt = changes.sequence
            changes.pledges.append(pledge)
        default:
            preconditionFailure("validatePledge called for \(envelope.kind.rawValue)")
        }
    }

    /// The ledger keeps at least one admin able to sign: revoking the last
    /// unrevoked key of the last admin would leave nobody to register
    /// parties or replace keys, for ever.
    private func requireAdminKeyRemains(afterRevoking revoked: String) throws(LedgerError) {
        let remaining = keys.values.contains { key in
            key.id != revoked && key.revokedAt == nil && parties[key.party]?.roles.contains(.admin) == true
        }
        guard remaining else {
            throw LedgerError(.lastAdminKey, "that is the last key of any admin; register another admin or rotate the key instead")
        }
    }

    private func pendingPledge(_ id: String) throws(LedgerError) -> Pledge {
        guard let pledge = pledges[id] else { throw LedgerError(.pledgeUnknown, "pledge \(id) does not exist") }
        guard pledge.state == .pending else {
            throw LedgerError(.pledgeNotPending, "pledge \(id) is already \(pledge.state.rawValue)")
        }
        return pledge
    }

    private func require(_ role: Role, of party: String, for action: String) throws(LedgerError) {
        guard parties[party]?.roles.contains(role) == true else {
            throw LedgerError(.forbidden, "only a party with the \(role.rawValue) role may \(action)")
        }
    }

    private func requireSelfOrAdmin(_ author: String, acting party: String) throws(LedgerError) {
        try requireParty(party)
        guard author == party || parties[author]?.roles.contains(.admin) == true else {
            throw LedgerError(.forbidden, "only \(party) itself or an admin may change its keys")
        }
    }

    private func requireParty(_ party: String) throws(LedgerError) {
        guard parties[party] != nil else { throw LedgerError(.partyUnknown, "\(party) is not a registered party") }
    }

    /// Donations go to, and refunds come from, the pool or an existing
    /// need's earmark, in cash.
    private func requireFundCash(_ path: AccountPath) throws(LedgerError) {
        switch path {
        case .pool(.cny): return
        case .earmark(let need, .cny):
            guard needs[need] != nil else { throw LedgerError(.needUnknown, "need \(need) does not exist") }
        default:
            throw LedgerError(.invalidAccount, "\(path) is not fund:pool:CNY or a need's earmark")
        }
    }

    private func register(_ registration: PartyRegistration, at sequence: UInt64, changes: inout Changes) throws(LedgerError) {
        guard parties[registration.id] == nil else { throw LedgerError(.partyExists, "party \(registration.id) already exists") }
        if let organisation = registration.organisation, organisation != registration.id, parties[organisation] == nil {
            throw LedgerError(.partyUnknown, "the organisation \(organisation) is not a registered party")
        }
        changes.parties.append(Party(
            id: registration.id, kind: registration.kind, name: registration.name, organisation: registration.organisation,
            roles: registration.roles, registeredAt: sequence
        ))
        changes.keys.append(try newRegisteredKey(registration.publicKey, party: registration.id, at: sequence))
    }

    private func newRegisteredKey(_ raw: [UInt8], party: String, at sequence: UInt64) throws(LedgerError) -> RegisteredKey {
        let key = try publicKey(raw)
        let keyID: String
        do { keyID = try KeyIdentifier.of(key) } catch { throw LedgerError(.invalidField, "cannot derive a key id: \(error)") }
        guard keys[keyID] == nil else { throw LedgerError(.keyExists, "key \(keyID) is already registered") }
        return RegisteredKey(id: keyID, party: party, publicKey: key, registeredAt: sequence)
    }

    private func revocation(of keyID: String, party: String, at sequence: UInt64) throws(LedgerError) -> RegisteredKey {
        guard var key = keys[keyID], key.party == party else {
            throw LedgerError(.keyUnknown, "key \(keyID) is not registered to \(party)")
        }
        guard key.revokedAt == nil else { throw LedgerError(.keyRevoked, "key \(keyID) is already revoked") }
        key.revokedAt = sequence
        return key
    }

    private func publicKey(_ raw: [UInt8]) throws(LedgerError) -> Ed25519PublicKey {
        do { return try Ed25519PublicKey(rawRepresentation: raw) } catch {
            throw LedgerError(.invalidField, "not an Ed25519 public key")
        }
    }
}
