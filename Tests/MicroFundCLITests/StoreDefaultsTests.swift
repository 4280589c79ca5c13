import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import Testing
@testable import MicroFundCLI

/// A reader that holds nothing but the journal: every other query is the
/// protocols' default, computed by replaying it.
private struct JournalOnly: LedgerReader {
    let journal: any LedgerReader
    func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] {
        try journal.entries(from: sequence, limit: limit)
    }
}

/// Every query SQLite answers from its own tables and indexes equals the
/// default the store protocols compute from the journal alone, on the demo
/// ledger and on a generated one, at several points: a store that starts
/// from the defaults (PostgreSQL) answers as SQLite does.
@Suite struct StoreDefaultsTests {
    /// Catches an SQLite override that drifts from the journal: a balance
    /// version missed, a transfer's position or phase, a payout or in-kind
    /// total summed differently, a pledge counted pending at the wrong
    /// point, a tree node or idempotency lookup that differs.
    @Test(arguments: ["demo", "generated"])
    func overridesEqualTheirDefaults(_ which: String) async throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        if which == "demo" {
            #expect(try microfund("demo", "--data", data).status == 0)
        } else {
            try await BenchReport.build(count: 400, into: data)
        }
        let store = try SQLiteStore.openForReading(path: data + "/" + SQLiteStore.fileName)
        let sqlite = try store.snapshot()
        let defaults = JournalOnly(journal: sqlite)
        let size = try sqlite.treeSize()
        #expect(size > 50)
        #expect(try defaults.treeSize() == size)
        let state = try sqlite.loadState(), replayed = try defaults.loadState()
        #expect(replayed.sequence == state.sequence)
        #expect(replayed.accounts == state.accounts)
        #expect(replayed.parties == state.parties)
        #expect(replayed.keys == state.keys)
        #expect(replayed.needs == state.needs)
        #expect(replayed.pledges == state.pledges)
        #expect(replayed.motions == state.motions)
        #expect(replayed.offers == state.offers)
        #expect(replayed.policy == state.policy)
        let directory = try sqlite.loadDirectory(), replayedDirectory = try defaults.loadDirectory()
        #expect(replayedDirectory.origin == directory.origin && replayedDirectory.parties == directory.parties && replayedDirectory.needs == directory.needs)
        let ids = try sqlite.entries(from: 1, limit: Int(size)).map(\.envelopeID) + ["no-such-envelope"]
        #expect(try defaults.priorOutcomes(envelopeIDs: ids) == sqlite.priorOutcomes(envelopeIDs: ids))
        for level in 0..<5 {
            let mine = try sqlite.treeNodes(level: level, from: 0, limit: 10_000), theirs = try defaults.treeNodes(level: level, from: 0, limit: 10_000)
            #expect(mine.map(\.index) == theirs.map(\.index) && mine.map(\.hash) == theirs.map(\.hash), "level \(level)")
        }
        for point in [1, size / 3, size / 2, size] {
            #expect(try JournalTree.root(size: point, store: defaults) == JournalTree.root(size: point, store: sqlite), "root at \(point)")
            #expect(try defaults.balances(at: point) == sqlite.balances(at: point), "balances at \(point)")
            #expect(try defaults.transfers(from: point / 2 + 1, through: point, limit: 10_000) == sqlite.transfers(from: point / 2 + 1, through: point, limit: 10_000), "transfers to \(point)")
            #expect(try defaults.transfers(from: 1, through: point, limit: 7) == sqlite.transfers(from: 1, through: point, limit: 7), "a limited page to \(point)")
            #expect(try defaults.accountVersions(from: 1, through: point, limit: 10_000) == sqlite.accountVersions(from: 1, through: point, limit: 10_000), "versions to \(point)")
            #expect(try sorted(defaults.payoutTotals(from: 1, through: point)) == sorted(sqlite.payoutTotals(from: 1, through: point)), "payouts to \(point)")
            #expect(try defaults.pledges(pendingAt: point).sorted { $0.id < $1.id } == sqlite.pledges(pendingAt: point).sorted { $0.id < $1.id }, "pending at \(point)")
            #expect(try sorted(defaults.inKindTotals(through: point)) == sorted(sqlite.inKindTotals(through: point)), "in kind to \(point)")
            for party in state.parties.keys.sorted() where point == size || point == size / 2 {
                let mine = try sqlite.transfers(ofParty: party, through: point), theirs = try defaults.transfers(ofParty: party, through: point)
                #expect(mine.map(\.sequence) == theirs.map(\.sequence) && mine.map(\.record) == theirs.map(\.record), "\(party) to \(point)")
            }
        }
        for id in state.motions.keys.sorted() + ["no-such-motion"] {
            #expect(try defaults.motion(id: id) == sqlite.motion(id: id))
        }
        if which == "demo" {
            #expect(!state.motions.isEmpty && !state.pledges.isEmpty, "the demo exercises motions and pledges")
            #expect(try !sqlite.payoutTotals(from: 1, through: size).isEmpty && !sqlite.inKindTotals(through: size).isEmpty)
        }
    }

    private func sorted<T>(_ values: [T]) -> [String] { values.map { "\($0)" }.sorted() }
}
