import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// Corrections (冲正) through the one write path: each refusal has its
/// code and changes nothing; an accepted reversal posts the mirror image.
@Suite struct ReversalTests {
    private func donation(_ s: Scenario, _ id: String, _ amount: Int64, minute: Int64 = 1) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(minute), donor: "zone-studio", amount: amount, to: .pool(.cny)).signed(by: [s.manager])
    }

    private func reversal(_ s: Scenario, _ id: String, entry: UInt64, key: Ed25519PrivateKey? = nil, author: String = "street-office") throws -> [UInt8] {
        try EnvelopeDraft.reverseEntry(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(2), entry: entry, reason: "a typo").signed(by: [key ?? s.manager])
    }

    /// Each refusal: the code it must carry, with the journal and every
    /// balance unchanged. Catches a reversal allowed twice, of a kind that
    /// moves no money, by a party without the original's authority, of
    /// money refunded since, or of an entry that does not exist.
    @Test func refusalsChangeNothing() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let first = test.ledger.snapshot.sequence + 1
        let setup = try [donation(s, "g1", 100_000), donation(s, "g2", 2_000),
                         EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "r1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 99_000, from: .pool(.cny)).signed(by: [s.manager])]
        #expect(await test.ledger.submit(setup).allSatisfy { $0.error == nil })
        #expect(await test.ledger.submit(try reversal(s, "ok", entry: first + 1)).error == nil)
        let cases: [(String, [UInt8], LedgerError.Code)] = [
            ("twice", try reversal(s, "again", entry: first + 1), .alreadyReversed),
            ("a registration", try reversal(s, "party", entry: 2), .notReversible),
            ("a reversal", try reversal(s, "of-reversal", entry: first + 3), .notReversible),
            ("by the coordinator", try reversal(s, "hub", entry: first, key: s.coordinator, author: "hub"), .forbidden),
            ("refunded since", try reversal(s, "refunded", entry: first), .reversalBlocked),
            ("no such entry", try reversal(s, "missing", entry: 999), .entryUnknown),
            ("entry zero", try EnvelopeDraft(ledger: Scenario.origin, id: "zero", kind: .entryReverse, author: "street-office", timestamp: Scenario.time(2), body: ["entry": .integer(0), "reason": .string("x")]).signed(by: [s.manager]), .invalidField),
            ("no reason", try EnvelopeDraft(ledger: Scenario.origin, id: "why", kind: .entryReverse, author: "street-office", timestamp: Scenario.time(2), body: ["entry": .integer(Int64(first))]).signed(by: [s.manager]), .missingField),
        ]
        for (name, envelope, expected) in cases {
            let before = try test.fingerprint()
            #expect(await test.ledger.submit(envelope).error?.code == expected, "\(name)")
            let after = try test.fingerprint()
            #expect(after.0 == before.0 && after.1 == before.1, "\(name) changed the ledger")
        }
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    /// A reversal of an entry accepted in the same group: the entry is not
    /// in the store yet. Catches a write path that looks only in the store.
    @Test func reversesAnEntryOfTheSameGroup() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let next = test.ledger.snapshot.sequence + 1
        let outcomes = await test.ledger.submit([try donation(s, "g1", 100_000), try reversal(s, "x1", entry: next)])
        #expect(outcomes.allSatisfy { $0.error == nil }, "\(outcomes)")
        let pool = try #require(test.ledger.snapshot.accounts[.pool(.cny)])
        #expect(pool.creditsPosted == 100_000 && pool.debitsPosted == 100_000)
        #expect(test.ledger.snapshot.reversals[next]?.sequence == next + 1)
        // Reopened from its tables, the ledger still knows: a second reversal is refused.
        try test.store.close()
        let reopened = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: .authorTimes)
        #expect(await reopened.submit(try reversal(s, "x2", entry: next)).error?.code == .alreadyReversed)
        #expect(try LedgerVerifier.verify(reopened.store).isValid)
    }
}

/// Where docs/protocol.md and the code disagreed (found by an independent
/// client): the code now does what the document says.
@Suite struct ProtocolOrderTests {
    /// §3.1: an author that is not registered, signed by another party's
    /// registered key, is author_not_signer (the code said party_unknown).
    @Test func unregisteredAuthorIsAuthorNotSigner() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let envelope = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "ghost", author: "nobody", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny)).signed(by: [s.manager])
        let before = try test.fingerprint()
        #expect(await test.ledger.submit(envelope).error?.code == .authorNotSigner)
        #expect(try test.fingerprint().0 == before.0)
    }

    /// §4/§5: a used id re-signed with a time far from the ledger's is
    /// timestamp_skew before id_conflict; the same content, however old,
    /// is its original outcome. Catches a write path that answers
    /// id_conflict before the time check.
    @Test func timeIsCheckedBeforeIdConflict() async throws {
        let test = try await TestLedger(time: .clock { Scenario.time(10) })
        defer { test.remove() }
        let s = test.scenario
        func donation(at time: Timestamp, amount: Int64 = 100) throws -> [UInt8] {
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "g", author: "street-office", timestamp: time, donor: "zone-studio", amount: amount, to: .pool(.cny)).signed(by: [s.manager])
        }
        let original = try donation(at: Scenario.time(9))
        #expect(await test.ledger.submit(original).error == nil)
        let ahead = Timestamp.fromEpoch(seconds: Scenario.time(10).seconds + 3_600)
        let behind = Timestamp.fromEpoch(seconds: Scenario.time(10).seconds - 365 * 86_400)
        #expect(await test.ledger.submit(try donation(at: ahead)).error?.code == .timestampSkew)
        #expect(await test.ledger.submit(try donation(at: behind)).error?.code == .timestampSkew)
        #expect(await test.ledger.submit(try donation(at: Scenario.time(9), amount: 200)).error?.code == .idConflict)
        if case .duplicate = await test.ledger.submit(original) {} else { Issue.record("the original was not answered as a duplicate") }
    }
}
