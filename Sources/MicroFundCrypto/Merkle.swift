/// The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1 over SHA-256:
/// leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), and
/// a tree of n leaves splits at the largest power of two below n.
///
/// Proof generation reads the hashes of complete, aligned subtrees from a
/// `MerkleNodeSource` (a store persists exactly those), so a proof costs
/// O(log n) node reads and hashes, never a walk over the leaves.
public enum Merkle {
    /// Hash length in bytes.
    public static let hashByteCount = 32

    /// SHA-256 of the empty string: the root of the empty tree.
    public static let emptyRoot: [UInt8] = ByteEncoding.bytes(hex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")!

    /// The leaf hash of an entry.
    public static func leafHash(_ entry: [UInt8], using hasher: SHA256) throws(CryptoError) -> [UInt8] {
        try hasher.hash([0x00], entry)
    }

    /// The leaf hash of an entry, with a context of its own: for callers
    /// that hash one leaf at a time on many threads.
    public static func leafHash(_ entry: [UInt8]) throws(CryptoError) -> [UInt8] {
        try SHA256.digest([0x00], entry)
    }

    /// The hash of an interior node.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8], using hasher: SHA256) throws(CryptoError) -> [UInt8] {
        try hasher.hash([0x01], left, right)
    }

    /// The largest power of two strictly below `n` (n ≥ 2).
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "a split needs at least two leaves")
        return UInt64(1) << (63 - UInt64((n - 1).leadingZeroBitCount))
    }
}

/// Where proof generation reads complete subtree hashes from.
public protocol MerkleNodeSource {
    /// The hash of the complete subtree at `level` covering leaves
    /// `[index << level, (index + 1) << level)`; level 0 is the leaf hash.
    func node(level: Int, index: UInt64) throws -> [UInt8]
}

/// Errors from proof generation: a request outside the tree, or a source
/// that failed.
public struct MerkleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Merkle {
    /// The root hash of the first `size` leaves.
    public static func root(size: UInt64, source: some MerkleNodeSource, using hasher: SHA256) throws -> [UInt8] {
        size == 0 ? emptyRoot : try subtree(0, size, source, hasher)
    }

    /// MTH(D[start:end]) where `start` is a multiple of a power of two at
    /// least `end - start`, which holds for every range the RFC's
    /// recursions ask for.
    static func subtree(_ start: UInt64, _ end: UInt64, _ source: some MerkleNodeSource, _ hasher: SHA256) throws -> [UInt8] {
        let count = end - start
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return try source.node(level: level, index: start >> UInt64(level))
        }
        let k = split(count)
        return try nodeHash(subtree(start, start + k, source, hasher), subtree(start + k, end, source, hasher), using: hasher)
    }

    /// The RFC 9162 §2.1.3.1 inclusion proof of leaf `index` in the tree of `size` leaves.
    public static func inclusionProof(index: UInt64, size: UInt64, source: some MerkleNodeSource, using hasher: SHA256) throws -> [[UInt8]] {
        guard index < size else { throw MerkleError("leaf \(index) is not in a tree of \(size)") }
        var proof: [[UInt8]] = []
        try path(index, 0, size, source, hasher, into: &proof)
        return proof
    }

    private static func path(_ m: UInt64, _ start: UInt64, _ end: UInt64, _ source: some MerkleNodeSource, _ hasher: SHA256, into proof: inout [[UInt8]]) throws {
        let n = end - start
        guard n > 1 else { return }
        let k = split(n)
        if m < k {
            try path(m, start, start + k, source, hasher, into: &proof)
            proof.append(try subtree(start + k, end, source, hasher))
        } else {
            try path(m - k, start + k, end, source, hasher, into: &proof)
            proof.append(try subtree(start, start + k, source, hasher))
        }
    }

    /// The inclusion proofs of many leaves in one tree: subtree hashes the
    /// proofs share (the tree's incomplete right edge above all) are
    /// computed once, so k proofs cost about k·log n rather than k·log² n.
    public static func inclusionProofs(indices: [UInt64], size: UInt64, source: some MerkleNodeSource, using hasher: SHA256) throws -> [UInt64: [[UInt8]]] {
        var memo: [SubtreeKey: [UInt8]] = [:]
        var proofs: [UInt64: [[UInt8]]] = [:]
        for index in indices {
            guard index < size else { throw MerkleError("leaf \(index) is not in a tree of \(size)") }
            var proof: [[UInt8]] = []
            var m = index, start: UInt64 = 0, end = size
            var steps: [(UInt64, UInt64)] = []
            // Walk down to the leaf noting each sibling range, then emit
            // them leaf side first, as RFC 9162's recursion does.
            while end - start > 1 {
                let k = split(end - start)
                if m < k {
                    steps.append((start + k, end))
                    end = start + k
                } else {
                    steps.append((start, start + k))
                    m -= k
                    start += k
                }
            }
            for (low, high) in steps.reversed() { proof.append(try memoized(low, high, source, hasher, &memo)) }
            proofs[index] = proof
        }
        return proofs
    }

    private struct SubtreeKey: Hashable {
        let start: UInt64
        let end: UInt64
    }

    private static func memoized(_ start: UInt64, _ end: UInt64, _ source: some MerkleNodeSource, _ hasher: SHA256, _ memo: inout [SubtreeKey: [UInt8]]) throws -> [UInt8] {
        let count = end - start
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return try source.node(level: level, index: start >> UInt64(level))
        }
        if let known = memo[SubtreeKey(start: start, end: end)] { return known }
        let k = split(count)
        let hash = try nodeHash(memoized(start, start + k, source, hasher, &memo), memoized(start + k, end, source, hasher, &memo), using: hasher)
        memo[SubtreeKey(start: start, end: end)] = hash
        return hash
    }

    /// The RFC 9162 §2.1.4.1 consistency proof from the tree of `old`
    /// leaves to the tree of `new` leaves (0 < old ≤ new).
    public static func consistencyProof(from old: UInt64, to new: UInt64, source: some MerkleNodeSource, using hasher: SHA256) throws -> [[UInt8]] {
        guard old > 0, old <= new else { throw MerkleError("no consistency proof from \(old) to \(new)") }
        var proof: [[UInt8]] = []
        try subproof(old, 0, new, true, source, hasher, into: &proof)
        return proof
    }

    private static func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, _ complete: Bool, _ source: some MerkleNodeSource, _ hasher: SHA256, into proof: inout [[UInt8]]) throws {
        let n = end - start
        if m == n {
            if !complete { proof.append(try subtree(start, end, source, hasher)) }
            return
        }
        let k = split(n)
        if m <= k {
            try subproof(m, start, start + k, complete, source, hasher, into: &proof)
            proof.append(try subtree(start + k, end, source, hasher))
        } else {
            try subproof(m - k, start + k, end, false, source, hasher, into: &proof)
            proof.append(try subtree(start, start + k, source, hasher))
        }
    }
}

extension Merkle {
    /// RFC 9162 §2.1.3.2: whether `proof` shows the leaf with `leafHash` at
    /// `index` in the tree of `size` leaves whose root is `root`.
    public static func verifyInclusion(leafHash: [UInt8], index: UInt64, size: UInt64, proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index < size, leafHash.count == hashByteCount, root.count == hashByteCount,
              proof.allSatisfy({ $0.count == hashByteCount }), let hasher = try? SHA256()
        else { return false }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn > 0, let next = try? inclusionStep(&fn, &sn, r, p, hasher) else { return false }
            r = next
        }
        return sn == 0 && r == root
    }

    private static func inclusionStep(_ fn: inout UInt64, _ sn: inout UInt64, _ r: [UInt8], _ p: [UInt8], _ hasher: SHA256) throws -> [UInt8] {
        let next: [UInt8]
        if fn & 1 == 1 || fn == sn {
            next = try nodeHash(p, r, using: hasher)
            while fn & 1 == 0 && fn != 0 {
                fn >>= 1
                sn >>= 1
            }
        } else {
            next = try nodeHash(r, p, using: hasher)
        }
        fn >>= 1
        sn >>= 1
        return next
    }

    /// RFC 9162 §2.1.4.2: whether `proof` shows the tree of `old` leaves
    /// with root `oldRoot` is a prefix of the tree of `new` leaves with root
    /// `newRoot`. Equal sizes need an empty proof and equal roots.
    public static func verifyConsistency(old: UInt64, new: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]) -> Bool {
        guard old > 0, old <= new, oldRoot.count == hashByteCount, newRoot.count == hashByteCount,
              proof.allSatisfy({ $0.count == hashByteCount }), let hasher = try? SHA256()
        else { return false }
        if old == new { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        // Step 1: a power-of-two old tree is itself the first node.
        if old & (old - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = old - 1
        var sn = new - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first
        var sr = first
        for c in path.dropFirst() {
            guard sn > 0 else { return false }
            do {
                if fn & 1 == 1 || fn == sn {
                    fr = try nodeHash(c, fr, using: hasher)
                    sr = try nodeHash(c, sr, using: hasher)
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                } else {
                    sr = try nodeHash(sr, c, using: hasher)
                }
            } catch {
                return false
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
