import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// Many callers in one process at once (DESIGN.md §9): one writer, group
/// commit, idempotency decided in the writer's order, snapshots readers
/// take without waiting.
@Suite("Group commit: many concurrent callers, one writer")
struct GroupCommitTests {
    private func refund(_ s: Scenario, _ id: String, amount: Int64) throws -> [UInt8] {
        try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: amount, from: .pool(.cny)).signed(by: [s.manager])
    }

    private func donation(_ s: Scenario, _ id: String, amount: Int64 = 100) throws -> [UInt8] {
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: id, author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: amount, to: .pool(.cny)).signed(by: [s.manager])
    }

    /// 64 tasks race to take ¥1 each from a pool that holds ¥10: exactly ten
    /// win, the rest are refused `overdraft`, the pool never goes below
    /// zero, and every acknowledged refund is in the journal once, at its
    /// sequence number. Catches a writer that decides two callers against
    /// the same state, or acknowledges what it did not write.
    @Test func racingSpendersNeverOverdraw() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        #expect(await test.ledger.submit(try donation(s, "gift", amount: 1_000)).error == nil)
        let envelopes = try (0..<64).map { try refund(s, "take-\($0)", amount: 100) }
        let outcomes = await withTaskGroup(of: SubmissionOutcome.self) { group in
            for envelope in envelopes { group.addTask { await test.ledger.submit(envelope) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let accepted = outcomes.compactMap { outcome -> (UInt64, String)? in
            if case .accepted(let sequence, let id) = outcome { (sequence, id) } else { nil }
        }
        #expect(accepted.count == 10)
        #expect(outcomes.filter { $0.error?.code == .overdraft }.count == 54)
        #expect(Set(accepted.map(\.0)).count == 10)
        let entries = try test.store.entries(from: 1, limit: 1_000)
        for (sequence, id) in accepted {
            #expect(entries.filter { $0.envelopeID == id }.map(\.sequence) == [sequence])
        }
        #expect(entries.count == 7 + 10)
        let pool = try #require(test.store.loadState().accounts[.pool(.cny)])
        #expect(pool.creditsPosted - pool.debitsPosted == 0)
        #expect(try LedgerVerifier.verify(test.store).isValid)
    }

    /// One envelope from 16 tasks at once: one entry, and every caller
    /// gets its outcome at that sequence number (one accepted, the others
    /// its duplicate). Catches an idempotency check made outside the
    /// writer's order (it answered `store_failure`).
    @Test func oneIDFromSixteenTasks() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let envelope = try donation(test.scenario, "same")
        let outcomes = await withTaskGroup(of: SubmissionOutcome.self) { group in
            for _ in 0..<16 { group.addTask { await test.ledger.submit(envelope) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .accepted(sequence: 7, id: "same") }.count == 1)
        #expect(outcomes.filter { $0 == .duplicate(sequence: 7, id: "same") }.count == 15)
        #expect(try test.store.entries(from: 1, limit: 100).filter { $0.envelopeID == "same" }.count == 1)
    }

    /// While another process holds SQLite's write lock, 64 callers queue
    /// up behind the writer's first group: when the lock is released they
    /// are committed together: at most the writer's first group, then all the others in one. Catches a writer
    /// that commits each caller on its own.
    @Test func waitingCallersShareOneCommit() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let holder = try LockHolder(test.databasePath)
        let before = test.ledger.commitCounts
        let envelopes = try (0..<64).map { try donation(test.scenario, "g-\($0)") }
        let outcomes = await withTaskGroup(of: SubmissionOutcome.self) { group in
            for envelope in envelopes { group.addTask { await test.ledger.submit(envelope) } }
            // Let go once all 64 wait: the writer's first group (whoever
            // came before it started) and the rest queued behind it.
            while test.ledger.pendingCount < 64 { try? await Task.sleep(for: .milliseconds(5)) }
            holder.release()
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "\(outcomes.filter { $0.error != nil })")
        let after = test.ledger.commitCounts
        #expect(after.envelopes - before.envelopes == 64)
        #expect(after.groups - before.groups <= 2, "\(after.groups - before.groups) commits for 64 callers")
    }

    /// Readers take snapshots while a writer commits: each snapshot's
    /// state, tree size and root agree, the published root is the stored
    /// tree's at that size, and an inclusion proof of its last entry taken
    /// from a store snapshot verifies against the root read from the same
    /// snapshot. Catches a snapshot published half-way through a commit.
    @Test func snapshotsAgreeDuringWrites() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let batches = try (0..<20).map { batch in try (0..<10).map { try donation(s, "d-\(batch)-\($0)") } }
        let hasher = try SHA256()
        async let writes: Void = {
            for batch in batches { _ = await test.ledger.submit(batch) }
        }()
        var checked = 0
        var sizes: Set<UInt64> = []
        while checked < 200 {
            let head = test.ledger.head
            sizes.insert(head.size)
            #expect(head.state.sequence == head.size)
            let pool = head.state.accounts[.pool(.cny)].map { $0.creditsPosted - $0.debitsPosted } ?? 0
            #expect(pool == Int64(head.size - 6) * 100)
            #expect(try JournalTree.root(size: head.size, store: test.store) == head.rootHash)
            let reader = try test.store.snapshot()
            let stored = try JournalTree.head(of: reader)
            let state = try reader.loadState()
            #expect(state.sequence == stored.size)
            let last = try #require(try reader.entries(from: stored.size, limit: 1).first)
            let proof = try JournalTree.inclusionProof(sequence: stored.size, size: stored.size, store: reader)
            #expect(Merkle.verifyInclusion(leafHash: try Merkle.leafHash(last.bytes, using: hasher), index: stored.size - 1, size: stored.size, proof: proof, root: stored.rootHash))
            checked += 1
            if head.size == 206 { break }
            await Task.yield()
        }
        await writes
        #expect(test.ledger.head.size == 206)
        #expect(sizes.count >= 2, "the readers saw the ledger at \(sizes.count) size(s) only")
    }
}
