import MicroFundCrypto

extension LedgerState {
    /// Checks every signature and returns the parties that signed.
    ///
    /// Each signature must name a key registered here and not revoked, and
    /// verify over the envelope's signing bytes; one of them must be the
    /// author's. `ledger.genesis` is signed by the admin key it introduces.
    func authenticate(_ envelope: Envelope) throws(LedgerError) -> Set<String> {
        // An author that is not registered has no key, so its envelope
        // fails as author_not_signer (docs/protocol.md §3.1), after every
        // signature it carries has been checked.
        let genesisAdmin = try genesisAdmin(envelope)
        var signers: Set<String> = []
        for (index, signature) in envelope.signatures.enumerated() {
            let (party, key) = try signingKey(signature.keyID, genesisAdmin: genesisAdmin)
            let preverified = envelope.verifiedKeys[index] == key.rawRepresentation
            guard preverified || key.isValidSignature(signature.signature, for: envelope.signingBytes) else {
                throw LedgerError(.signatureInvalid, "the signature by key \(signature.keyID) does not verify")
            }
            signers.insert(party)
        }
        guard signers.contains(envelope.author) else {
            let registered = parties[envelope.author] != nil || genesisAdmin != nil
            throw LedgerError(.authorNotSigner, "no signature by a key of the author \(envelope.author)" + (registered ? "" : ", which is not a registered party"))
        }
        return signers
    }

    /// The admin a genesis envelope introduces, after checking that genesis
    /// comes first and only once.
    private func genesisAdmin(_ envelope: Envelope) throws(LedgerError) -> PartyRegistration? {
        if case .genesis(_, let admin, _, _) = envelope.body {
            guard sequence == 0 else { throw LedgerError(.genesisRepeated, "the ledger already has its genesis") }
            return admin
        }
        guard sequence > 0 else { throw LedgerError(.genesisRequired, "the first transaction must be ledger.genesis") }
        return nil
    }

    private func signingKey(_ keyID: String, genesisAdmin: PartyRegistration?) throws(LedgerError) -> (String, Ed25519PublicKey) {
        if let admin = genesisAdmin {
            guard let key = try? Ed25519PublicKey(rawRepresentation: admin.publicKey), (try? KeyIdentifier.of(key)) == keyID else {
                throw LedgerError(.keyUnknown, "genesis must be signed by the admin key it registers")
            }
            return (admin.id, key)
        }
        guard let registered = keys[keyID] else {
            throw LedgerError(.keyUnknown, "key \(keyID) is not registered")
        }
        guard registered.revokedAt == nil else {
            throw LedgerError(.keyRevoked, "key \(keyID) was revoked at sequence \(registered.revokedAt!)")
        }
        return (registered.party, registered.publicKey)
    }

    /// Checks the signatures of an envelope whose id the journal already
    /// holds, before the ledger says anything about that id: every
    /// signature must verify under the key it names, which must be (or have
    /// been) registered to a party, and one of them must be the author's. A
    /// key revoked since the original was accepted still counts, so a
    /// client retrying an old submission gets its original outcome.
    package func checkSignatures(_ envelope: Envelope) throws(LedgerError) {
        var signers: Set<String> = []
        for (index, signature) in envelope.signatures.enumerated() {
            guard let registered = keys[signature.keyID] else {
                throw LedgerError(.keyUnknown, "key \(signature.keyID) is not registered")
            }
            let preverified = envelope.verifiedKeys[index] == registered.publicKey.rawRepresentation
            guard preverified || registered.publicKey.isValidSignature(signature.signature, for: envelope.signingBytes) else {
                throw LedgerError(.signatureInvalid, "the signature by key \(signature.keyID) does not verify")
            }
            signers.insert(registered.party)
        }
        guard signers.contains(envelope.author) else {
            throw LedgerError(.authorNotSigner, "no signature by a key of the author \(envelope.author)")
        }
    }
}
