import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// A malicious or careless operator with the sqlite3 tool: every kind of
/// edit must make `verify` fail and name the first bad sequence number.
@Suite("verify against tampering with the sqlite3 tool")
struct TamperTests {
    /// A ledger of 6 setup entries and 4 donations (sequences 7-10).
    private func ledger() async throws -> TestLedger {
        let test = try await TestLedger()
        let s = test.scenario
        let donations = try (1...4).map { index in
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d\(index)", author: "street-office", timestamp: Scenario.time(Int64(index)), donor: "zone-studio", amount: Int64(index) * 1_000, to: .pool(.cny))
                .signed(by: [s.manager])
        }
        #expect(await test.ledger.submit(donations).allSatisfy { $0.error == nil })
        let report = try LedgerVerifier.verify(test.store)
        #expect(report.entryCount == 10 && report.isValid)
        return test
    }

    private static let unlock = "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete; "

    @Test("the schema refuses plain updates and deletes of the journal")
    func appendOnly() async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite("UPDATE journal SET entry = entry WHERE seq = 8") != 0)
        #expect(try test.sqlite("DELETE FROM journal WHERE seq = 10") != 0)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    @Test("an edited entry is named", arguments: [
        // Change the amount inside the signed entry.
        "UPDATE journal SET entry = CAST(replace(CAST(entry AS TEXT), '\"amount\":3000', '\"amount\":3900') AS BLOB) WHERE seq = 9",
        // Change nothing but add a space: no longer canonical.
        "UPDATE journal SET entry = CAST(replace(CAST(entry AS TEXT), '\"seq\":9', '\"seq\": 9') AS BLOB) WHERE seq = 9",
        // The same inside the signed envelope, and a number written otherwise.
        "UPDATE journal SET entry = CAST(replace(CAST(entry AS TEXT), '\"kind\":', '\"kind\": ') AS BLOB) WHERE seq = 9",
        "UPDATE journal SET entry = CAST(replace(CAST(entry AS TEXT), '\"v\":1}', '\"v\":1.0}') AS BLOB) WHERE seq = 9",
        // Change the indexed id beside the entry.
        "UPDATE journal SET envelope_id = 'other' WHERE seq = 9",
    ])
    func editedEntry(sql: String) async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite(Self.unlock + sql) == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 9)
    }

    @Test("a deleted entry is named")
    func deletedEntry() async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite(Self.unlock + "DELETE FROM journal WHERE seq = 8") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 8)
    }

    @Test("reordered entries are named at the first moved one")
    func reorderedEntries() async throws {
        let test = try await ledger()
        defer { test.remove() }
        let swap = """
            UPDATE journal SET seq = 100 WHERE seq = 8; UPDATE journal SET seq = 8 WHERE seq = 9; UPDATE journal SET seq = 9 WHERE seq = 100;
            """
        #expect(try test.sqlite("PRAGMA foreign_keys=OFF; " + Self.unlock + swap) == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 8)
    }

    @Test("an inserted entry is named")
    func insertedEntry() async throws {
        let test = try await ledger()
        defer { test.remove() }
        let insert = "INSERT INTO journal SELECT 11, 'copy', content_hash, entry FROM journal WHERE seq = 10"
        #expect(try test.sqlite(insert) == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 11)
    }

    @Test("an edited balance is named at the last entry that wrote it")
    func editedBalance() async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite("UPDATE accounts SET credits_posted = credits_posted + 100 WHERE path = 'fund:pool:CNY'") == 0)
        let failure = try #require(try LedgerVerifier.verify(test.store).failure)
        #expect(failure.sequence == 10)
        #expect(failure.reason.contains("fund:pool:CNY"))
    }

    @Test("an edited party or key row is found")
    func editedState() async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite("UPDATE parties SET roles = 'admin,fund_manager' WHERE id = 'zone-studio'") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure != nil)
    }
}

@Suite("verify compares every table the store keeps")
struct EveryTableTests {
    /// Runs the sqlite3 tool and returns what it printed.
    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("emptying any table of the schema (journal, tree, meta, every derived table) makes verify fail")
    func everyTable() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let first = test.ledger.snapshot.sequence + 1
        let history: [[UInt8]] = [
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 900, to: .pool(.cny), note: EntryNote(memo: "spring fair", reference: "R-1")).signed(by: [s.manager]),
            try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "r1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 100, from: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.reverseEntry(ledger: Scenario.origin, id: "x1", author: "street-office", timestamp: Scenario.time(2), entry: first + 1, reason: "sent twice").signed(by: [s.manager]),
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 120, deadline: Scenario.time(99)).signed(by: [s.enterprise]),
            try EnvelopeDraft.confirmPledge(ledger: Scenario.origin, id: "c1", author: "hub", timestamp: Scenario.time(3), pledge: "p1", amount: 60).signed(by: [s.coordinator]),
            try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m1", author: "committee", timestamp: Scenario.time(3), party: PartyDraft(id: "m1", kind: .resident, name: "M1", publicKey: Scenario.key(50).publicKey, roles: [.committeeMember])).signed(by: [s.admin]),
            try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m2", author: "committee", timestamp: Scenario.time(3), party: PartyDraft(id: "m2", kind: .resident, name: "M2", publicKey: Scenario.key(51).publicKey, roles: [.committeeMember])).signed(by: [s.admin]),
            try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "mo1", author: "hub", timestamp: Scenario.time(4), action: .advance(need: s.need, to: .approved)).signed(by: [s.coordinator]),
            try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "mo1-a", author: "m1", timestamp: Scenario.time(4), motion: "mo1").signed(by: [Scenario.key(50)]),
            try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "mo1-b", author: "m2", timestamp: Scenario.time(4), motion: "mo1").signed(by: [Scenario.key(51)]),
            try EnvelopeDraft.voice(ledger: Scenario.origin, id: "voice-1", author: "resident-wang", timestamp: Scenario.time(5), need: s.need, supports: true, reason: "shade for the elders").signed(by: [s.resident]),
            try s.createWall(at: 5),
            try s.publish(Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 600), key: s.enterprise, at: 5),
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p2", author: "zone-studio", timestamp: Scenario.time(6), need: Scenario.wallNeed, asset: .labour, amount: 60, deadline: nil, line: "paint", offer: "studio-paint").signed(by: [s.enterprise]),
        ]
        #expect(await test.ledger.submit(history).allSatisfy { $0.error == nil })
        #expect(test.ledger.snapshot.needs[s.need]?.stage == .at(.approved))
        try test.store.close()
        let tables = try sqlite(test.databasePath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name")
            .split(separator: "\n").map(String.init)
        #expect(Set(tables) == ["account_versions", "accounts", "contributions", "journal", "merkle_nodes", "meta", "motions", "needs", "offers", "parties", "party_keys", "pledges", "transfers", "voices", "entry_references", "reversals", "need_stages"],
                "a new table must be compared by verify and listed here: \(tables)")
        for table in tables {
            let copy = test.directory.appendingPathComponent("copy-\(table).sqlite").path
            try FileManager.default.copyItem(atPath: test.databasePath, toPath: copy)
            if FileManager.default.fileExists(atPath: test.databasePath + "-wal") {
                try FileManager.default.copyItem(atPath: test.databasePath + "-wal", toPath: copy + "-wal")
            }
            _ = try sqlite(copy, "DROP TRIGGER IF EXISTS journal_no_delete; DELETE FROM \(table);")
            #expect(try sqlite(copy, "SELECT count(*) FROM \(table)") == "0\n")
            let noticed: Bool
            do {
                noticed = try !LedgerVerifier.verify(SQLiteStore.open(path: copy)).isValid
            } catch {
                noticed = true
            }
            #expect(noticed, "verify did not notice that \(table) was emptied")
        }
    }

    @Test("an edited or extra transfer row is named at its entry")
    func transfers() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        #expect(await test.ledger.submit(try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 900, to: .pool(.cny)).signed(by: [s.manager])).error == nil)
        #expect(try test.sqlite("UPDATE transfers SET amount = 901 WHERE seq = 7") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 7)
        #expect(try test.sqlite("UPDATE transfers SET amount = 900 WHERE seq = 7; INSERT INTO transfers VALUES (7, 1, 'party:zone-studio:CNY', 'fund:pool:CNY', 'CNY', 5, 'posted', NULL)") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 7)
        #expect(try test.sqlite("DELETE FROM transfers WHERE seq = 7 AND position = 1; INSERT INTO transfers VALUES (6, 9, 'party:zone-studio:CNY', 'fund:pool:CNY', 'CNY', 5, 'posted', NULL)") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 6)
        #expect(try test.sqlite("DELETE FROM transfers WHERE seq = 6 AND position = 9") == 0)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }
}

@Suite("Motions and need stages on SQLite")
struct GovernanceStoreTests {
    @Test("motions and stages are stored, reload equal, verify, and an edited stage or motion is caught")
    func stored() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let members = try (50...52).map { try Scenario.key(UInt8($0)) }
        var history: [[UInt8]] = []
        for (index, key) in members.enumerated() {
            history.append(try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m\(index)", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "m\(index)", kind: .resident, name: "M", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin]))
        }
        history.append(try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "mo", author: "hub", timestamp: Scenario.time(2), action: .advance(need: s.need, to: .approved)).signed(by: [s.coordinator]))
        history.append(try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "a0", author: "m0", timestamp: Scenario.time(3), motion: "mo").signed(by: [members[0]]))
        #expect(await test.ledger.submit(history).allSatisfy { $0.error == nil })
        #expect(try test.store.loadState().motions == test.ledger.snapshot.motions)
        #expect(await test.ledger.submit(try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "a1", author: "m1", timestamp: Scenario.time(3), motion: "mo").signed(by: [members[1]])).error == nil)
        let reloaded = try test.store.loadState()
        #expect(reloaded.needs[s.need]?.stage == .at(.approved))
        #expect(reloaded.motions["mo"]?.lifecycle.state == .passed)
        #expect(try LedgerVerifier.verify(test.store).isValid)
        #expect(try test.sqlite("UPDATE needs SET stage = 'accepted'") == 0)
        #expect(try LedgerVerifier.verify(test.store).isValid == false)
        // A policy changed by motion is stored and survives reopening.
        var changed = Policy.default
        changed.shareBeforeAcceptanceBasisPoints = 5_000
        #expect(try test.sqlite("UPDATE needs SET stage = 'approved'") == 0)
        let proposal = try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "pc", author: "m0", timestamp: Scenario.time(4), action: .changePolicy(changed)).signed(by: [members[0]])
        #expect(await test.ledger.submit(proposal).error == nil)
        for member in [1, 2] {
            let approval = try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "pc-\(member)", author: "m\(member)", timestamp: Scenario.time(5), motion: "pc").signed(by: [members[member]])
            #expect(await test.ledger.submit(approval).error == nil)
        }
        #expect(try test.store.loadState().policy == changed)
        #expect(try LedgerVerifier.verify(test.store).isValid)
        #expect(try test.sqlite("UPDATE motions SET state = 'open'") == 0)
        #expect(throws: LedgerError.self) { try test.store.loadState() }
    }
}
