import Foundation
import MicroFundCrypto
import MicroFundLedger

/// The demo dataset as `Fixtures/demo/*.json` describes it, in domain terms.
/// `DemoFixture.envelopes()` turns it into signed envelopes with keys
/// derived from each party's id, so the demo journal is the same every run.
struct DemoFixture: Decodable {
    struct PartySpec: Decodable {
        let id: String
        let kind: String
        let name: String
        let organisation: String?
        let roles: [String]?
    }

    struct NeedSpec: Decodable {
        let id: String
        let title: String
        let coordinator: String
        let proposer: String
        /// Left out when a profile gives them.
        let requirements: [String: Int64]?
        let profile: ProfileSpec?
    }

    /// A need's profile (docs/protocol.md §4.3) with degrees as text and
    /// windows as [start, end].
    struct ProfileSpec: Decodable {
        let lat: String
        let lon: String
        let community: String
        let category: String
        let window: [String]
        let priority: Int
        let lines: [LineSpec]
    }

    struct LineSpec: Decodable {
        let line: String
        let asset: String
        let skill: String?
        let amount: Int64?
        let area: Int64?
        let window: [String]?
    }

    struct TransactionSpec: Decodable {
        let at: String
        let kind: String
        let author: String
        let id: String?
        let donor: String?
        let amount: Int64?
        let to: String?
        let from: String?
        let need: String?
        let asset: String?
        let deadline: String?
        let pledge: String?
        let cosign: Bool?
        // Governance: a motion's type, stage and payee; the motion voted on;
        // a hearing voice's position and reason.
        let type: String?
        let stage: String?
        let payee: String?
        let motion: String?
        let position: String?
        let reason: String?
        /// A donation's memo and receipt number; the entry a reversal undoes.
        let memo: String?
        let reference: String?
        let entry: UInt64?
        /// The code this step is expected to be refused with: the demo shows
        /// a rule at work (a conflicted approval) and goes on.
        let expect: String?
        // Offers: id, skill or discipline, area (SPACE), where, reach,
        // window [start, end] and earmark.
        let offer: String?
        let skill: String?
        let area: Int64?
        let lat: String?
        let lon: String?
        let radius: Int64?
        let window: [String]?
        let categories: [String]?
        let communities: [String]?
    }

    /// One step of the history: a signed envelope and, for a step meant to
    /// be refused, the code it must get.
    struct Step {
        let envelope: [UInt8]
        let expectedRefusal: String?
    }

    let origin: String
    let admin: PartySpec
    let parties: [PartySpec]
    let needs: [NeedSpec]
    let transactions: [TransactionSpec]

    /// The genesis and registrations happen the day before the first transaction.
    static let setupTime = Timestamp("2026-03-01T01:00:00Z")!

    static func load(_ path: String) throws -> DemoFixture {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.fileUnreadable, "cannot read the demo fixture \(path)")
        }
        do {
            return try JSONDecoder().decode(DemoFixture.self, from: data)
        } catch let error as DecodingError {
            throw CommandFailure(.invalidFixture, "\(path) is not a demo fixture: \(Self.describe(error))")
        }
    }

    /// Where and why a fixture does not decode, in words, not Swift's dump.
    private static func describe(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "" : " at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(key.stringValue) is missing\(at(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "a value has the wrong type\(at(context))"
        case .dataCorrupted(let context): return "it is not valid JSON\(at(context))"
        @unknown default: return "it does not decode"
        }
    }

    /// A demo party's key: seeded from SHA-256 of its id. Demo only: anyone
    /// can derive these keys, which is the point of a reproducible demo.
    static func key(for party: String) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(rawRepresentation: SHA256.digest(Array("microfund demo key\n\(party)".utf8)))
    }

    /// Every party's id, the admin's first.
    var partyIDs: [String] { [admin.id] + parties.map(\.id) }

    /// The whole history as steps, in order.
    func steps() throws -> [Step] {
        let signed = try envelopes()
        let expectations: [String?] = Array(repeating: nil, count: signed.count - transactions.count) + transactions.map(\.expect)
        return zip(signed, expectations).map { Step(envelope: $0, expectedRefusal: $1) }
    }

    /// The whole history as signed envelopes, in order.
    func envelopes() throws -> [[UInt8]] {
        let adminKey = try DemoFixture.key(for: admin.id)
        var out: [[UInt8]] = [try EnvelopeDraft.genesis(
            id: "demo-genesis", timestamp: DemoFixture.setupTime, origin: origin,
            admin: try draft(admin), operatorKey: DemoFixture.key(for: "operator").publicKey
        ).signed(by: [adminKey])]
        for party in parties {
            out.append(try EnvelopeDraft.registerParty(ledger: origin, id: "demo-register-\(party.id)", author: admin.id, timestamp: DemoFixture.setupTime, party: draft(party))
                .signed(by: [adminKey]))
        }
        for need in needs {
            var lines: [Asset: Int64]?
            if let requirements = need.requirements {
                lines = try Dictionary(uniqueKeysWithValues: requirements.map { (try asset($0.key), $0.value) })
            }
            out.append(try EnvelopeDraft.createNeed(
                ledger: origin, id: "demo-need-\(need.id)", author: need.proposer, timestamp: DemoFixture.setupTime, need: need.id,
                title: need.title, coordinator: need.coordinator, requirements: lines, profile: try need.profile.map { try profile($0, need: need.id) }
            ).signed(by: [DemoFixture.key(for: need.proposer)]))
        }
        for (index, spec) in transactions.enumerated() {
            var signers = [try DemoFixture.key(for: spec.author)]
            if spec.cosign == true, let donor = spec.donor { signers.append(try DemoFixture.key(for: donor)) }
            out.append(try draft(spec, id: spec.id ?? "demo-\(index + 1)").signed(by: signers))
        }
        return out
    }

    private func draft(_ party: PartySpec) throws -> PartyDraft {
        guard let kind = PartyKind(rawValue: party.kind) else { throw invalid("party kind \(party.kind)") }
        let roles = try (party.roles ?? []).map { text in
            guard let role = Role(rawValue: text) else { throw invalid("role \(text)") }
            return role
        }
        return PartyDraft(id: party.id, kind: kind, name: party.name, organisation: party.organisation, publicKey: try DemoFixture.key(for: party.id).publicKey, roles: roles)
    }

    private func draft(_ spec: TransactionSpec, id: String) throws -> EnvelopeDraft {
        guard let time = Timestamp(spec.at), let kind = TransactionKind(rawValue: spec.kind) else { throw invalid("transaction \(id)") }
        func need<T>(_ value: T?) throws -> T {
            guard let value else { throw invalid("transaction \(id) lacks a field its kind needs") }
            return value
        }
        switch kind {
        case .donationRecord:
            return .recordDonation(ledger: origin, id: id, author: spec.author, timestamp: time, donor: try need(spec.donor), amount: try need(spec.amount), to: try need(spec.to.flatMap(AccountPath.init)), note: EntryNote(memo: spec.memo, reference: spec.reference))
        case .donationRefund:
            return .refundDonation(ledger: origin, id: id, author: spec.author, timestamp: time, donor: try need(spec.donor), amount: try need(spec.amount), from: try need(spec.from.flatMap(AccountPath.init)), note: EntryNote(memo: spec.memo, reference: spec.reference))
        case .pledgeMake:
            return .makePledge(ledger: origin, id: id, author: spec.author, timestamp: time, need: try need(spec.need), asset: try asset(need(spec.asset)), amount: try need(spec.amount), deadline: try need(spec.deadline.flatMap(Timestamp.init)))
        case .pledgeConfirm:
            return .confirmPledge(ledger: origin, id: id, author: spec.author, timestamp: time, pledge: try need(spec.pledge), amount: try need(spec.amount))
        case .pledgeCancel:
            return .cancelPledge(ledger: origin, id: id, author: spec.author, timestamp: time, pledge: try need(spec.pledge))
        case .tick:
            return .tick(ledger: origin, id: id, author: spec.author, timestamp: time)
        case .motionPropose:
            return .proposeMotion(ledger: origin, id: id, author: spec.author, timestamp: time, action: try motionAction(spec, id: id))
        case .motionApprove, .motionReject, .motionWithdraw:
            return .motionVote(kind, ledger: origin, id: id, author: spec.author, timestamp: time, motion: try need(spec.motion))
        case .needVoice:
            guard let position = spec.position, position == "support" || position == "object" else { throw invalid("transaction \(id) position") }
            return .voice(ledger: origin, id: id, author: spec.author, timestamp: time, need: try need(spec.need), supports: position == "support", reason: try need(spec.reason))
        case .offerPublish:
            return .publishOffer(ledger: origin, id: id, author: spec.author, timestamp: time, offer: try offer(spec, id: id))
        case .offerWithdraw:
            return .withdrawOffer(ledger: origin, id: id, author: spec.author, timestamp: time, offer: try need(spec.offer))
        case .entryReverse:
            return .reverseEntry(ledger: origin, id: id, author: spec.author, timestamp: time, entry: try need(spec.entry), reason: try need(spec.reason))
        case .genesis, .partyRegister, .partyUpdate, .keyRotate, .keyRevoke, .needCreate:
            throw invalid("transaction \(id) has a kind the demo does not script: \(kind.rawValue)")
        }
    }

    private func motionAction(_ spec: TransactionSpec, id: String) throws -> Motion.Action {
        guard let type = spec.type, let need = spec.need else { throw invalid("motion \(id)") }
        switch type {
        case "need.advance":
            guard let stage = spec.stage.flatMap(NeedStageMachine.Stage.init(rawValue:)) else { throw invalid("motion \(id) stage") }
            return .advance(need: need, to: stage)
        case "dispute.open": return .openDispute(need: need)
        case "dispute.resolve": return .resolveDispute(need: need)
        case "disburse":
            guard let payee = spec.payee, let amount = spec.amount, let source = spec.from.flatMap(AccountPath.init) else { throw invalid("motion \(id) payout") }
            return .disburse(need: need, payee: payee, amount: amount, from: source)
        case "payout.reverse":
            guard let motion = spec.motion, let reason = spec.reason else { throw invalid("motion \(id) reversal") }
            return .reversePayout(need: need, motion: motion, reason: reason)
        default: throw invalid("motion \(id) type \(type)")
        }
    }

    private func profile(_ spec: ProfileSpec, need: String) throws -> NeedProfile {
        let lines = try spec.lines.map { line -> NeedLine in
            let asset = try asset(line.asset)
            guard let quantity = asset == .space ? line.area : line.amount else { throw invalid("line \(line.line) of \(need)") }
            return NeedLine(id: line.line, asset: asset, skill: line.skill, quantity: quantity, window: try line.window.map { try span($0, what: "line \(line.line)") })
        }
        return NeedProfile(
            location: try Coordinates.location(lat: spec.lat, lon: spec.lon), community: spec.community, category: spec.category,
            window: try span(spec.window, what: "window of \(need)"), priority: spec.priority, lines: lines)
    }

    private func offer(_ spec: TransactionSpec, id: String) throws -> Offer {
        guard let offer = spec.offer, let assetName = spec.asset, let lat = spec.lat, let lon = spec.lon, let window = spec.window else {
            throw invalid("offer in transaction \(id)")
        }
        let asset = try asset(assetName)
        guard let quantity = asset == .space ? spec.area : spec.amount else { throw invalid("offer \(offer) quantity") }
        return Offer(
            id: offer, party: spec.author, asset: asset, skill: spec.skill, quantity: quantity,
            radiusMetres: spec.radius ?? (asset == .cny ? nil : Offer.defaultRadiusMetres),
            location: try Coordinates.location(lat: lat, lon: lon), window: try span(window, what: "offer \(offer) window"),
            categories: (spec.categories ?? []).sorted(), communities: (spec.communities ?? []).sorted(), publishedAt: 0)
    }

    private func span(_ pair: [String], what: String) throws -> TimeSpan {
        guard pair.count == 2, let start = Timestamp(pair[0]), let end = Timestamp(pair[1]) else { throw invalid(what) }
        return TimeSpan(start: start, end: end)
    }

    private func asset(_ name: String) throws -> Asset {
        guard let asset = Asset(rawValue: name) else { throw invalid("asset \(name)") }
        return asset
    }

    private func invalid(_ what: String) -> CommandFailure {
        CommandFailure(.invalidFixture, "the demo fixture has an invalid \(what)")
    }
}
