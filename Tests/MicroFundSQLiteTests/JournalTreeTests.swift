import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// Donations 1...count by the scenario's fund manager, with amounts that
/// `amount` may vary so two histories can diverge.
private func donations(_ scenario: Scenario, _ range: ClosedRange<Int>, amount: (Int) -> Int64 = { Int64($0) * 100 }) throws -> [[UInt8]] {
    try range.map { index in
        try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d\(index)", author: "street-office", timestamp: Scenario.time(Int64(index)), donor: "zone-studio", amount: amount(index), to: .pool(.cny))
            .signed(by: [scenario.manager])
    }
}

@Suite("The journal's Merkle tree, proofs and checkpoints on SQLite")
struct JournalTreeTests {
    @Test("the stored tree's root and every proof agree with the entries")
    func proofs() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        #expect(await test.ledger.submit(try donations(test.scenario, 1...30)).allSatisfy { $0.error == nil })
        let head = test.ledger.treeHead()
        #expect(head.size == 36)
        let entries = try test.store.entries(from: 1, limit: 100)
        let hasher = try SHA256()
        let leaves = try entries.map { try Merkle.leafHash($0.bytes, using: hasher) }
        var frontier = MerkleFrontier()
        for leaf in leaves { try frontier.append(leafHash: leaf, using: hasher) }
        #expect(try frontier.root(using: hasher) == head.rootHash)
        for size in [UInt64(1), 7, 16, 36] {
            let root = try JournalTree.root(size: size, store: test.store)
            for sequence in 1...size {
                let proof = try JournalTree.inclusionProof(sequence: sequence, size: size, store: test.store)
                #expect(Merkle.verifyInclusion(leafHash: leaves[Int(sequence - 1)], index: sequence - 1, size: size, proof: proof, root: root))
            }
            let consistency = try JournalTree.consistencyProof(from: size, to: 36, store: test.store)
            #expect(Merkle.verifyConsistency(old: size, new: 36, oldRoot: root, newRoot: head.rootHash, proof: consistency))
        }
        #expect(throws: LedgerError.self) { try JournalTree.inclusionProof(sequence: 37, size: 36, store: test.store) }
        #expect(throws: LedgerError.self) { try JournalTree.inclusionProof(sequence: 1, size: 37, store: test.store) }
        #expect(throws: LedgerError.self) { try JournalTree.consistencyProof(from: 0, to: 36, store: test.store) }
    }

    @Test("a ledger whose tree is missing (made before the tree existed) gets it from the journal on opening")
    func rebuild() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        #expect(await test.ledger.submit(try donations(test.scenario, 1...10)).allSatisfy { $0.error == nil })
        let head = test.ledger.treeHead()
        #expect(try test.sqlite("DELETE FROM merkle_nodes") == 0)
        let reopened = try Ledger(store: SQLiteStore.open(path: test.databasePath), time: .authorTimes)
        #expect(reopened.treeHead() == head)
        #expect(try LedgerVerifier.verify(test.store).isValid)
        // A tree with holes is not silently patched: opening reports it.
        #expect(try test.sqlite("DELETE FROM merkle_nodes WHERE level = 4") == 0)
        #expect(throws: LedgerError.self) { try Ledger(store: SQLiteStore.open(path: test.databasePath), time: .authorTimes) }
    }

    @Test("an edited Merkle node makes verify fail at the entry that completes it")
    func tamperedNode() async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        #expect(await test.ledger.submit(try donations(test.scenario, 1...10)).allSatisfy { $0.error == nil })
        #expect(try test.sqlite("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 0 AND idx = 8") == 0)
        #expect(try LedgerVerifier.verify(test.store).failure?.sequence == 9)
        let other = try await TestLedger()
        defer { other.remove() }
        #expect(await other.ledger.submit(try donations(other.scenario, 1...10)).allSatisfy { $0.error == nil })
        #expect(try other.sqlite("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1") == 0)
        #expect(try LedgerVerifier.verify(other.store).failure?.sequence == 8)
        #expect(try other.sqlite("INSERT INTO merkle_nodes VALUES (0, 99, zeroblob(32))") == 0)
    }

    @Test("an earlier checkpoint holds for the grown journal, and catches rewritten and truncated history")
    func checkpoints() async throws {
        let honest = try await TestLedger()
        defer { honest.remove() }
        let scenario = honest.scenario
        #expect(await honest.ledger.submit(try donations(scenario, 1...10)).allSatisfy { $0.error == nil })
        let head = honest.ledger.treeHead()
        let origin = try #require(honest.ledger.snapshot.origin)
        let saved = try Checkpoint(origin: origin, size: head.size, rootHash: head.rootHash).signed(by: scenario.operatorKey)
        #expect(await honest.ledger.submit(try donations(scenario, 11...20)).allSatisfy { $0.error == nil })
        let report = try LedgerVerifier.verify(honest.store, checkpoints: [saved])
        #expect(report.isValid)
        #expect(report.checkpoints.map(\.size) == [16])

        // The same keys sign a second history that differs at donation 4:
        // every signature in it is valid, yet the checkpoint exposes it.
        let rewritten = try await TestLedger()
        defer { rewritten.remove() }
        #expect(await rewritten.ledger.submit(try donations(scenario, 1...20) { $0 == 4 ? 999_999 : Int64($0) * 100 }).allSatisfy { $0.error == nil })
        #expect(try LedgerVerifier.verify(rewritten.store).isValid)
        let caught = try LedgerVerifier.verify(rewritten.store, checkpoints: [saved])
        #expect(caught.failure?.reason.contains("history was rewritten") == true)

        let truncated = try await TestLedger()
        defer { truncated.remove() }
        #expect(await truncated.ledger.submit(try donations(scenario, 1...5)).allSatisfy { $0.error == nil })
        #expect(try LedgerVerifier.verify(truncated.store, checkpoints: [saved]).failure?.sequence == 12)

        // A checkpoint signed by another key, or altered, is refused.
        let forged = try Checkpoint(origin: origin, size: head.size, rootHash: head.rootHash).signed(by: Scenario.key(77))
        #expect(try LedgerVerifier.verify(honest.store, checkpoints: [forged]).failure?.reason.contains("checkpoint_signature_invalid") == true)
        let altered = saved.replacingOccurrences(of: "\n16\n", with: "\n15\n")
        #expect(try LedgerVerifier.verify(honest.store, checkpoints: [altered]).isValid == false)
    }
}
