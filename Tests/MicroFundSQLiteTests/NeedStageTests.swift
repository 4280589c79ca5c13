import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// A need's stage history: written with each entry that moves it, read back
/// equal to a replay, filled for ledgers from before it existed, and checked
/// by verify.
@Suite("Need stage history on SQLite")
struct NeedStageTests {
    /// Three members; the need is approved, its hearing passes, a dispute
    /// opens and is resolved — four moves after its creation.
    static func history(_ s: Scenario) throws -> [[UInt8]] {
        let o = Scenario.origin
        let members = try (50...52).map { try Scenario.key(UInt8($0)) }
        var history = try s.setup()
        for (index, key) in members.enumerated() {
            history.append(try EnvelopeDraft.registerParty(ledger: o, id: "reg-m\(index)", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "m\(index)", kind: .resident, name: "M", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin]))
        }
        let actions: [(String, Motion.Action)] = [
            ("approve", .advance(need: s.need, to: .approved)), ("hearing", .advance(need: s.need, to: .hearingPassed)),
            ("dispute", .openDispute(need: s.need)), ("resolve", .resolveDispute(need: s.need)),
        ]
        for (step, (id, action)) in actions.enumerated() {
            let minute = Int64(2 + step)
            history.append(try EnvelopeDraft.proposeMotion(ledger: o, id: id, author: "hub", timestamp: Scenario.time(minute), action: action).signed(by: [s.coordinator]))
            for member in 0...1 {
                history.append(try EnvelopeDraft.motionVote(.motionApprove, ledger: o, id: "\(id)-\(member)", author: "m\(member)", timestamp: Scenario.time(minute), motion: id).signed(by: [members[member]]))
            }
        }
        return history
    }

    @Test("each move is stored with its entry and reloads equal to a replay; stage(at:) answers every past point")
    func storedAsReplayed() async throws {
        let s = try Scenario()
        let history = try Self.history(s)
        let test = try await TestLedger(history: history)
        defer { test.remove() }
        var replay = LedgerState()
        var stageAfter: [NeedStageMachine.State?] = []
        for bytes in history {
            let envelope = try Envelope.decode(bytes)
            _ = try replay.apply(envelope, at: max(envelope.timestamp, replay.time ?? envelope.timestamp))
            stageAfter.append(replay.needs[s.need]?.stage)
        }
        let stored = try #require(try test.store.loadState().needs[s.need])
        #expect(stored.stages.count == 5, "created, then four moves: \(stored.stages)")
        #expect(stored.stages == replay.needs[s.need]?.stages)
        // Would catch a report that reads today's stage for a past point.
        for (index, expected) in stageAfter.enumerated() {
            #expect(stored.stage(at: UInt64(index + 1)) == expected, "after entry \(index + 1)")
        }
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("a ledger from before the history gets it filled from its needs and passed motions, the same as written live")
    func backfill() async throws {
        let s = try Scenario()
        let test = try await TestLedger(history: try Self.history(s))
        defer { test.remove() }
        let before = try test.store.loadState().needs
        try test.store.close()
        #expect(try test.sqlite("DROP TABLE need_stages; DELETE FROM grdb_migrations WHERE identifier = 'v9: need stage history';") == 0)
        let reopened = try SQLiteStore.open(path: test.databasePath)
        #expect(try reopened.loadState().needs == before)
        #expect(try LedgerVerifier.verify(reopened).isValid)
    }

    @Test("a stage row edited, removed or added makes verify fail")
    func tampered() async throws {
        let s = try Scenario()
        for sql in [
            "UPDATE need_stages SET stage = 'accepted' WHERE stage = 'approved'",
            "DELETE FROM need_stages WHERE stage = 'hearing_passed'",
            "INSERT INTO need_stages VALUES ('liaoyuan-garden', 3, 'approved')",
        ] {
            let test = try await TestLedger(history: try Self.history(s))
            defer { test.remove() }
            try test.store.close()
            #expect(try test.sqlite(sql) == 0)
            let noticed: Bool
            do { noticed = try !LedgerVerifier.verify(SQLiteStore.open(path: test.databasePath)).isValid } catch { noticed = true }
            #expect(noticed, "\(sql)")
        }
    }
}
