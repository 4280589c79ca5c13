import MicroFundCrypto

/// Genesis, parties and their keys.
extension LedgerState {
    func validateGenesis(origin: String, admin: PartyRegistration, operatorKey: [UInt8], policy: Policy, author: String, changes: inout Changes) throws(LedgerError) {
        guard admin.id == author else {
            throw LedgerError(.invalidField, "genesis must be authored by the admin it registers")
        }
        guard !admin.roles.contains(.auditor) else {
            throw LedgerError(.invalidField, "body.admin.roles: an auditor holds no other role, and the genesis party is an admin")
        }
        var roles = admin.roles
        roles.insert(.admin)
        try register(PartyRegistration(id: admin.id, kind: admin.kind, name: admin.name, organisation: admin.organisation, publicKey: admin.publicKey, roles: roles), changes: &changes)
        changes.genesis = (origin, try publicKey(operatorKey), policy)
    }

    func validateRegistration(_ registration: PartyRegistration, author: String, changes: inout Changes) throws(LedgerError) {
        try require(.admin, of: author, for: "register parties")
        try register(registration, changes: &changes)
    }

    func validateUpdate(_ update: PartyUpdate, author: String, changes: inout Changes) throws(LedgerError) {
        try require(.admin, of: author, for: "update parties")
        guard let party = parties[update.party] else { throw LedgerError(.partyUnknown, "\(update.party) is not a registered party", subject: update.party) }
        if let organisation = update.organisation, organisation != party.id, parties[organisation] == nil {
            throw LedgerError(.partyUnknown, "the organisation \(organisation) is not a registered party", subject: organisation)
        }
        let updated = Party(
            id: party.id, kind: party.kind, name: update.name ?? party.name, organisation: update.organisation ?? party.organisation,
            roles: update.roles ?? party.roles, registeredAt: party.registeredAt
        )
        if party.roles.contains(.admin), !updated.roles.contains(.admin) {
            let otherAdminKey = keys.values.contains { key in
                key.party != party.id && key.revokedAt == nil && parties[key.party]?.roles.contains(.admin) == true
            }
            guard otherAdminKey else {
                throw LedgerError(.lastAdminKey, "\(party.id) is the last admin with a key; make another party admin first")
            }
        }
        changes.parties.append(updated)
    }

    func validateRotation(party: String, newKey: [UInt8], revoking revoke: String?, author: String, changes: inout Changes) throws(LedgerError) {
        try requireSelfOrAdmin(author, acting: party)
        if let revoke { changes.keys.append(try revocation(of: revoke, party: party, at: changes.sequence)) }
        changes.keys.append(try newRegisteredKey(newKey, party: party, at: changes.sequence))
    }

    func validateRevocation(party: String, keyID: String, author: String, changes: inout Changes) throws(LedgerError) {
        try requireSelfOrAdmin(author, acting: party)
        changes.keys.append(try revocation(of: keyID, party: party, at: changes.sequence))
        try requireAdminKeyRemains(afterRevoking: keyID)
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

    private func requireSelfOrAdmin(_ author: String, acting party: String) throws(LedgerError) {
        try requireParty(party)
        guard author == party || parties[author]?.roles.contains(.admin) == true else {
            throw LedgerError(.forbidden, "only \(party) itself or an admin may change its keys")
        }
    }

    private func register(_ registration: PartyRegistration, changes: inout Changes) throws(LedgerError) {
        guard parties[registration.id] == nil else { throw LedgerError(.partyExists, "party \(registration.id) already exists") }
        if let organisation = registration.organisation, organisation != registration.id, parties[organisation] == nil {
            throw LedgerError(.partyUnknown, "the organisation \(organisation) is not a registered party", subject: organisation)
        }
        changes.parties.append(Party(
            id: registration.id, kind: registration.kind, name: registration.name, organisation: registration.organisation,
            roles: registration.roles, registeredAt: changes.sequence
        ))
        changes.keys.append(try newRegisteredKey(registration.publicKey, party: registration.id, at: changes.sequence))
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
