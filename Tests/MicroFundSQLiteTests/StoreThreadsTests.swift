import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Synchronization
import Testing

/// Where the store's work runs (DESIGN.md §9): reads through
/// `LedgerStore.read` and the writer's task on threads of the store's own,
/// never on Swift's concurrency pool, where SQLite's blocking calls would
/// hold a thread and the writer's hops would queue behind every request's
/// signature checks.
@Suite("Store threads: reads and the writer off Swift's concurrency pool")
struct StoreThreadsTests {
    private func donation(_ s: Scenario, _ id: String) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 100, to: .pool(.cny)).signed(by: [s.manager])
    }

    /// 32 reads racing 32 writers: each body runs on a reader thread and
    /// sees one snapshot (its tree size, state and journal agree). Catches
    /// a `read` that runs its body in the caller's task, or on a reader
    /// that mixes two moments of the journal.
    @Test func readsRunOnReaderThreadsAndSeeOneSnapshot() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let envelopes = try (0..<32).map { try donation(test.scenario, "d-\($0)") }
        let reads = try await withThrowingTaskGroup(of: (String, UInt64, UInt64, Int).self) { group in
            for envelope in envelopes { group.addTask { _ = await test.ledger.submit(envelope); return ("", 0, 0, 0) } }
            for _ in 0..<32 {
                group.addTask {
                    try await test.store.read { reader in
                        let size = try reader.treeSize()
                        let state = try reader.loadState()
                        let entries = try reader.entries(from: 1, limit: 10_000)
                        return (Thread.current.name ?? "", size, state.sequence, entries.count)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.filter { !$0.0.isEmpty || $0.1 > 0 }
        }
        #expect(reads.count == 32)
        for (thread, size, sequence, count) in reads {
            #expect(thread.hasPrefix("mf-read-"))
            #expect(size == sequence)
            #expect(UInt64(count) == size)
        }
    }

    /// A read's error comes back to the caller as it was thrown.
    @Test func readErrorsReachTheCaller() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        await #expect(throws: LedgerError(.entryUnknown, "no such entry")) {
            try await test.store.read { _ -> Int in throw LedgerError(.entryUnknown, "no such entry") }
        }
    }

    /// Every commit is finished by the writer's task on the writer's own
    /// thread (the commit observer runs there). Catches a writer task that
    /// resumes on the concurrency pool after its awaits.
    @Test func theWriterRunsOnItsOwnThread() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let threads = Mutex<[String]>([])
        test.ledger.observeCommits { _ in
            let name = Thread.current.name ?? ""
            threads.withLock { $0.append(name) }
        }
        let envelopes = try (0..<16).map { try donation(test.scenario, "w-\($0)") }
        await withTaskGroup(of: Void.self) { group in
            for envelope in envelopes { group.addTask { _ = await test.ledger.submit(envelope) } }
        }
        let seen = threads.withLock { $0 }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 == "mf-writer" })
    }
}
