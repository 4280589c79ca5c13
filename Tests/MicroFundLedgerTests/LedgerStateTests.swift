import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import Testing

/// Applies signed envelopes to a state, stopping at the first rejection.
private func replay(_ envelopes: [[UInt8]], onto state: inout LedgerState) throws {
    try applyAtAuthorTimes(envelopes, to: &state)
}

/// The code a rejected envelope gets, after checking it changed nothing.
private func rejection(_ bytes: [UInt8], on state: LedgerState) -> LedgerError.Code? {
    refusal(bytes, on: state)
}

@Suite("Ledger state: transactions and their rules")
struct LedgerStateTests {
    let scenario: Scenario
    var state = LedgerState()

    init() throws {
        scenario = try Scenario()
        try replay(scenario.setup(), onto: &state)
    }

    private func donation(_ id: String, amount: Int64, to account: AccountPath = .pool(.cny), by key: Ed25519PrivateKey? = nil, author: String = "street-office") throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(10), donor: "zone-studio", amount: amount, to: account)
            .signed(by: [key ?? scenario.manager])
    }

    @Test("setup registers parties with keys, and the need")
    func setup() throws {
        #expect(state.sequence == 6)
        #expect(state.parties.count == 5)
        #expect(state.parties["committee"]?.roles == [.admin])
        #expect(state.keys.count == 5)
        #expect(state.needs[scenario.need]?.requirements == [.cny: 5_000_000, .labour: 2_400])
        #expect(state.origin == scenario.origin)
        #expect(state.operatorKey == scenario.operatorKey.publicKey)
    }

    @Test("a donation moves cash from the donor's account into the pool or an earmark")
    mutating func donation() throws {
        try replay([
            donation("d1", amount: 50_000),
            donation("d2", amount: 120_000, to: .earmark(need: scenario.need, .cny)),
        ], onto: &state)
        #expect(state.accounts[.pool(.cny)]?.balance == 50_000)
        #expect(state.accounts[.earmark(need: scenario.need, .cny)]?.balance == 120_000)
        #expect(state.accounts[.party("zone-studio", .cny)]?.balance == -170_000)
        let total = state.accounts.values.reduce(Int64(0)) { $0 + $1.balance }
        #expect(total == 0)
    }

    @Test("a pledge is pending, then posted for what was delivered, the rest released")
    mutating func pledgeLifecycle() throws {
        let make = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(5), need: scenario.need, asset: .labour, amount: 600, deadline: Scenario.time(60 * 24))
            .signed(by: [scenario.enterprise])
        try replay([make], onto: &state)
        let needAccount = AccountPath.need(scenario.need, .labour)
        #expect(state.accounts[needAccount] == Account(creditsPending: 600))
        #expect(state.accounts[.party("zone-studio", .labour)] == Account(debitsPending: 600))
        let confirm = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c1", author: "hub", timestamp: Scenario.time(600), pledge: "p1", amount: 480)
            .signed(by: [scenario.coordinator])
        try replay([confirm], onto: &state)
        #expect(state.accounts[needAccount] == Account(creditsPosted: 480))
        #expect(state.accounts[.party("zone-studio", .labour)] == Account(debitsPosted: 480))
        #expect(state.pledges["p1"]?.state == .confirmed)
        #expect(state.pledges["p1"]?.delivered == 480)
    }

    @Test("a cancelled pledge releases everything")
    mutating func pledgeCancel() throws {
        try replay([
            EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "resident-wang", timestamp: Scenario.time(5), need: scenario.need, asset: .cny, amount: 10_000, deadline: Scenario.time(100))
                .signed(by: [scenario.resident]),
            EnvelopeDraft.cancelPledge(ledger: Scenario.origin, id: "x1", author: "resident-wang", timestamp: Scenario.time(6), pledge: "p1").signed(by: [scenario.resident]),
        ], onto: &state)
        #expect(state.accounts[.earmark(need: scenario.need, .cny)] == Account())
        #expect(state.pledges["p1"]?.state == .cancelled)
    }

    @Test("rules reject with stable codes and change nothing")
    mutating func rules() throws {
        try replay([donation("d1", amount: 1_000)], onto: &state)
        let s = scenario
        let cases: [([UInt8], LedgerError.Code)] = [
            (try donation("x", amount: 5, by: s.enterprise, author: "zone-studio"), .forbidden),
            (try donation("x", amount: 5, to: .earmark(need: "nowhere", .cny)), .needUnknown),
            (try donation("x", amount: 5, to: .need(s.need, .labour)), .invalidAccount),
            (try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "x", author: "street-office", timestamp: Scenario.time(1), donor: "ghost", amount: 5, to: .pool(.cny)).signed(by: [s.manager]), .partyUnknown),
            (try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "x", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1_001, from: .pool(.cny)).signed(by: [s.manager]), .overdraft),
            (try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "x", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 5, from: .earmark(need: s.need, .cny)).signed(by: [s.manager]), .accountUnknown),
            (try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "x", author: "hub", timestamp: Scenario.time(1), pledge: "nope", amount: 5).signed(by: [s.coordinator]), .pledgeUnknown),
            (try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "x", author: "zone-studio", timestamp: Scenario.time(10), need: s.need, asset: .labour, amount: 5, deadline: Scenario.time(9)).signed(by: [s.enterprise]), .deadlinePassed),
            (try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "x", author: "zone-studio", timestamp: Scenario.time(10), need: "nowhere", asset: .labour, amount: 5, deadline: Scenario.time(90)).signed(by: [s.enterprise]), .needUnknown),
            (try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "x", author: "street-office", timestamp: Scenario.time(1), party: PartyDraft(id: "p", kind: .resident, name: "P", publicKey: Scenario.key(40).publicKey)).signed(by: [s.manager]), .forbidden),
            (try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "x", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "hub", kind: .resident, name: "P", publicKey: Scenario.key(41).publicKey)).signed(by: [s.admin]), .partyExists),
            (try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "x", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "new", kind: .resident, name: "P", publicKey: s.resident.publicKey)).signed(by: [s.admin]), .keyExists),
            (try EnvelopeDraft.createNeed(ledger: Scenario.origin, id: "x", author: "hub", timestamp: Scenario.time(1), need: s.need, title: "Again", coordinator: "hub", requirements: [:]).signed(by: [s.coordinator]), .needExists),
            (try EnvelopeDraft.createNeed(ledger: Scenario.origin, id: "x", author: "hub", timestamp: Scenario.time(1), need: "wall", title: "Wall", coordinator: "zone-studio", requirements: [:]).signed(by: [s.coordinator]), .forbidden),
            (try EnvelopeDraft.genesis(id: "x", timestamp: Scenario.time(1), origin: Scenario.origin, admin: PartyDraft(id: "committee", kind: .committee, name: "C", publicKey: s.admin.publicKey), operatorKey: s.operatorKey.publicKey).signed(by: [s.admin]), .genesisRepeated),
            (try EnvelopeDraft.genesis(id: "x", timestamp: Scenario.time(1), origin: "o", admin: PartyDraft(id: "committee", kind: .committee, name: "C", publicKey: s.admin.publicKey), operatorKey: s.operatorKey.publicKey).signed(by: [s.admin]), .wrongLedger),
            // The same parties and keys in another street's fund: a donation
            // signed for that ledger is worthless in this one.
            (try EnvelopeDraft.recordDonation(ledger: "fund.example.org/caohejing", id: "x", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [s.manager]), .wrongLedger),
            (try donation("x", amount: 5, by: s.enterprise), .authorNotSigner),
            (try donation("x", amount: 5, by: Scenario.key(99)), .keyUnknown),
        ]
        for (bytes, expected) in cases {
            #expect(rejection(bytes, on: state) == expected)
        }
    }

    @Test("confirming more than pledged, twice, or after the deadline is refused")
    mutating func confirmRules() throws {
        let s = scenario
        try replay([
            EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(5), need: s.need, asset: .space, amount: 4_500, deadline: Scenario.time(100)).signed(by: [s.enterprise]),
        ], onto: &state)
        let over = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "hub", timestamp: Scenario.time(50), pledge: "p1", amount: 4_501).signed(by: [s.coordinator])
        #expect(rejection(over, on: state) == .pledgeExceeded)
        let late = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "hub", timestamp: Scenario.time(101), pledge: "p1", amount: 10).signed(by: [s.coordinator])
        #expect(rejection(late, on: state) == .pledgeExpired)
        let byPledger = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "zone-studio", timestamp: Scenario.time(50), pledge: "p1", amount: 10).signed(by: [s.enterprise])
        #expect(rejection(byPledger, on: state) == .forbidden)
        let stranger = try EnvelopeDraft.cancelPledge(ledger: Scenario.origin, id: "c", author: "resident-wang", timestamp: Scenario.time(50), pledge: "p1").signed(by: [s.resident])
        #expect(rejection(stranger, on: state) == .forbidden)
        try replay([EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "hub", timestamp: Scenario.time(50), pledge: "p1", amount: 4_500).signed(by: [s.coordinator])], onto: &state)
        let again = try EnvelopeDraft.cancelPledge(ledger: Scenario.origin, id: "c2", author: "hub", timestamp: Scenario.time(51), pledge: "p1").signed(by: [s.coordinator])
        #expect(rejection(again, on: state) == .pledgeNotPending)
    }

    @Test("a revoked key no longer signs; a rotated key does")
    mutating func keyLifecycle() throws {
        let s = scenario
        let oldID = try KeyIdentifier.of(s.resident.publicKey)
        let newKey = try Scenario.key(77)
        try replay([
            EnvelopeDraft.rotateKey(ledger: Scenario.origin, id: "r1", author: "resident-wang", timestamp: Scenario.time(1), party: "resident-wang", newKey: newKey.publicKey, revoking: oldID).signed(by: [s.resident]),
        ], onto: &state)
        let pledge = EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p", author: "resident-wang", timestamp: Scenario.time(5), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(100))
        #expect(rejection(try pledge.signed(by: [s.resident]), on: state) == .keyRevoked)
        #expect(rejection(try pledge.signed(by: [newKey]), on: state) == nil)
        let revokeOther = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "v", author: "zone-studio", timestamp: Scenario.time(2), party: "resident-wang", keyID: KeyIdentifier.of(newKey.publicKey)).signed(by: [s.enterprise])
        #expect(rejection(revokeOther, on: state) == .forbidden)
        let byAdmin = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "v", author: "committee", timestamp: Scenario.time(2), party: "resident-wang", keyID: KeyIdentifier.of(newKey.publicKey)).signed(by: [s.admin])
        try replay([byAdmin], onto: &state)
        #expect(rejection(try pledge.signed(by: [newKey]), on: state) == .keyRevoked)
    }

    @Test("the only admin may not revoke its last key; with a second admin, or after a rotation, it may")
    mutating func lastAdminKey() throws {
        let s = scenario
        let adminKeyID = try KeyIdentifier.of(s.admin.publicKey)
        let revokeOwn = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "v", author: "committee", timestamp: Scenario.time(2), party: "committee", keyID: adminKeyID).signed(by: [s.admin])
        #expect(rejection(revokeOwn, on: state) == .lastAdminKey)
        // A rotation that revokes the old key keeps the admin able to sign.
        let rotated = try Scenario.key(90)
        var afterRotation = state
        try replay([EnvelopeDraft.rotateKey(ledger: Scenario.origin, id: "r", author: "committee", timestamp: Scenario.time(2), party: "committee", newKey: rotated.publicKey, revoking: adminKeyID).signed(by: [s.admin])], onto: &afterRotation)
        let revokeRotated = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "v2", author: "committee", timestamp: Scenario.time(3), party: "committee", keyID: KeyIdentifier.of(rotated.publicKey)).signed(by: [rotated])
        #expect(rejection(revokeRotated, on: afterRotation) == .lastAdminKey)
        // With a second admin registered, the first may retire its key.
        let second = try Scenario.key(91)
        try replay([EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "second-admin", author: "committee", timestamp: Scenario.time(2), party: PartyDraft(id: "deputy", kind: .committee, name: "Deputy", publicKey: second.publicKey, roles: [.admin])).signed(by: [s.admin])], onto: &state)
        #expect(rejection(revokeOwn, on: state) == nil)
    }

    @Test("nobody confirms its own delivery: a coordinator's own pledge is confirmed by an admin, not by itself")
    mutating func selfConfirmation() throws {
        let s = scenario
        let own = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "own", author: "hub", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 120, deadline: Scenario.time(100)).signed(by: [s.coordinator])
        try replay([own], onto: &state)
        let bySelf = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c1", author: "hub", timestamp: Scenario.time(2), pledge: "own", amount: 120).signed(by: [s.coordinator])
        #expect(rejection(bySelf, on: state) == .forbidden)
        let byOther = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c2", author: "zone-studio", timestamp: Scenario.time(2), pledge: "own", amount: 120).signed(by: [s.enterprise])
        #expect(rejection(byOther, on: state) == .forbidden)
        let byAdmin = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c3", author: "committee", timestamp: Scenario.time(2), pledge: "own", amount: 120).signed(by: [s.admin])
        #expect(rejection(byAdmin, on: state) == nil)
        // An admin does not step in for a pledge the coordinator can confirm.
        let studio = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "studio", author: "zone-studio", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(100)).signed(by: [s.enterprise])
        try replay([studio], onto: &state)
        let adminForStudio = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c4", author: "committee", timestamp: Scenario.time(2), pledge: "studio", amount: 60).signed(by: [s.admin])
        #expect(rejection(adminForStudio, on: state) == .forbidden)
    }

    @Test("an admin updates a party's name, roles and organisation; nobody else may, and the last admin stays one")
    mutating func partyUpdate() throws {
        let s = scenario
        func update(_ id: String, by author: String = "committee", key: Ed25519PrivateKey? = nil, party: String = "hub", name: String? = nil, organisation: String? = nil, roles: [Role]? = nil) throws -> [UInt8] {
            try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(1), party: party, name: name, organisation: organisation, roles: roles)
                .signed(by: [key ?? s.admin])
        }
        #expect(rejection(try update("u1", by: "hub", key: s.coordinator, roles: [.coordinator, .fundManager]), on: state) == .forbidden)
        #expect(rejection(try update("u2", party: "ghost", name: "G"), on: state) == .partyUnknown)
        #expect(rejection(try update("u3", organisation: "no-such-org"), on: state) == .partyUnknown)
        #expect(rejection(try update("u4", roles: [.auditor, .coordinator]), on: state) == .invalidField)
        #expect(rejection(try update("u5", party: "committee", roles: []), on: state) == .lastAdminKey)
        #expect(rejection(try EnvelopeDraft(ledger: Scenario.origin, id: "u6", kind: .partyUpdate, author: "committee", timestamp: Scenario.time(1), body: ["party": .string("hub")]).signed(by: [s.admin]), on: state) == .missingField)
        // A coordinator who also manages the fund, without a second identity.
        try replay([try update("u7", name: "Jiangpu Community Hub (fund)", organisation: "street-office", roles: [.coordinator, .fundManager])], onto: &state)
        #expect(state.parties["hub"]?.roles == [.coordinator, .fundManager])
        #expect(state.parties["hub"]?.name == "Jiangpu Community Hub (fund)")
        #expect(state.parties["hub"]?.organisation == "street-office")
        #expect(state.parties["hub"]?.kind == .socialOrganisation)
        #expect(rejection(try donation("d-hub", amount: 5, by: s.coordinator, author: "hub"), on: state) == nil)
    }

    @Test("an auditor reads but does not write, except to manage its own keys")
    mutating func auditorWritesNothing() throws {
        let s = scenario
        let auditorKey = try Scenario.key(70)
        try replay([try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-auditor", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "auditor", kind: .socialOrganisation, name: "Audit Office", publicKey: auditorKey.publicKey, roles: [.auditor])).signed(by: [s.admin])], onto: &state)
        let writes: [[UInt8]] = [
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "a1", author: "auditor", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(99)).signed(by: [auditorKey]),
            try EnvelopeDraft.createNeed(ledger: Scenario.origin, id: "a2", author: "auditor", timestamp: Scenario.time(2), need: "audit-need", title: "T", coordinator: "hub", requirements: [:]).signed(by: [auditorKey]),
            try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "a3", author: "auditor", timestamp: Scenario.time(2), party: "zone-studio", keyID: KeyIdentifier.of(s.enterprise.publicKey)).signed(by: [auditorKey]),
        ]
        for write in writes { #expect(rejection(write, on: state) == .forbidden) }
        let rotated = try Scenario.key(71)
        #expect(rejection(try EnvelopeDraft.rotateKey(ledger: Scenario.origin, id: "a4", author: "auditor", timestamp: Scenario.time(2), party: "auditor", newKey: rotated.publicKey, revoking: KeyIdentifier.of(auditorKey.publicKey)).signed(by: [auditorKey]), on: state) == nil)
        let registerMixed = try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-mixed", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "mixed", kind: .resident, name: "M", publicKey: Scenario.key(72).publicKey, roles: [.auditor, .fundManager])).signed(by: [s.admin])
        #expect(rejection(registerMixed, on: state) == .invalidField)
    }

    @Test("ledger.tick expires every pending pledge past its deadline at the entry's time, and nothing else")
    mutating func tick() throws {
        let s = scenario
        func pledge(_ id: String, deadline minutes: Int64) throws -> [UInt8] {
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: id, author: "zone-studio", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(minutes)).signed(by: [s.enterprise])
        }
        try replay([try pledge("early", deadline: 50), try pledge("middle", deadline: 100), try pledge("late", deadline: 200)], onto: &state)
        let confirm = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "hub", timestamp: Scenario.time(20), pledge: "early", amount: 30).signed(by: [s.coordinator])
        func tick(_ id: String, at minutes: Int64, by author: String = "hub", key: Ed25519PrivateKey? = nil) throws -> [UInt8] {
            try EnvelopeDraft.tick(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(minutes)).signed(by: [key ?? s.coordinator])
        }
        #expect(rejection(try tick("t0", at: 40), on: state) == .nothingDue)
        try replay([confirm], onto: &state)
        let pendingBefore = try #require(state.accounts[.need(s.need, .labour)]?.creditsPending)
        try replay([try tick("t1", at: 150)], onto: &state)
        #expect(state.pledges["early"]?.state == .confirmed)
        #expect(state.pledges["middle"]?.state == .expired)
        #expect(state.pledges["late"]?.state == .pending)
        #expect(state.accounts[.need(s.need, .labour)]?.creditsPending == pendingBefore - 60)
        #expect(state.accounts[.party("zone-studio", .labour)]?.debitsPending == 60)
        #expect(rejection(try tick("t2", at: 160), on: state) == .nothingDue)
        let confirmExpired = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c2", author: "hub", timestamp: Scenario.time(160), pledge: "middle", amount: 60).signed(by: [s.coordinator])
        #expect(rejection(confirmExpired, on: state) == .pledgeNotPending)
        #expect(state.overduePledges(at: Scenario.time(300)).map(\.id) == ["late"])
        let auditorKey = try Scenario.key(80)
        try replay([try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-aud", author: "committee", timestamp: Scenario.time(160), party: PartyDraft(id: "aud", kind: .socialOrganisation, name: "A", publicKey: auditorKey.publicKey, roles: [.auditor])).signed(by: [s.admin])], onto: &state)
        #expect(rejection(try tick("t3", at: 300, by: "aud", key: auditorKey), on: state) == .forbidden)
        #expect(rejection(try tick("t4", at: 300), on: state) == nil)
    }

    @Test("nothing but genesis may come first")
    func genesisFirst() throws {
        let empty = LedgerState()
        let setup = try scenario.setup()
        #expect(rejection(setup[1], on: empty) == .genesisRequired)
        let wrongSigner = try EnvelopeDraft.genesis(id: "g", timestamp: Scenario.time(0), origin: "o", admin: PartyDraft(id: "committee", kind: .committee, name: "C", publicKey: scenario.admin.publicKey), operatorKey: scenario.operatorKey.publicKey)
            .signed(by: [scenario.manager])
        #expect(rejection(wrongSigner, on: empty) == .keyUnknown)
    }

    @Test("a co-signature by the donor is accepted; a forged one is not")
    func coSignature() throws {
        let draft = EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny))
        #expect(rejection(try draft.signed(by: [scenario.manager, scenario.enterprise]), on: state) == nil)
        let signed = try flipSignatureBit(draft.signed(by: [scenario.manager, scenario.enterprise]), signature: 1)
        #expect(rejection(signed, on: state) == .signatureInvalid)
    }
}

/// The signed envelope with one bit of signature `index` flipped.
func flipSignatureBit(_ bytes: [UInt8], signature index: Int) throws -> [UInt8] {
    var members = try #require(JSONParser.parse(bytes).objectValue)
    var sigs = try #require(members["sigs"]?.arrayValue)
    var sig = try #require(sigs[index].objectValue)
    let text = try #require(sig["sig"]?.stringValue)
    var raw = try #require(ByteEncoding.bytes(base64: text))
    raw[10] ^= 0x04
    sig["sig"] = .string(ByteEncoding.base64(raw))
    sigs[index] = .object(sig)
    members["sigs"] = .array(sigs)
    return try CanonicalJSON.encode(.object(members))
}
