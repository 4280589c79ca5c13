public import MicroFundCrypto

/// One signature on an envelope.
public struct EnvelopeSignature: Sendable, Equatable {
    /// The signer's key id (docs/protocol.md §Keys).
    public let keyID: String
    /// The 64 signature bytes.
    public let signature: [UInt8]
}

/// A decoded, well-formed transaction envelope whose signatures have not
/// yet been checked against the ledger's keys.
///
/// The signed bytes are `signingPrefix` followed by the RFC 8785 canonical
/// JSON of the envelope without `sigs` (docs/protocol.md §Signing).
public struct Envelope: Sendable {
    /// Largest envelope accepted, in bytes as received (DESIGN.md §10).
    public static let byteCountMax = 65_536
    /// Most signatures one envelope may carry.
    public static let signatureCountMax = 8
    /// The only format version this build understands.
    public static let formatVersion: Int64 = 1
    /// Domain separation: no signature over an envelope can be replayed as
    /// a signature over anything else MicroFund signs.
    public static let signingPrefix: [UInt8] = Array("microfund/tx/v1\n".utf8)

    /// The origin of the one ledger this envelope is for: part of the
    /// signed bytes, so a signature made for one fund's ledger is worthless
    /// in another's.
    public let ledger: String
    public let id: String
    public let kind: TransactionKind
    public let author: String
    public let timestamp: Timestamp
    public let body: TransactionBody
    public let signatures: [EnvelopeSignature]
    /// Exactly the bytes every signature covers.
    public let signingBytes: [UInt8]
    /// SHA-256 of `signingBytes`: what "the same content" means for idempotency.
    public let contentHash: [UInt8]
    /// The canonical bytes of the whole envelope, signatures included, as
    /// the journal entry embeds them. Computed with the rest of decoding,
    /// which runs on all cores, so the sequential apply only splices them.
    public let canonicalBytes: [UInt8]
    /// Raw public keys that already verified the signature at the same
    /// index, filled in by a parallel pre-check. A key id names one key for
    /// ever, so a result for the same key bytes is a result for the ledger.
    /// Package access only: a caller outside this package that could set it
    /// could make `LedgerState.apply` skip signature checks.
    package private(set) var verifiedKeys: [Int: [UInt8]] = [:]

    /// `sigs` as JSON, signatures in their given order.
    static func signatureJSON(_ signatures: [EnvelopeSignature]) -> JSONValue {
        .array(signatures.map { .object(["kid": .string($0.keyID), "sig": .string(ByteEncoding.base64($0.signature))]) })
    }

    /// Decodes an envelope as received on the wire.
    public static func decode(_ bytes: [UInt8]) throws(LedgerError) -> Envelope {
        guard bytes.count <= byteCountMax else {
            throw LedgerError(.envelopeTooLarge, "an envelope may be at most \(byteCountMax) bytes")
        }
        return try decode(json: JSONParser.parse(bytes))
    }

    /// Decodes an envelope already parsed as JSON.
    public static func decode(json: JSONValue) throws(LedgerError) -> Envelope {
        try decode(json: json, canonical: nil)
    }

    /// Decodes an envelope parsed as JSON. `canonical`, when given, are its
    /// bytes as a canonical parse has checked them (a stored entry's): the
    /// canonical and signed bytes are then cut from them, not encoded again.
    public static func decode(json: JSONValue, canonical: ArraySlice<UInt8>?) throws(LedgerError) -> Envelope {
        if canonical == nil { try checkNumbers(json, at: "envelope", isAmount: false) }
        var reader = try FieldReader(json, context: "envelope")
        guard reader.has("v"), let versionValue = reader.object["v"] else {
            throw LedgerError(.missingField, "envelope.v is required")
        }
        guard case .number(let version) = versionValue, version.int64 == formatVersion else {
            throw LedgerError(.unsupportedVersion, "envelope.v must be \(formatVersion)")
        }
        let ledger = try reader.string("ledger")
        guard Identifier.isValidOrigin(ledger) else {
            throw LedgerError(.invalidField, "envelope.ledger must be the ledger's origin: 1-128 printable ASCII characters without spaces")
        }
        let id = try reader.string("id")
        guard Identifier.isValidEnvelopeID(id) else {
            throw LedgerError(.invalidField, "envelope.id must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
        }
        let kindText = try reader.string("kind")
        guard let kind = TransactionKind(rawValue: kindText) else {
            throw LedgerError(.unknownKind, "\(kindText.prefix(64)) is not a transaction kind")
        }
        let author = try reader.name("author")
        let timestamp = try reader.timestamp("ts")
        let body = try TransactionBody.decode(kind: kind, reader.object("body"), author: author)
        let signatures = try decodeSignatures(reader.has("sigs") ? reader.array("sigs", countMax: signatureCountMax) : [])
        try reader.finish()
        let canonicalBytes: [UInt8]
        let signingBytes: [UInt8]
        if let canonical {
            canonicalBytes = Array(canonical)
            signingBytes = CanonicalJSON.removingMember("sigs", fromCanonical: canonical, prefixedBy: signingPrefix)
        } else {
            // One encoding pass gives both the canonical envelope and the signed bytes.
            var whole = reader.object
            whole["sigs"] = signatureJSON(signatures)
            let encoded = try CanonicalJSON.encode(object: whole, omitting: "sigs")
            canonicalBytes = encoded.whole
            signingBytes = signingPrefix + encoded.without
        }
        let contentHash: [UInt8]
        do {
            contentHash = try SHA256.digest(signingBytes)
        } catch {
            throw LedgerError(.storeFailure, "hashing failed: \(error)")
        }
        return Envelope(
            ledger: ledger, id: id, kind: kind, author: author, timestamp: timestamp, body: body, signatures: signatures,
            signingBytes: signingBytes, contentHash: contentHash, canonicalBytes: canonicalBytes
        )
    }

    /// JSON rules (docs/protocol.md §2.1): every number is an integer
    /// within ±(2^53 − 1), or `non_integer_number`, before any field is
    /// read. Amounts (members named `amount`, and the values of
    /// `requirements`) are left to the field rules, which give them their
    /// own codes (`amount_not_integer`, `amount_too_large`).
    static func checkNumbers(_ value: JSONValue, at path: String, isAmount: Bool) throws(LedgerError) {
        // The common case costs one walk and no strings; only a failure
        // walks again to name where it is.
        guard !numbersAreValid(value, isAmount: isAmount) else { return }
        try locateBadNumber(value, at: path, isAmount: isAmount)
    }

    private static func numbersAreValid(_ value: JSONValue, isAmount: Bool) -> Bool {
        switch value {
        case .number(let number):
            guard !isAmount, let integer = number.int64 else { return isAmount }
            return integer.magnitude <= UInt64(JSONNumber.maximumSafeInteger)
        case .array(let elements):
            return elements.allSatisfy { numbersAreValid($0, isAmount: false) }
        case .object(let members):
            // The values of a `requirements` object are amounts.
            return members.members.allSatisfy { member in
                if member.name == "requirements", case .object(let lines) = member.value {
                    return lines.members.allSatisfy { numbersAreValid($0.value, isAmount: true) }
                }
                return numbersAreValid(member.value, isAmount: member.name == "amount")
            }
        case .null, .bool, .string:
            return true
        }
    }

    private static func locateBadNumber(_ value: JSONValue, at path: String, isAmount: Bool) throws(LedgerError) {
        switch value {
        case .number(let number):
            guard !isAmount else { return }
            guard let integer = number.int64, integer.magnitude <= UInt64(JSONNumber.maximumSafeInteger) else {
                throw LedgerError(.nonIntegerNumber, "\(path): \(number.lexeme.prefix(32)) is not an integer within ±(2^53 − 1)")
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { try locateBadNumber(element, at: "\(path)[\(index)]", isAmount: false) }
        case .object(let members):
            let holdsAmounts = path.hasSuffix(".requirements")
            for member in members.members {
                try locateBadNumber(member.value, at: "\(path).\(member.name.prefix(64))", isAmount: holdsAmounts || member.name == "amount")
            }
        case .null, .bool, .string:
            return
        }
    }

    private static func decodeSignatures(_ elements: [JSONValue]) throws(LedgerError) -> [EnvelopeSignature] {
        guard !elements.isEmpty else {
            throw LedgerError(.signatureMissing, "envelope.sigs must hold at least the author's signature")
        }
        var signatures: [EnvelopeSignature] = []
        for element in elements {
            var reader = try FieldReader(element, context: "envelope.sigs[]")
            let keyID = try reader.string("kid")
            let text = try reader.string("sig")
            try reader.finish()
            guard keyID.utf8.count == KeyIdentifier.characterCount, keyID.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw LedgerError(.signatureMalformed, "a signature's kid must be 32 lower-case hex characters")
            }
            guard let bytes = ByteEncoding.bytes(base64: text), bytes.count == Ed25519.signatureByteCount else {
                throw LedgerError(.signatureMalformed, "a signature must be the base64 of 64 bytes")
            }
            guard !signatures.contains(where: { $0.keyID == keyID }) else {
                throw LedgerError(.signatureMalformed, "key \(keyID) signs twice")
            }
            signatures.append(EnvelopeSignature(keyID: keyID, signature: bytes))
        }
        return signatures
    }

    /// Checks each signature not yet checked whose key the caller can
    /// resolve, recording the ones that verify so the ledger need not check
    /// them again. Safe to call from many threads on different envelopes.
    package mutating func preverify(keys resolve: (String) -> Ed25519PublicKey?) {
        for (index, signature) in signatures.enumerated() where verifiedKeys[index] == nil {
            guard let key = resolve(signature.keyID), key.isValidSignature(signature.signature, for: signingBytes) else { continue }
            verifiedKeys[index] = key.rawRepresentation
        }
    }

    /// Whether some signature is still unchecked and names one of `keyIDs`.
    package func awaits(anyOf keyIDs: [String: Ed25519PublicKey]) -> Bool {
        signatures.indices.contains { verifiedKeys[$0] == nil && keyIDs[signatures[$0].keyID] != nil }
    }
}

extension Envelope {
    /// Makes the unsigned members of an envelope, for clients and tools.
    public static func unsignedMembers(
        ledger: String, id: String, kind: TransactionKind, author: String, timestamp: Timestamp, body: JSONObject
    ) -> JSONObject {
        [
            "v": .integer(formatVersion), "ledger": .string(ledger), "id": .string(id), "kind": .string(kind.rawValue),
            "author": .string(author), "ts": .string(timestamp.text), "body": .object(body),
        ]
    }

    /// Adds signatures by `keys` to an envelope's JSON (keeping any already
    /// there) and returns the signed envelope's canonical bytes.
    public static func sign(_ envelope: JSONValue, with keys: [Ed25519PrivateKey]) throws(LedgerError) -> [UInt8] {
        guard var members = envelope.objectValue else {
            throw LedgerError(.invalidField, "an envelope must be a JSON object")
        }
        var signatures = members["sigs"]?.arrayValue ?? []
        members["sigs"] = nil
        let signingBytes = try signingPrefix + CanonicalJSON.encode(.object(members))
        do {
            for key in keys {
                let keyID = try KeyIdentifier.of(key.publicKey)
                signatures.removeAll { $0.objectValue?["kid"]?.stringValue == keyID }
                let signature = try key.signature(for: signingBytes)
                signatures.append(.object(["kid": .string(keyID), "sig": .string(ByteEncoding.base64(signature))]))
            }
        } catch {
            throw LedgerError(.signatureInvalid, "signing failed: \(error)")
        }
        members["sigs"] = .array(signatures)
        return try CanonicalJSON.encode(.object(members))
    }
}
