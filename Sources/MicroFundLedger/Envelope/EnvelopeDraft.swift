public import MicroFundCrypto

/// An envelope before it is signed: what clients, the CLI, the demo and the
/// benchmarks build, so every producer writes bodies the one same way.
public struct EnvelopeDraft: Sendable {
    /// The origin of the ledger the envelope is for.
    public var ledger: String
    public var id: String
    public var kind: TransactionKind
    public var author: String
    public var timestamp: Timestamp
    public var body: JSONObject

    public init(ledger: String, id: String, kind: TransactionKind, author: String, timestamp: Timestamp, body: JSONObject) {
        self.ledger = ledger
        self.id = id
        self.kind = kind
        self.author = author
        self.timestamp = timestamp
        self.body = body
    }

    /// The unsigned envelope as JSON.
    public var json: JSONValue {
        .object(Envelope.unsignedMembers(ledger: ledger, id: id, kind: kind, author: author, timestamp: timestamp, body: body))
    }

    /// The signed envelope's canonical bytes, ready to submit.
    public func signed(by keys: [Ed25519PrivateKey]) throws(LedgerError) -> [UInt8] {
        try Envelope.sign(json, with: keys)
    }
}

/// What a new party is, for genesis and registration drafts.
public struct PartyDraft: Sendable {
    public var id: String
    public var kind: PartyKind
    public var name: String
    public var organisation: String?
    public var publicKey: Ed25519PublicKey
    public var roles: [Role]

    public init(id: String, kind: PartyKind, name: String, organisation: String? = nil, publicKey: Ed25519PublicKey, roles: [Role] = []) {
        self.id = id
        self.kind = kind
        self.name = name
        self.organisation = organisation
        self.publicKey = publicKey
        self.roles = roles
    }

    var json: JSONValue {
        var members: JSONObject = [
            "id": .string(id), "kind": .string(kind.rawValue), "name": .string(name),
            "publicKey": .string(ByteEncoding.base64(publicKey.rawRepresentation)),
            "roles": .array(roles.map { .string($0.rawValue) }),
        ]
        if let organisation { members["organisation"] = .string(organisation) }
        return .object(members)
    }
}

extension EnvelopeDraft {
    /// The first entry; `policy` nil leaves the policy out (the defaults).
    public static func genesis(id: String, timestamp: Timestamp, origin: String, admin: PartyDraft, operatorKey: Ed25519PublicKey, policy: Policy? = nil) -> EnvelopeDraft {
        var body: JSONObject = [
            "origin": .string(origin), "admin": admin.json,
            "operatorKey": .string(ByteEncoding.base64(operatorKey.rawRepresentation)),
        ]
        if let policy { body["policy"] = policy.json }
        return EnvelopeDraft(ledger: origin, id: id, kind: .genesis, author: admin.id, timestamp: timestamp, body: body)
    }

    /// `need.voice`: support or an objection at a need's hearing.
    public static func voice(ledger: String, id: String, author: String, timestamp: Timestamp, need: String, supports: Bool, reason: String) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .needVoice, author: author, timestamp: timestamp, body: [
            "need": .string(need), "position": .string(supports ? "support" : "object"), "reason": .string(reason),
        ])
    }

    /// `motion.propose`.
    public static func proposeMotion(ledger: String, id: String, author: String, timestamp: Timestamp, action: Motion.Action, deadline: Timestamp? = nil, note: EntryNote = .none) -> EnvelopeDraft {
        var body = action.members
        if let deadline { body["deadline"] = .string(deadline.text) }
        note.add(to: &body)
        return EnvelopeDraft(ledger: ledger, id: id, kind: .motionPropose, author: author, timestamp: timestamp, body: body)
    }

    /// `motion.approve`, `motion.reject` or `motion.withdraw` (by `kind`).
    public static func motionVote(_ kind: TransactionKind, ledger: String, id: String, author: String, timestamp: Timestamp, motion: String) -> EnvelopeDraft {
        precondition([.motionApprove, .motionReject, .motionWithdraw].contains(kind), "not a motion vote")
        return EnvelopeDraft(ledger: ledger, id: id, kind: kind, author: author, timestamp: timestamp, body: ["motion": .string(motion)])
    }

    /// `entry.reverse`: undoes entry `entry` for `reason`.
    public static func reverseEntry(ledger: String, id: String, author: String, timestamp: Timestamp, entry: UInt64, reason: String) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .entryReverse, author: author, timestamp: timestamp, body: ["entry": .integer(Int64(entry)), "reason": .string(reason)])
    }

    /// `ledger.tick`: voids what is overdue at the ledger's time.
    public static func tick(ledger: String, id: String, author: String, timestamp: Timestamp) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .tick, author: author, timestamp: timestamp, body: [:])
    }

    public static func registerParty(ledger: String, id: String, author: String, timestamp: Timestamp, party: PartyDraft) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .partyRegister, author: author, timestamp: timestamp, body: party.json.objectValue!)
    }

    public static func updateParty(ledger: String, id: String, author: String, timestamp: Timestamp, party: String, name: String? = nil, organisation: String? = nil, roles: [Role]? = nil) -> EnvelopeDraft {
        var body: JSONObject = ["party": .string(party)]
        if let name { body["name"] = .string(name) }
        if let organisation { body["organisation"] = .string(organisation) }
        if let roles { body["roles"] = .array(roles.map { .string($0.rawValue) }) }
        return EnvelopeDraft(ledger: ledger, id: id, kind: .partyUpdate, author: author, timestamp: timestamp, body: body)
    }

    public static func rotateKey(ledger: String, id: String, author: String, timestamp: Timestamp, party: String, newKey: Ed25519PublicKey, revoking: String?) -> EnvelopeDraft {
        var body: JSONObject = ["party": .string(party), "publicKey": .string(ByteEncoding.base64(newKey.rawRepresentation))]
        if let revoking { body["revoke"] = .string(revoking) }
        return EnvelopeDraft(ledger: ledger, id: id, kind: .keyRotate, author: author, timestamp: timestamp, body: body)
    }

    public static func revokeKey(ledger: String, id: String, author: String, timestamp: Timestamp, party: String, keyID: String) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .keyRevoke, author: author, timestamp: timestamp, body: ["party": .string(party), "keyId": .string(keyID)])
    }

    /// With a `profile`, `requirements` nil takes what its lines add up to.
    public static func createNeed(ledger: String, id: String, author: String, timestamp: Timestamp, need: String, title: String, coordinator: String, requirements: [Asset: Int64]? = nil, profile: NeedProfile? = nil) -> EnvelopeDraft {
        let totals = requirements ?? profile?.requirements ?? [:]
        let lines = Dictionary(uniqueKeysWithValues: totals.map { ($0.key.rawValue, JSONValue.integer($0.value)) })
        var body: JSONObject = [
            "need": .string(need), "title": .string(title), "coordinator": .string(coordinator), "requirements": .object(JSONObject(lines)),
        ]
        if let profile { body["profile"] = OpportunityFields.json(profile) }
        return EnvelopeDraft(ledger: ledger, id: id, kind: .needCreate, author: author, timestamp: timestamp, body: body)
    }

    /// `offer.publish`: the offer's `party` and `publishedAt` are not sent
    /// (the author is the party).
    public static func publishOffer(ledger: String, id: String, author: String, timestamp: Timestamp, offer: Offer) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .offerPublish, author: author, timestamp: timestamp, body: OpportunityFields.json(offer).objectValue!)
    }

    public static func withdrawOffer(ledger: String, id: String, author: String, timestamp: Timestamp, offer: String) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .offerWithdraw, author: author, timestamp: timestamp, body: ["offer": .string(offer)])
    }

    public static func recordDonation(ledger: String, id: String, author: String, timestamp: Timestamp, donor: String, amount: Int64, to account: AccountPath, note: EntryNote = .none) -> EnvelopeDraft {
        var body: JSONObject = ["donor": .string(donor), "amount": .integer(amount), "to": .string(account.description)]
        note.add(to: &body)
        return EnvelopeDraft(ledger: ledger, id: id, kind: .donationRecord, author: author, timestamp: timestamp, body: body)
    }

    public static func refundDonation(ledger: String, id: String, author: String, timestamp: Timestamp, donor: String, amount: Int64, from account: AccountPath, note: EntryNote = .none) -> EnvelopeDraft {
        var body: JSONObject = ["donor": .string(donor), "amount": .integer(amount), "from": .string(account.description)]
        note.add(to: &body)
        return EnvelopeDraft(ledger: ledger, id: id, kind: .donationRefund, author: author, timestamp: timestamp, body: body)
    }

    /// `deadline` nil leaves it out: the policy's pledge lifetime applies.
    public static func makePledge(ledger: String, id: String, author: String, timestamp: Timestamp, need: String, asset: Asset, amount: Int64, deadline: Timestamp?, line: String? = nil, offer: String? = nil) -> EnvelopeDraft {
        var body: JSONObject = ["need": .string(need), "asset": .string(asset.rawValue), "amount": .integer(amount)]
        if let deadline { body["deadline"] = .string(deadline.text) }
        if let line { body["line"] = .string(line) }
        if let offer { body["offer"] = .string(offer) }
        return EnvelopeDraft(ledger: ledger, id: id, kind: .pledgeMake, author: author, timestamp: timestamp, body: body)
    }

    public static func confirmPledge(ledger: String, id: String, author: String, timestamp: Timestamp, pledge: String, amount: Int64) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .pledgeConfirm, author: author, timestamp: timestamp, body: ["pledge": .string(pledge), "amount": .integer(amount)])
    }

    public static func cancelPledge(ledger: String, id: String, author: String, timestamp: Timestamp, pledge: String) -> EnvelopeDraft {
        EnvelopeDraft(ledger: ledger, id: id, kind: .pledgeCancel, author: author, timestamp: timestamp, body: ["pledge": .string(pledge)])
    }
}
