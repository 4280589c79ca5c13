import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import Testing

/// `Fixtures/vectors/journal.json` is a whole five-entry ledger made by the
/// independent Python implementation (Fixtures/reference/). Submitted to
/// MicroFund, it must give the same entries, tree, proofs and checkpoint.
@Suite("A ledger from the independent implementation, reproduced")
struct JournalVectorTests {
    struct Vectors: Decodable {
        struct Proof: Decodable { let hashes: [String] }
        let origin: String
        let envelopes: [String]
        let entries: [String]
        let leafHashes: [String]
        let roots: [String]
        let inclusion: Proof
        let consistency: Proof
        let operatorVerifierKey: String
        let checkpoint: String
        let times: [String]
    }

    @Test("entries, leaf hashes, roots, proofs and the signed checkpoint match byte for byte")
    func reproduce() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: root.appendingPathComponent("Fixtures/vectors/journal.json")))
        let clock = ScriptedClock(vectors.times.compactMap(Timestamp.init))
        #expect(vectors.times.count == 5)
        let test = try await TestLedger(history: vectors.envelopes.map { Array($0.utf8) }, time: clock.acceptanceTime)
        defer { test.remove() }
        #expect(try test.store.loadState().sequence == 5)
        let entries = try test.store.entries(from: 1, limit: 10)
        #expect(entries.map { String(decoding: $0.bytes, as: UTF8.self) } == vectors.entries)
        let hasher = try SHA256()
        #expect(try entries.map { ByteEncoding.base64(try Merkle.leafHash($0.bytes, using: hasher)) } == vectors.leafHashes)
        for size in 0...5 {
            #expect(ByteEncoding.base64(try JournalTree.root(size: UInt64(size), store: test.store)) == vectors.roots[size])
        }
        #expect(try JournalTree.inclusionProof(sequence: 3, size: 5, store: test.store).map(ByteEncoding.base64) == vectors.inclusion.hashes)
        #expect(try JournalTree.consistencyProof(from: 2, to: 5, store: test.store).map(ByteEncoding.base64) == vectors.consistency.hashes)
        // RFC 8032 TEST 2 is the operator key of the vector ledger.
        let operatorKey = try Ed25519PrivateKey(rawRepresentation: ByteEncoding.bytes(hex: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")!)
        #expect(try SignedNote.verifierKey(name: vectors.origin, key: operatorKey.publicKey) == vectors.operatorVerifierKey)
        let head = test.ledger.treeHead()
        #expect(try Checkpoint(origin: vectors.origin, size: head.size, rootHash: head.rootHash).signed(by: operatorKey) == vectors.checkpoint)
        #expect(try LedgerVerifier.verify(test.store, checkpoints: [vectors.checkpoint]).isValid)
    }
}
