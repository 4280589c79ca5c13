import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// Balances at any past sequence number, from stored versions, never a replay.
@Suite("Account versions")
struct AccountVersionTests {
    /// A history with posted, pending, confirmed-short and cancelled
    /// transfers, a refund and a payout motion.
    static func history(_ s: Scenario) throws -> [[UInt8]] {
        let o = Scenario.origin
        return try s.setup() + [
            EnvelopeDraft.recordDonation(ledger: o, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 900_000, to: .pool(.cny)).signed(by: [s.manager]),
            EnvelopeDraft.recordDonation(ledger: o, id: "d2", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 300_000, to: .earmark(need: s.need, .cny)).signed(by: [s.manager]),
            EnvelopeDraft.refundDonation(ledger: o, id: "r1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 100_000, from: .pool(.cny)).signed(by: [s.manager]),
            EnvelopeDraft.makePledge(ledger: o, id: "p1", author: "zone-studio", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 120, deadline: Scenario.time(99)).signed(by: [s.enterprise]),
            EnvelopeDraft.makePledge(ledger: o, id: "p2", author: "resident-wang", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 60, deadline: Scenario.time(99)).signed(by: [s.resident]),
            EnvelopeDraft.confirmPledge(ledger: o, id: "c1", author: "hub", timestamp: Scenario.time(3), pledge: "p1", amount: 90).signed(by: [s.coordinator]),
            EnvelopeDraft.cancelPledge(ledger: o, id: "x2", author: "resident-wang", timestamp: Scenario.time(3), pledge: "p2").signed(by: [s.resident]),
            EnvelopeDraft.recordDonation(ledger: o, id: "d3", author: "street-office", timestamp: Scenario.time(4), donor: "resident-wang", amount: 5_000, to: .pool(.cny)).signed(by: [s.manager]),
        ]
    }

    @Test("balances at every sequence number equal a replay up to it")
    func everySequence() async throws {
        let s = try Scenario()
        let history = try Self.history(s)
        let test = try await TestLedger(history: history)
        defer { test.remove() }
        var state = LedgerState()
        for (index, bytes) in history.enumerated() {
            let envelope = try Envelope.decode(bytes)
            _ = try state.apply(envelope, at: max(envelope.timestamp, state.time ?? envelope.timestamp))
            let stored = try test.store.snapshot().balances(at: UInt64(index + 1))
            #expect(stored == state.accounts, "at \(index + 1)")
        }
        #expect(try test.store.balances(at: 0).isEmpty)
        #expect(try test.store.balances(at: UInt64(history.count + 50)) == state.accounts)
    }

    @Test("a ledger from before versions gets them filled from its transfers, the same as written live")
    func backfill() async throws {
        let s = try Scenario()
        let test = try await TestLedger(history: try Self.history(s))
        defer { test.remove() }
        let before = try (0...20).map { try test.store.balances(at: UInt64($0)) }
        try test.store.close()
        #expect(try test.sqlite("DROP TABLE account_versions; DELETE FROM grdb_migrations WHERE identifier = 'v7: account versions';") == 0)
        let reopened = try SQLiteStore.open(path: test.databasePath)
        let after = try (0...20).map { try reopened.balances(at: UInt64($0)) }
        #expect(after == before)
        #expect(try LedgerVerifier.verify(reopened).isValid)
    }

    @Test("a version edited, added or removed makes verify fail")
    func tampered() async throws {
        let s = try Scenario()
        for sql in [
            "UPDATE account_versions SET credits_posted = credits_posted + 1 WHERE path = 'fund:pool:CNY' AND seq = 7",
            "DELETE FROM account_versions WHERE path = 'need:liaoyuan-garden:LABOUR' AND seq = 11",
            "INSERT INTO account_versions VALUES ('fund:pool:CNY', 3, 0, 0, 0, 0)",
        ] {
            let test = try await TestLedger(history: try Self.history(s))
            defer { test.remove() }
            try test.store.close()
            #expect(try test.sqlite(sql) == 0)
            let report = try LedgerVerifier.verify(SQLiteStore.open(path: test.databasePath))
            #expect(!report.isValid, "\(sql)")
            #expect(report.failure?.reason.contains("version") == true, "\(report.failure?.reason ?? "")")
        }
    }
}
