import Foundation
import MicroFundCrypto
import Testing

/// Every complete subtree of a tree, as a store would persist them.
final class MemoryNodes: MerkleNodeSource {
    var nodes: [Int: [UInt64: [UInt8]]] = [:]
    var frontier = MerkleFrontier()
    let hasher = try! SHA256()

    init(leafHashes: [[UInt8]]) throws {
        for leaf in leafHashes { try append(leaf) }
    }

    func append(_ leaf: [UInt8]) throws {
        for node in try frontier.append(leafHash: leaf, using: hasher) {
            nodes[node.level, default: [:]][node.index] = node.hash
        }
    }

    func node(level: Int, index: UInt64) throws -> [UInt8] {
        guard let hash = nodes[level]?[index] else { throw MerkleError("no node \(level)/\(index)") }
        return hash
    }

    func root(_ size: UInt64) throws -> [UInt8] { try Merkle.root(size: size, source: self, using: hasher) }
}

private struct ReferenceTree: Decodable {
    struct Inclusion: Decodable { let index: UInt64; let size: UInt64; let proof: [String] }
    struct Consistency: Decodable { let from: UInt64; let to: UInt64; let proof: [String] }
    let leaves: [String]
    let roots: [String]
    let inclusion: [Inclusion]
    let consistency: [Consistency]

    static func load() throws -> ReferenceTree {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/vectors/rfc6962-merkle.json"))
        return try JSONDecoder().decode(ReferenceTree.self, from: data)
    }
}

private func hex(_ hashes: [[UInt8]]) -> [String] { hashes.map { ByteEncoding.hex($0) } }

@Suite("RFC 6962 / RFC 9162 Merkle tree")
struct MerkleTests {
    let hasher = try! SHA256()

    @Test("the reference tree's roots at every size, incrementally")
    func referenceRoots() throws {
        let reference = try ReferenceTree.load()
        let leaves = try reference.leaves.map { try Merkle.leafHash(ByteEncoding.bytes(hex: $0)!, using: hasher) }
        let tree = try MemoryNodes(leafHashes: [])
        #expect(ByteEncoding.hex(try tree.frontier.root(using: hasher)) == reference.roots[0])
        for (size, leaf) in leaves.enumerated() {
            try tree.append(leaf)
            #expect(ByteEncoding.hex(try tree.frontier.root(using: hasher)) == reference.roots[size + 1])
        }
        for size in 0...8 {
            #expect(ByteEncoding.hex(try tree.root(UInt64(size))) == reference.roots[size])
        }
    }

    @Test("the reference tree's published proofs are produced and verify")
    func referenceProofs() throws {
        let reference = try ReferenceTree.load()
        let leaves = try reference.leaves.map { try Merkle.leafHash(ByteEncoding.bytes(hex: $0)!, using: hasher) }
        let tree = try MemoryNodes(leafHashes: leaves)
        let root = { (size: UInt64) in ByteEncoding.bytes(hex: reference.roots[Int(size)])! }
        for vector in reference.inclusion {
            let proof = try Merkle.inclusionProof(index: vector.index, size: vector.size, source: tree, using: hasher)
            #expect(hex(proof) == vector.proof)
            #expect(Merkle.verifyInclusion(leafHash: leaves[Int(vector.index)], index: vector.index, size: vector.size, proof: proof, root: root(vector.size)))
        }
        for vector in reference.consistency {
            let proof = try Merkle.consistencyProof(from: vector.from, to: vector.to, source: tree, using: hasher)
            #expect(hex(proof) == vector.proof)
            #expect(Merkle.verifyConsistency(old: vector.from, new: vector.to, oldRoot: root(vector.from), newRoot: root(vector.to), proof: proof))
        }
    }

    @Test("many proofs at once (shared subtrees computed once) equal the proofs one by one, for every size to 70")
    func batchedInclusionProofs() throws {
        let leaves = try (0..<70).map { try Merkle.leafHash([UInt8(truncatingIfNeeded: $0), 0x33], using: hasher) }
        let tree = try MemoryNodes(leafHashes: leaves)
        for size in UInt64(1)...70 {
            let indices = Array(0..<size).reversed() + [0]
            let batch = try Merkle.inclusionProofs(indices: indices, size: size, source: tree, using: hasher)
            #expect(batch.count == Int(size))
            for index in 0..<size {
                #expect(batch[index] == (try Merkle.inclusionProof(index: index, size: size, source: tree, using: hasher)), "size \(size) index \(index)")
            }
        }
        #expect(throws: MerkleError.self) { try Merkle.inclusionProofs(indices: [5], size: 5, source: tree, using: hasher) }
    }

    @Test("every inclusion proof up to size 64 verifies; one flipped bit, a wrong index or a wrong size fails")
    func allInclusionProofs() throws {
        let leaves = try (0..<64).map { try Merkle.leafHash([UInt8(truncatingIfNeeded: $0), 0x5a], using: hasher) }
        let tree = try MemoryNodes(leafHashes: leaves)
        for size in UInt64(1)...64 {
            let root = try tree.root(size)
            for index in 0..<size {
                let leaf = leaves[Int(index)]
                let proof = try Merkle.inclusionProof(index: index, size: size, source: tree, using: hasher)
                #expect(Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root))
                for (position, hash) in proof.enumerated() {
                    for bit in [0, 7, 255] {
                        var bad = proof
                        var flipped = hash
                        flipped[bit / 8] ^= UInt8(1 << (bit % 8))
                        bad[position] = flipped
                        #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: bad, root: root))
                    }
                }
                var flippedLeaf = leaf
                flippedLeaf[31] ^= 1
                #expect(!Merkle.verifyInclusion(leafHash: flippedLeaf, index: index, size: size, proof: proof, root: root))
                if size > 1 {
                    #expect(!Merkle.verifyInclusion(leafHash: leaf, index: (index + 1) % size, size: size, proof: proof, root: root))
                }
                // A wrong size comes with that size's root, as a checkpoint would give it.
                if size < 64 {
                    #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size + 1, proof: proof, root: try tree.root(size + 1)))
                }
                if size - 1 > index {
                    #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size - 1, proof: proof, root: try tree.root(size - 1)))
                }
                #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof + [root], root: root))
                if !proof.isEmpty {
                    #expect(!Merkle.verifyInclusion(leafHash: leaf, index: index, size: size, proof: Array(proof.dropLast()), root: root))
                }
            }
        }
    }

    @Test("every consistency proof up to size 64 verifies; one flipped bit or a wrong size fails")
    func allConsistencyProofs() throws {
        let leaves = try (0..<64).map { try Merkle.leafHash([UInt8(truncatingIfNeeded: $0), 0xa5], using: hasher) }
        let tree = try MemoryNodes(leafHashes: leaves)
        let roots = try (0...64).map { try tree.root(UInt64($0)) }
        for new in UInt64(1)...64 {
            for old in UInt64(1)...new {
                let proof = try Merkle.consistencyProof(from: old, to: new, source: tree, using: hasher)
                #expect(Merkle.verifyConsistency(old: old, new: new, oldRoot: roots[Int(old)], newRoot: roots[Int(new)], proof: proof))
                for (position, hash) in proof.enumerated() {
                    for bit in [0, 100, 255] {
                        var bad = proof
                        var flipped = hash
                        flipped[bit / 8] ^= UInt8(1 << (bit % 8))
                        bad[position] = flipped
                        #expect(!Merkle.verifyConsistency(old: old, new: new, oldRoot: roots[Int(old)], newRoot: roots[Int(new)], proof: bad))
                    }
                }
                guard old < new else { continue }
                // Wrong sizes come with those sizes' roots, as checkpoints would give them.
                if new < 64 {
                    #expect(!Merkle.verifyConsistency(old: old, new: new + 1, oldRoot: roots[Int(old)], newRoot: roots[Int(new) + 1], proof: proof))
                }
                if new - 1 > old {
                    #expect(!Merkle.verifyConsistency(old: old, new: new - 1, oldRoot: roots[Int(old)], newRoot: roots[Int(new) - 1], proof: proof))
                }
                if old > 1 {
                    #expect(!Merkle.verifyConsistency(old: old - 1, new: new, oldRoot: roots[Int(old) - 1], newRoot: roots[Int(new)], proof: proof))
                    #expect(!Merkle.verifyConsistency(old: old, new: new, oldRoot: roots[Int(old) - 1], newRoot: roots[Int(new)], proof: proof))
                }
                #expect(!Merkle.verifyConsistency(old: old, new: new, oldRoot: roots[Int(old)], newRoot: roots[Int(new)], proof: proof + [roots[1]]))
            }
        }
    }

    @Test("proofs outside the tree are refused; verifiers reject malformed input")
    func bounds() throws {
        let tree = try MemoryNodes(leafHashes: [[UInt8](repeating: 1, count: 32), [UInt8](repeating: 2, count: 32)])
        #expect(throws: MerkleError.self) { try Merkle.inclusionProof(index: 2, size: 2, source: tree, using: hasher) }
        #expect(throws: MerkleError.self) { try Merkle.consistencyProof(from: 0, to: 2, source: tree, using: hasher) }
        #expect(throws: MerkleError.self) { try Merkle.consistencyProof(from: 3, to: 2, source: tree, using: hasher) }
        #expect(throws: MerkleError.self) { try Merkle.inclusionProof(index: 0, size: 3, source: tree, using: hasher) }
        let root = try tree.root(2)
        #expect(!Merkle.verifyInclusion(leafHash: [1], index: 0, size: 2, proof: [[UInt8](repeating: 2, count: 32)], root: root))
        #expect(!Merkle.verifyConsistency(old: 2, new: 2, oldRoot: root, newRoot: root, proof: [root]))
        #expect(Merkle.verifyConsistency(old: 2, new: 2, oldRoot: root, newRoot: root, proof: []))
    }

    @Test("a frontier restored from stored nodes continues the same tree")
    func restoredFrontier() throws {
        let leaves = try (0..<37).map { try Merkle.leafHash([UInt8($0)], using: hasher) }
        let tree = try MemoryNodes(leafHashes: Array(leaves[0..<21]))
        var restored = try MerkleFrontier(size: 21, source: tree)
        #expect(restored == tree.frontier)
        for leaf in leaves[21...] {
            try restored.append(leafHash: leaf, using: hasher)
            try tree.append(leaf)
        }
        #expect(try restored.root(using: hasher) == tree.root(37))
    }
}
