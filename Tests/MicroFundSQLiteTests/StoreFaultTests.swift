import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Synchronization
import Testing

/// A store whose appends first find the head moved, as an optimistic store
/// (several instances on one database) does when another instance
/// committed first: the first `moves` appends throw `headMoved` without
/// writing; the rest go to the SQLite store beneath.
private final class MovingHeadStore: LedgerStore {
    let base: SQLiteStore
    private let left: Mutex<Int>
    let attempts = Mutex(0)

    init(_ base: SQLiteStore, moves: Int) {
        self.base = base
        left = Mutex(moves)
    }

    func append(
        after head: UInt64, _ prepare: @escaping @Sendable ([StoredEntry], any JournalTransaction) throws(LedgerError) -> [AcceptedTransaction]
    ) async throws(StoreError) {
        attempts.withLock { $0 += 1 }
        let moved = left.withLock { left in defer { left -= 1 }; return left > 0 }
        if moved { throw .headMoved(head: head + 1) }
        try await base.append(after: head, prepare)
    }

    func snapshot() throws(LedgerError) -> any LedgerReader { try base.snapshot() }
    func close() throws(LedgerError) { try base.close() }
    func appendTreeNodes(_ nodes: [MerkleFrontier.Node]) throws(LedgerError) { try base.appendTreeNodes(nodes) }
    func loadState() throws(LedgerError) -> LedgerState { try base.loadState() }
    func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] { try base.priorOutcomes(envelopeIDs: envelopeIDs) }
    func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] { try base.entries(from: sequence, limit: limit) }
    func treeSize() throws(LedgerError) -> UInt64 { try base.treeSize() }
    func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result { try base.readTree(body) }
    func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])] { try base.treeNodes(level: level, from: index, limit: limit) }
    func transfers(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredTransfer] { try base.transfers(from: first, through: last, limit: limit) }
    func balances(at sequence: UInt64) throws(LedgerError) -> [AccountPath: Account] { try base.balances(at: sequence) }
    func accountVersions(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredAccountVersion] { try base.accountVersions(from: first, through: last, limit: limit) }
    func loadDirectory() throws(LedgerError) -> LedgerState { try base.loadDirectory() }
    func motion(id: String) throws(LedgerError) -> Motion? { try base.motion(id: id) }
    func payoutTotals(from first: UInt64, through last: UInt64) throws(LedgerError) -> [TransferTotal] { try base.payoutTotals(from: first, through: last) }
    func pledges(pendingAt sequence: UInt64) throws(LedgerError) -> [Pledge] { try base.pledges(pendingAt: sequence) }
    func transfers(ofParty party: String, through last: UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] { try base.transfers(ofParty: party, through: last) }
    func inKindTotals(through last: UInt64) throws(LedgerError) -> [InKindTotal] { try base.inKindTotals(through: last) }
}

@Suite("Store faults: a moved head is caught up and retried; failures say nothing they should not")
struct StoreFaultTests {
    private func donation(_ s: Scenario, _ id: String, amount: Int64) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: amount, to: .pool(.cny)).signed(by: [s.manager])
    }

    /// A head that moved at commit twice is retried and the group accepted;
    /// one that keeps moving is refused after the bound, and nothing is
    /// written. Catches a writer that fails a group on the first moved head
    /// (the protocol says it catches up), or retries forever.
    @Test func movedHeadIsRetriedBounded() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        try test.store.close()
        let twice = MovingHeadStore(try SQLiteStore.open(path: test.databasePath), moves: 2)
        let ledger = try Ledger(store: twice, time: .authorTimes)
        #expect(await ledger.submit(try donation(test.scenario, "after-two", amount: 500)) == .accepted(sequence: 7, id: "after-two"))
        #expect(twice.attempts.withLock { $0 } == 3)
        let always = MovingHeadStore(try SQLiteStore.open(path: test.databasePath), moves: .max)
        let stuck = try Ledger(store: always, time: .authorTimes)
        let before = try always.base.loadState()
        let outcome = await stuck.submit(try donation(test.scenario, "never", amount: 500))
        #expect(outcome.error?.code == .storeFailure)
        #expect(always.attempts.withLock { $0 } == Ledger.headMovedRetriesMax + 1)
        #expect(try always.base.loadState().sequence == before.sequence)
        #expect(stuck.snapshot.sequence == before.sequence)
    }

    /// A storage failure inside the write reports SQLite's result code and
    /// message, never the statement, its arguments, an amount or the
    /// envelope's bytes, and writes nothing. Catches a cause printed with
    /// GRDB's description (it carries the SQL).
    @Test func failureSaysNoSQL() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        #expect(try test.sqlite("DROP TABLE account_versions;") == 0)
        let outcome = await test.ledger.submit(try donation(test.scenario, "lost", amount: 123_457))
        let message = try #require(outcome.error?.message)
        #expect(outcome.error?.code == .storeFailure)
        #expect(message.contains("SQLite error"), "\(message)")
        for secret in ["INSERT", "SELECT", "123457", "1234.57", "signatures", "street-office"] {
            #expect(!message.contains(secret), "\(secret) in \(message)")
        }
        #expect(try test.store.entries(from: 7, limit: 1).isEmpty)
    }
}
