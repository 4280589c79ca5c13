/// A party as `ledger.genesis` and `party.register` describe it.
public struct PartyRegistration: Sendable, Equatable {
    public let id: String
    public let kind: PartyKind
    public let name: String
    public let organisation: String?
    public let publicKey: [UInt8]
    public let roles: Set<Role>
}

/// What `party.update` changes: each member present replaces the party's.
public struct PartyUpdate: Sendable, Equatable {
    public let party: String
    public let name: String?
    public let organisation: String?
    public let roles: Set<Role>?
}

/// The decoded, typed body of each kind (docs/protocol.md §Kinds).
public enum TransactionBody: Sendable, Equatable {
    /// The first entry: names the ledger, its admin and its operator key.
    case genesis(origin: String, admin: PartyRegistration, operatorKey: [UInt8], policy: Policy)
    /// Voids what is overdue at the entry's time: every pending pledge
    /// whose deadline has passed. The body is empty.
    case tick
    case partyRegister(PartyRegistration)
    /// New values for a party's display name, roles or organisation;
    /// what is left out stays as it is.
    case partyUpdate(PartyUpdate)
    /// Adds `publicKey` to `party`, optionally revoking `revoke` in the same step.
    case keyRotate(party: String, publicKey: [UInt8], revoke: String?)
    case keyRevoke(party: String, keyID: String)
    /// `profile` (where, when, which lines) makes the need matchable; its
    /// lines must add up to `requirements`.
    case needCreate(need: String, title: String, coordinator: String, requirements: [Asset: Int64], profile: NeedProfile?)
    /// A resident's (or any party's) support or objection at a need's
    /// public hearing, with a short reason.
    case needVoice(need: String, supports: Bool, reason: String)
    /// Cash from `donor` into the pool or a need's earmark.
    case donationRecord(donor: String, amount: Int64, to: AccountPath, note: EntryNote)
    /// Cash returned to `donor` from the pool or an earmark.
    case donationRefund(donor: String, amount: Int64, from: AccountPath, note: EntryNote)
    /// A party's standing offer of a resource (its `party` is the author).
    case offerPublish(Offer)
    case offerWithdraw(offer: String)
    /// `deadline` nil takes the policy's pledge lifetime from the entry's
    /// time. `line` names the requirement line it serves; `offer` the
    /// author's offer it draws on (a matched proposal carries both).
    case pledgeMake(need: String, asset: Asset, amount: Int64, deadline: Timestamp?, line: String?, offer: String?)
    case pledgeConfirm(pledge: String, amount: Int64)
    case pledgeCancel(pledge: String)
    /// A committee motion; `deadline` nil takes the policy's lifetime.
    /// A disbursement may carry a memo and the payment's reference.
    case motionPropose(action: Motion.Action, deadline: Timestamp?, note: EntryNote)
    case motionApprove(motion: String)
    case motionReject(motion: String)
    case motionWithdraw(motion: String)
    /// Undoes entry `entry` (a donation, a refund or a delivery
    /// confirmation) by posting its mirror transfers, for `reason`.
    case entryReverse(entry: UInt64, reason: String)

    /// Most requirement lines a need may have: one per asset.
    static let requirementCountMax = Asset.allCases.count
    /// Most roles a party may hold.
    static let roleCountMax = Role.allCases.count

    static func decode(kind: TransactionKind, _ value: JSONValue, author: String) throws(LedgerError) -> TransactionBody {
        var body = try FieldReader(value, context: "body")
        let decoded: TransactionBody
        switch kind {
        case .genesis:
            let origin = try body.string("origin")
            // The origin is the first line of every checkpoint (C2SP
            // tlog-checkpoint): a schema-less URL, printable ASCII, no spaces.
            guard Identifier.isValidOrigin(origin) else {
                throw LedgerError(.invalidField, "body.origin must be 1-128 printable ASCII characters without spaces, e.g. ledger.example.org/jiangpu")
            }
            let policy = body.has("policy") ? try Policy(json: body.object("policy"), context: "body.policy") : Policy.default
            decoded = .genesis(origin: origin, admin: try registration(body.object("admin"), context: "body.admin"), operatorKey: try body.publicKey("operatorKey"), policy: policy)
        case .tick:
            decoded = .tick
        case .partyRegister:
            decoded = .partyRegister(try registration(value, context: "body", reader: &body))
        case .partyUpdate:
            decoded = .partyUpdate(try update(&body))
        case .keyRotate:
            decoded = .keyRotate(party: try body.name("party"), publicKey: try body.publicKey("publicKey"), revoke: body.has("revoke") ? try keyID(body.string("revoke")) : nil)
        case .keyRevoke:
            decoded = .keyRevoke(party: try body.name("party"), keyID: try keyID(body.string("keyId")))
        case .needCreate:
            decoded = .needCreate(
                need: try body.name("need"), title: try body.text("title"), coordinator: try body.name("coordinator"),
                requirements: try requirements(body.object("requirements")),
                profile: body.has("profile") ? try OpportunityFields.profile(body.object("profile"), context: "body.profile") : nil)
        case .needVoice:
            let need = try body.name("need")
            let position = try body.string("position")
            guard position == "support" || position == "object" else {
                throw LedgerError(.invalidField, "body.position must be support or object")
            }
            decoded = .needVoice(need: need, supports: position == "support", reason: try body.text("reason"))
        case .donationRecord:
            decoded = .donationRecord(donor: try body.name("donor"), amount: try body.amount("amount"), to: try body.account("to"), note: try EntryNote.read(&body))
        case .donationRefund:
            decoded = .donationRefund(donor: try body.name("donor"), amount: try body.amount("amount"), from: try body.account("from"), note: try EntryNote.read(&body))
        case .pledgeMake:
            decoded = .pledgeMake(
                need: try body.name("need"), asset: try body.asset("asset"), amount: try body.amount("amount"),
                deadline: body.has("deadline") ? try body.timestamp("deadline") : nil,
                line: try body.optionalName("line"), offer: try body.optionalName("offer"))
        case .offerPublish:
            decoded = .offerPublish(try OpportunityFields.offer(&body, author: author))
        case .offerWithdraw:
            decoded = .offerWithdraw(offer: try body.name("offer"))
        case .pledgeConfirm:
            decoded = .pledgeConfirm(pledge: try pledgeID(body.string("pledge")), amount: try body.amount("amount"))
        case .pledgeCancel:
            decoded = .pledgeCancel(pledge: try pledgeID(body.string("pledge")))
        case .motionPropose:
            let action = try motionAction(&body)
            // Only a payout carries a memo and a reference; on any other
            // motion they are unknown members.
            let note = if case .disburse = action { try EntryNote.read(&body) } else { EntryNote.none }
            decoded = .motionPropose(action: action, deadline: body.has("deadline") ? try body.timestamp("deadline") : nil, note: note)
        case .motionApprove:
            decoded = .motionApprove(motion: try motionID(body.string("motion")))
        case .motionReject:
            decoded = .motionReject(motion: try motionID(body.string("motion")))
        case .motionWithdraw:
            decoded = .motionWithdraw(motion: try motionID(body.string("motion")))
        case .entryReverse:
            guard body.has("entry"), case .number(let number)? = body.object["entry"], let entry = number.int64, entry >= 1 else {
                throw LedgerError(body.object["entry"] == nil ? .missingField : .invalidField, "body.entry must be the sequence number of the entry reversed, an integer from 1")
            }
            decoded = .entryReverse(entry: UInt64(entry), reason: try body.text("reason"))
        }
        try body.finish()
        return decoded
    }

    private static func registration(_ value: JSONValue, context: String) throws(LedgerError) -> PartyRegistration {
        var reader = try FieldReader(value, context: context)
        let registration = try registration(value, context: context, reader: &reader)
        try reader.finish()
        return registration
    }

    private static func registration(_ value: JSONValue, context: String, reader: inout FieldReader) throws(LedgerError) -> PartyRegistration {
        let id = try reader.name("id")
        let kindText = try reader.string("kind")
        guard let kind = PartyKind(rawValue: kindText) else {
            throw LedgerError(.invalidField, "\(context).kind must be one of \(PartyKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = try reader.text("name")
        let organisation = try reader.optionalName("organisation")
        let publicKey = try reader.publicKey("publicKey")
        let roles = reader.has("roles") ? try roleSet(reader.array("roles", countMax: roleCountMax), context: context) : []
        return PartyRegistration(id: id, kind: kind, name: name, organisation: organisation, publicKey: publicKey, roles: roles)
    }

    private static func update(_ reader: inout FieldReader) throws(LedgerError) -> PartyUpdate {
        let party = try reader.name("party")
        let name = reader.has("name") ? try reader.text("name") : nil
        let organisation = try reader.optionalName("organisation")
        let roles = reader.has("roles") ? try roleSet(reader.array("roles", countMax: roleCountMax), context: "body") : nil
        guard name != nil || organisation != nil || roles != nil else {
            throw LedgerError(.missingField, "body needs at least one of name, roles and organisation")
        }
        return PartyUpdate(party: party, name: name, organisation: organisation, roles: roles)
    }

    private static func roleSet(_ elements: [JSONValue], context: String) throws(LedgerError) -> Set<Role> {
        var roles: Set<Role> = []
        for element in elements {
            guard let text = element.stringValue, let role = Role(rawValue: text) else {
                throw LedgerError(.invalidField, "\(context).roles must hold only \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard roles.insert(role).inserted else {
                throw LedgerError(.invalidField, "\(context).roles names \(role.rawValue) twice")
            }
        }
        guard !roles.contains(.auditor) || roles.count == 1 else {
            throw LedgerError(.invalidField, "\(context).roles: an auditor holds no other role")
        }
        return roles
    }

    private static func requirements(_ value: JSONValue) throws(LedgerError) -> [Asset: Int64] {
        guard let members = value.objectValue, members.count <= requirementCountMax else {
            throw LedgerError(.invalidField, "body.requirements must be an object of at most \(requirementCountMax) assets")
        }
        var lines: [Asset: Int64] = [:]
        for name in CanonicalJSON.sortedNames(members.keys) {
            guard let asset = Asset(rawValue: name) else {
                throw LedgerError(.invalidField, "body.requirements.\(name.prefix(32)) is not an asset")
            }
            lines[asset] = try FieldReader.amount(members[name]!, field: "body.requirements.\(name)")
        }
        return lines
    }

    private static func keyID(_ text: String) throws(LedgerError) -> String {
        guard text.utf8.count == 32, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw LedgerError(.invalidField, "a key id is 32 lower-case hex characters")
        }
        return text
    }

    /// A motion's action from a `motion.propose` body or a stored motion.
    static func motionAction(_ body: inout FieldReader) throws(LedgerError) -> Motion.Action {
        let type = try body.string("type")
        if type == "policy.change" {
            return .changePolicy(try Policy(json: body.object("policy"), context: "body.policy"))
        }
        let need = try body.name("need")
        switch type {
        case "need.advance":
            let text = try body.string("stage")
            guard let stage = NeedStageMachine.Stage(rawValue: text), stage != .proposed else {
                throw LedgerError(.invalidField, "body.stage must be one of approved, hearing_passed, in_progress, accepted, maintained")
            }
            return .advance(need: need, to: stage)
        case "dispute.open": return .openDispute(need: need)
        case "dispute.resolve": return .resolveDispute(need: need)
        case "disburse":
            return .disburse(need: need, payee: try body.name("payee"), amount: try body.amount("amount"), from: try body.account("from"))
        case "payout.reverse":
            return .reversePayout(need: need, motion: try motionID(body.string("motion")), reason: try body.text("reason"))
        default:
            throw LedgerError(.invalidField, "body.type must be need.advance, dispute.open, dispute.resolve, disburse, payout.reverse or policy.change")
        }
    }

    private static func motionID(_ text: String) throws(LedgerError) -> String {
        guard Identifier.isValidEnvelopeID(text) else {
            throw LedgerError(.invalidField, "body.motion must be the id of the motion.propose envelope")
        }
        return text
    }

    private static func pledgeID(_ text: String) throws(LedgerError) -> String {
        guard Identifier.isValidEnvelopeID(text) else {
            throw LedgerError(.invalidField, "body.pledge must be the id of the pledge.make envelope")
        }
        return text
    }
}
