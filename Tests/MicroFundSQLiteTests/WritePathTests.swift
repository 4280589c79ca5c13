import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Synchronization
import Testing

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("The write path on SQLite: acceptance, idempotency and bad input")
struct WritePathTests {
    @Test("the writer connection is synchronous=FULL in WAL mode")
    func durabilitySettings() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        #expect(try test.store.synchronousLevel() == 2)
        #expect(try test.store.journalMode() == "wal")
    }

    @Test("accepted transactions survive reopening; the state reloads equal")
    func reopen() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let donation = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 88_800, to: .pool(.cny))
            .signed(by: [test.scenario.manager])
        #expect(await test.ledger.submit(donation) == .accepted(sequence: 7, id: "d1"))
        let reopened = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: .authorTimes)
        #expect(reopened.snapshot.accounts == test.ledger.snapshot.accounts)
        #expect(reopened.snapshot.parties == test.ledger.snapshot.parties)
        #expect(reopened.snapshot.keys == test.ledger.snapshot.keys)
        #expect(reopened.snapshot.sequence == 7)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("the same id with the same content returns the original outcome and appends nothing")
    func idempotentReplay() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let draft = EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny))
        let signed = try draft.signed(by: [test.scenario.manager])
        #expect(await test.ledger.submit(signed) == .accepted(sequence: 7, id: "d1"))
        #expect(await test.ledger.submit(signed) == .duplicate(sequence: 7, id: "d1"))
        // Within one batch too.
        let again = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d2", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny)).signed(by: [test.scenario.manager])
        #expect(await test.ledger.submit([again, again]) == [.accepted(sequence: 8, id: "d2"), .duplicate(sequence: 8, id: "d2")])
        // Co-signing later does not change the content.
        #expect(await test.ledger.submit(try draft.signed(by: [test.scenario.manager, test.scenario.enterprise])) == .duplicate(sequence: 7, id: "d1"))
        #expect(try test.store.loadState().sequence == 8)
        var other = draft
        other.body["amount"] = .integer(101)
        #expect(await test.ledger.submit(try other.signed(by: [test.scenario.manager])).error?.code == .idConflict)
    }

    @Test("every bad input gets its own code, appends nothing and changes no balance")
    func badInput() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let pledge = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 600, deadline: Scenario.time(999)).signed(by: [s.enterprise])
        let revoke = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "revoke-wang", author: "committee", timestamp: Scenario.time(1), party: "resident-wang", keyID: KeyIdentifier.of(s.resident.publicKey)).signed(by: [s.admin])
        #expect(await test.ledger.submit([pledge, revoke]).allSatisfy { if case .accepted = $0 { true } else { false } })
        let before = try test.fingerprint()

        let donation = EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "bad", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 5, to: .pool(.cny))
        let good = text(try donation.signed(by: [s.manager]))
        let unsigned = text(try CanonicalJSON.encode(donation.json))
        func withAmount(_ amount: String) -> [UInt8] { bytes(good.replacingOccurrences(of: "\"amount\":5,", with: "\"amount\":\(amount),")) }
        var tooLarge = donation
        tooLarge.body["note"] = .string(String(repeating: "x", count: 70_000))

        let cases: [(String, [UInt8], LedgerError.Code)] = [
            ("malformed JSON", bytes(String(good.dropLast())), .malformedJSON),
            ("unknown kind", bytes(good.replacingOccurrences(of: "donation.record", with: "donation.steal")), .unknownKind),
            ("missing signature", bytes(unsigned), .signatureMissing),
            ("malformed signature", bytes(good.replacingOccurrences(of: "\"sig\":\"", with: "\"sig\":\"!")), .signatureMalformed),
            ("wrong signature", try flip(donation.signed(by: [s.manager])), .signatureInvalid),
            ("unregistered key", try donation.signed(by: [Scenario.key(200)]), .keyUnknown),
            ("revoked key", try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "bad", author: "resident-wang", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 5, deadline: Scenario.time(9)).signed(by: [s.resident]), .keyRevoked),
            ("author not the signer", try donation.signed(by: [s.coordinator]), .authorNotSigner),
            ("amount 0", withAmount("0"), .amountNotPositive),
            ("negative amount", withAmount("-5"), .amountNotPositive),
            ("fractional amount", withAmount("1.5"), .amountNotInteger),
            ("amount above 2^53-1", withAmount("9007199254740992"), .amountTooLarge),
            ("refund from an account that never held money", try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "bad", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 1, from: .pool(.cny)).signed(by: [s.manager]), .accountUnknown),
            ("unknown account", bytes(good.replacingOccurrences(of: "fund:pool:CNY", with: "fund:vault:CNY")), .invalidAccount),
            ("unknown need", try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "bad", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 5, to: .earmark(need: "no-such-need", .cny)).signed(by: [s.manager]), .needUnknown),
            ("unknown party", try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "bad", author: "street-office", timestamp: Scenario.time(2), donor: "no-such-party", amount: 5, to: .pool(.cny)).signed(by: [s.manager]), .partyUnknown),
            ("confirming more than pledged", try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "bad", author: "hub", timestamp: Scenario.time(2), pledge: "p1", amount: 601).signed(by: [s.coordinator]), .pledgeExceeded),
            ("replayed id, other content", try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "p1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [s.manager]), .idConflict),
            ("envelope over 64 KiB", try tooLarge.signed(by: [s.manager]), .envelopeTooLarge),
            ("role that may not do this", try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "bad", author: "zone-studio", timestamp: Scenario.time(2), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [s.enterprise]), .forbidden),
            ("unknown field", try { var d = donation; d.body["bonus"] = .string("x"); return try d.signed(by: [s.manager]) }(), .unknownField),
            ("bad timestamp", bytes(good.replacingOccurrences(of: "Z\",\"v\"", with: "+08:00\",\"v\"")), .invalidTimestamp),
            ("wrong version", bytes(good.replacingOccurrences(of: "\"v\":1", with: "\"v\":2")), .unsupportedVersion),
            ("duplicate key", bytes(good.replacingOccurrences(of: "{\"amount\":5,", with: "{\"amount\":5,\"amount\":5,")), .duplicateKey),
        ]
        for (name, envelope, expected) in cases {
            let outcome = await test.ledger.submit(envelope)
            #expect(outcome.error?.code == expected, "\(name): \(outcome)")
        }
        let after = try test.fingerprint()
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
        #expect(test.ledger.snapshot.accounts == before.1)
    }

    @Test("a party update is stored, reloads equal and verifies")
    func partyUpdateStored() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let update = try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: "u1", author: "committee", timestamp: Scenario.time(1), party: "hub", name: "Hub and Fund", roles: [.coordinator, .fundManager])
            .signed(by: [test.scenario.admin])
        #expect(await test.ledger.submit(update) == .accepted(sequence: 7, id: "u1"))
        let reloaded = try test.store.loadState()
        #expect(reloaded.parties["hub"]?.roles == [.coordinator, .fundManager])
        #expect(reloaded.parties == test.ledger.snapshot.parties)
        #expect(try LedgerVerifier.verify(test.store).isValid)
        #expect(try test.sqlite("UPDATE parties SET roles = 'coordinator' WHERE id = 'hub'") == 0)
        #expect(try LedgerVerifier.verify(test.store).isValid == false)
    }

    @Test("no duplicate or id_conflict answer for an envelope whose signatures do not verify")
    func signaturesBeforeIdempotency() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let draft = EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny))
        let signed = try draft.signed(by: [s.manager])
        #expect(await test.ledger.submit(signed) == .accepted(sequence: 7, id: "d1"))
        let zeroed = try zeroedSignature(signed)
        var other = draft
        other.body["amount"] = .integer(101)
        let cases: [(String, [UInt8], LedgerError.Code)] = [
            ("a copy with a zeroed signature", zeroed, .signatureInvalid),
            ("a copy with a flipped signature bit", try flip(signed), .signatureInvalid),
            ("a copy signed by another registered party only", try draft.signed(by: [s.enterprise]), .authorNotSigner),
            ("a copy signed by an unregistered key", try draft.signed(by: [Scenario.key(201)]), .keyUnknown),
            ("the same id, other content, a bad signature", try flip(other.signed(by: [s.manager])), .signatureInvalid),
            ("the same id, other content, an unregistered key", try other.signed(by: [Scenario.key(201)]), .keyUnknown),
        ]
        for (name, envelope, expected) in cases {
            #expect(await test.ledger.submit(envelope).error?.code == expected, "\(name)")
            #expect(await test.ledger.submit([envelope, envelope]).map { $0.error?.code } == [expected, expected], "\(name), twice in a batch")
        }
        // A well-signed copy still gets its original outcome, and well-signed
        // other content its id_conflict.
        #expect(await test.ledger.submit(signed) == .duplicate(sequence: 7, id: "d1"))
        #expect(await test.ledger.submit(try other.signed(by: [s.manager])).error?.code == .idConflict)
        #expect(try test.store.loadState().sequence == 7)
    }

    @Test("batches of 1,024 and 1,025 envelopes: the ledger commits them in groups of at most 1,024, in order")
    func batchLimit() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        for count in [Ledger.batchCountMax, Ledger.batchCountMax + 1] {
            let start = test.ledger.snapshot.sequence
            let envelopes = try (0..<count).map { index in
                try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "batch-\(count)-\(index)", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1, to: .pool(.cny)).signed(by: [s.manager])
            }
            let outcomes = await test.ledger.submit(envelopes)
            #expect(outcomes == (0..<count).map { .accepted(sequence: start + 1 + UInt64($0), id: "batch-\(count)-\($0)") })
        }
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("an overdraft of a protected account is refused atomically")
    func overdraft() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let give = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1_000, to: .pool(.cny)).signed(by: [s.manager])
        let giveOther = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d2", author: "street-office", timestamp: Scenario.time(1), donor: "resident-wang", amount: 1_000, to: .earmark(need: s.need, .cny)).signed(by: [s.manager])
        #expect(await test.ledger.submit([give, giveOther]).map(\.error) == [nil, nil])
        let before = try test.fingerprint()
        // zone-studio gave 1,000 to the pool; the pool holds 1,000: a refund of
        // 1,001 would be more than it gave (and more than the pool holds).
        let refund = try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "r1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 1_001, from: .pool(.cny)).signed(by: [s.manager])
        #expect(await test.ledger.submit(refund).error?.code == .overdraft)
        // Empty the pool, then refund resident-wang (who gave to the earmark)
        // from the pool: within what the donor gave, but the pool is empty.
        let drain = try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "r2", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 1_000, from: .pool(.cny)).signed(by: [s.manager])
        #expect(await test.ledger.submit(drain) == .accepted(sequence: 9, id: "r2"))
        let overdraw = try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "r3", author: "street-office", timestamp: Scenario.time(2), donor: "resident-wang", amount: 1, from: .pool(.cny)).signed(by: [s.manager])
        #expect(await test.ledger.submit(overdraw).error?.code == .overdraft)
        #expect(try test.fingerprint().0 == before.0 + 1)
        #expect(try test.store.loadState().accounts[.pool(.cny)]?.balance == 0)
    }

    @Test("keys pre-checked in a batch still obey registration and revocation order")
    func keysWithinABatch() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let newcomer = try Scenario.key(120)
        let pledge = { (id: String, author: String, key: Ed25519PrivateKey) throws -> [UInt8] in
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(3), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(90)).signed(by: [key])
        }
        // A registration refused (not by an admin) introduces a key the
        // pre-check may use, but the apply must still refuse its signatures.
        let refused = try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-x", author: "street-office", timestamp: Scenario.time(1), party: PartyDraft(id: "newcomer", kind: .resident, name: "N", publicKey: newcomer.publicKey)).signed(by: [s.manager])
        let outcomes = await test.ledger.submit([refused, try pledge("p-x", "newcomer", newcomer)])
        #expect(outcomes.map { $0.error?.code } == [.forbidden, .keyUnknown])
        // Registered and used in one batch: accepted, in order.
        let registered = try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-y", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "newcomer", kind: .resident, name: "N", publicKey: newcomer.publicKey)).signed(by: [s.admin])
        let used = try pledge("p-y", "newcomer", newcomer)
        // Revoked and then used in the same batch: refused.
        let revoke = try EnvelopeDraft.revokeKey(ledger: Scenario.origin, id: "rev-y", author: "newcomer", timestamp: Scenario.time(4), party: "newcomer", keyID: KeyIdentifier.of(newcomer.publicKey)).signed(by: [newcomer])
        let late = try pledge("p-z", "newcomer", newcomer)
        let second = await test.ledger.submit([used, registered, used, revoke, late])
        #expect(second.map { $0.error?.code } == [.keyUnknown, nil, nil, nil, .keyRevoked])
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("a batch mixes accepted and rejected envelopes; each stands alone")
    func mixedBatch() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let outcomes = await test.ledger.submit([
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "a", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 10, to: .pool(.cny)).signed(by: [s.manager]),
            bytes("{"),
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "b", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 20, to: .pool(.cny)).signed(by: [s.manager]),
        ])
        #expect(outcomes[0] == .accepted(sequence: 7, id: "a"))
        #expect(outcomes[1].error?.code == .malformedJSON)
        #expect(outcomes[2] == .accepted(sequence: 8, id: "b"))
        #expect(try test.store.loadState().accounts[.pool(.cny)]?.balance == 30)
    }
}

/// The signed envelope with one bit of its first signature flipped.
private func flip(_ signed: [UInt8]) throws -> [UInt8] {
    var members = try #require(JSONParser.parse(signed).objectValue)
    var sig = try #require(members["sigs"]?.arrayValue?.first?.objectValue)
    let text = try #require(sig["sig"]?.stringValue)
    var raw = try #require(ByteEncoding.bytes(base64: text))
    raw[3] ^= 0x80
    sig["sig"] = .string(ByteEncoding.base64(raw))
    members["sigs"] = .array([.object(sig)])
    return try CanonicalJSON.encode(.object(members))
}

/// The envelope with every signature's bytes set to zero.
private func zeroedSignature(_ signed: [UInt8]) throws -> [UInt8] {
    var members = try #require(JSONParser.parse(signed).objectValue)
    let sigs = try #require(members["sigs"]?.arrayValue).map { element -> JSONValue in
        var sig = element.objectValue!
        sig["sig"] = .string(ByteEncoding.base64([UInt8](repeating: 0, count: 64)))
        return .object(sig)
    }
    members["sigs"] = .array(sigs)
    return try CanonicalJSON.encode(.object(members))
}

@Suite("Refunds come only from where that donor's money went")
struct RefundSourceTests {
    private func refund(_ s: Scenario, _ id: String, donor: String, amount: Int64, from source: AccountPath) throws -> [UInt8] {
        try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(3), donor: donor, amount: amount, from: source).signed(by: [s.manager])
    }

    private func give(_ s: Scenario, _ id: String, donor: String, amount: Int64, to account: AccountPath) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(2), donor: donor, amount: amount, to: account).signed(by: [s.manager])
    }

    @Test("not from an earmark the donor never gave to, not from the pool for earmarked gifts, not beyond what is left")
    func refundSources() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let earmark = AccountPath.earmark(need: s.need, .cny)
        #expect(await test.ledger.submit([
            try give(s, "studio-pool", donor: "zone-studio", amount: 1_000, to: .pool(.cny)),
            try give(s, "wang-earmark", donor: "resident-wang", amount: 1_000, to: earmark),
        ]).allSatisfy { $0.error == nil })
        let before = try test.fingerprint()
        let refused: [(String, [UInt8])] = [
            ("from an earmark the studio never gave to", try refund(s, "r1", donor: "zone-studio", amount: 1, from: earmark)),
            ("from the pool for money given to an earmark", try refund(s, "r2", donor: "resident-wang", amount: 1, from: .pool(.cny))),
            ("more than the studio gave to the pool", try refund(s, "r3", donor: "zone-studio", amount: 1_001, from: .pool(.cny))),
        ]
        for (name, envelope) in refused {
            #expect(await test.ledger.submit(envelope).error?.code == .overdraft, "\(name)")
        }
        #expect(try test.fingerprint() == before)
        #expect(await test.ledger.submit(try refund(s, "r4", donor: "zone-studio", amount: 600, from: .pool(.cny))).error == nil)
        #expect(await test.ledger.submit(try refund(s, "r5", donor: "zone-studio", amount: 401, from: .pool(.cny))).error?.code == .overdraft)
        #expect(await test.ledger.submit(try refund(s, "r6", donor: "zone-studio", amount: 400, from: .pool(.cny))).error == nil)
        #expect(await test.ledger.submit(try refund(s, "r7", donor: "resident-wang", amount: 1_000, from: earmark)).error == nil)
        let state = try test.store.loadState()
        #expect(state.contributions[ContributionKey(party: "zone-studio", account: .pool(.cny))] == 0)
        #expect(state.contributions == test.ledger.snapshot.contributions)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("a ledger from before contributions were stored gets them from its transfers")
    func migration() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let earmark = AccountPath.earmark(need: s.need, .cny)
        let pledge = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "cash-pledge", author: "zone-studio", timestamp: Scenario.time(2), need: s.need, asset: .cny, amount: 700, deadline: Scenario.time(99)).signed(by: [s.enterprise])
        let confirm = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "cash-confirm", author: "hub", timestamp: Scenario.time(3), pledge: "cash-pledge", amount: 500).signed(by: [s.coordinator])
        #expect(await test.ledger.submit([
            try give(s, "g1", donor: "zone-studio", amount: 1_000, to: .pool(.cny)),
            try give(s, "g2", donor: "resident-wang", amount: 300, to: earmark),
            pledge, confirm,
            try refund(s, "r1", donor: "zone-studio", amount: 250, from: .pool(.cny)),
        ]).allSatisfy { $0.error == nil })
        let expected = test.ledger.snapshot.contributions
        #expect(expected[ContributionKey(party: "zone-studio", account: earmark)] == 500)
        #expect(try test.sqlite("DROP TABLE contributions; DELETE FROM grdb_migrations WHERE identifier = 'v3: contributions';") == 0)
        let reopened = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: .authorTimes)
        #expect(reopened.snapshot.contributions == expected)
        #expect(try LedgerVerifier.verify(SQLiteStore.open(path: test.databasePath)).isValid)
    }
}

@Suite("A writer waits a bounded time for another's write lock")
struct LockWaitTests {
    @Test("held past the wait: store_busy, nothing written; released: the same submission is accepted")
    func busy() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        try test.store.close()
        // Another process takes SQLite's write lock and keeps it.
        let holder = try LockHolder(test.databasePath)
        let store = try SQLiteStore.open(path: test.databasePath, lockWaitSeconds: 1)
        let ledger = try Ledger(store: store, time: .authorTimes)
        let donation = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "waits", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [test.scenario.manager])
        let started = Date()
        #expect(await ledger.submit(donation).error?.code == .storeBusy)
        #expect(Date().timeIntervalSince(started) >= 0.9)
        #expect(try store.loadState().sequence == 6)
        holder.release()
        #expect(await ledger.submit(donation) == .accepted(sequence: 7, id: "waits"))
    }
}

/// A clock a test sets by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Timestamp>
    init(_ time: Timestamp) { current = Mutex(time) }
    func set(_ time: Timestamp) { current.withLock { $0 = time } }
    var acceptanceTime: AcceptanceTime { .clock { self.current.withLock { $0 } } }
}

@Suite("Trusted time: entries record the ledger's time; deadlines and authors' ts are judged by it")
struct TrustedTimeTests {
    private func donation(_ s: Scenario, _ id: String, at ts: Timestamp) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: ts, donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [s.manager])
    }

    @Test("an author's ts may be at most 5 minutes ahead of the ledger's time and 7 days behind it")
    func skew() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let now = Scenario.time(60 * 24 * 30)
        let clock = ManualClock(now)
        let ledger = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: clock.acceptanceTime)
        let s = test.scenario
        let seconds = now.seconds
        let cases: [(String, Int64, LedgerError.Code?)] = [
            ("year 9999", Timestamp("9999-12-31T23:59:59Z")!.seconds - seconds, .timestampSkew),
            ("6 minutes ahead", 360, .timestampSkew),
            ("5 minutes ahead", 300, nil),
            ("7 days and 1 second behind", -(7 * 86_400 + 1), .timestampSkew),
            ("7 days behind", -7 * 86_400, nil),
            ("now", 0, nil),
        ]
        for (index, (name, offset, expected)) in cases.enumerated() {
            let outcome = await ledger.submit(try donation(s, "skew-\(index)", at: Timestamp.fromEpoch(seconds: seconds + offset)))
            #expect(outcome.error?.code == expected, "\(name): \(outcome)")
        }
        let entries = try test.store.entries(from: 7, limit: 10).map { try JournalEntry(decoding: $0.bytes) }
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.time == now })
    }

    @Test("a confirmation dated before the deadline but accepted after it is pledge_expired; a pledge whose deadline is already past is deadline_passed")
    func backdating() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let clock = ManualClock(Scenario.time(10))
        let ledger = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: clock.acceptanceTime)
        let pledge = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p", author: "zone-studio", timestamp: Scenario.time(10), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(100)).signed(by: [s.enterprise])
        #expect(await ledger.submit(pledge).error == nil)
        // Accepted at minute 200, the coordinator's ts claims minute 90.
        clock.set(Scenario.time(200))
        let backdated = try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c", author: "hub", timestamp: Scenario.time(90), pledge: "p", amount: 60).signed(by: [s.coordinator])
        #expect(await ledger.submit(backdated).error?.code == .pledgeExpired)
        let late = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p2", author: "zone-studio", timestamp: Scenario.time(195), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(199)).signed(by: [s.enterprise])
        #expect(await ledger.submit(late).error?.code == .deadlinePassed)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("a clock that goes back does not take the ledger's time with it")
    func monotonic() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let clock = ManualClock(Scenario.time(500))
        let ledger = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: clock.acceptanceTime)
        #expect(await ledger.submit(try donation(s, "a", at: Scenario.time(499))).error == nil)
        clock.set(Scenario.time(400))
        #expect(await ledger.submit(try donation(s, "b", at: Scenario.time(399))).error == nil)
        let times = try test.store.entries(from: 7, limit: 2).map { try JournalEntry(decoding: $0.bytes).time }
        #expect(times == [Scenario.time(500), Scenario.time(500)])
        #expect(try test.store.loadState().time == Scenario.time(500))
        // A replay refuses time that goes back.
        var state = try test.store.loadState()
        let envelope = try Envelope.decode(try donation(s, "c", at: Scenario.time(450)))
        #expect(throws: LedgerError.self) { _ = try state.apply(envelope, at: Scenario.time(450)) }
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }
}

@Suite("Governance against the ledger's clock")
struct GovernanceTimeTests {
    @Test("an approval dated before a motion's deadline but accepted after it is motion_expired; the policy changes by no other way")
    func backdatedApproval() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let members = try (50...51).map { try Scenario.key(UInt8($0)) }
        let clock = ManualClock(Scenario.time(10))
        let ledger = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: clock.acceptanceTime)
        for (index, key) in members.enumerated() {
            #expect(await ledger.submit(try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m\(index)", author: "committee", timestamp: Scenario.time(10), party: PartyDraft(id: "m\(index)", kind: .resident, name: "M", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin])).error == nil)
        }
        let proposal = try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "mo", author: "hub", timestamp: Scenario.time(10), action: .advance(need: s.need, to: .approved), deadline: Scenario.time(100)).signed(by: [s.coordinator])
        #expect(await ledger.submit(proposal).error == nil)
        #expect(await ledger.submit(try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "v0", author: "m0", timestamp: Scenario.time(10), motion: "mo").signed(by: [members[0]])).error == nil)
        // Accepted at minute 200; the member's ts claims minute 90.
        clock.set(Scenario.time(200))
        let before = try test.fingerprint()
        let backdated = try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "v1", author: "m1", timestamp: Scenario.time(90), motion: "mo").signed(by: [members[1]])
        #expect(await ledger.submit(backdated).error?.code == .motionExpired)
        #expect(try test.fingerprint() == before)
        #expect(ledger.snapshot.needs[s.need]?.stage == .at(.proposed))
        // A second genesis cannot bring another policy in.
        var other = Policy.default
        other.reserveShareBasisPoints = 0
        let genesis = try EnvelopeDraft.genesis(id: "g2", timestamp: Scenario.time(200), origin: Scenario.origin, admin: PartyDraft(id: "committee", kind: .committee, name: "C", publicKey: s.admin.publicKey), operatorKey: s.operatorKey.publicKey, policy: other).signed(by: [s.admin])
        #expect(await ledger.submit(genesis).error?.code == .genesisRepeated)
        #expect(ledger.snapshot.policy == .default)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }
}
