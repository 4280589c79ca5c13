/// The right edge of a growing Merkle tree: the root of each complete
/// subtree that still waits for a right sibling. Appending a leaf costs
/// O(log n) hashing at worst (amortized one node), never a recomputation.
public struct MerkleFrontier: Sendable, Equatable {
    /// A complete subtree hash that became final with an append, for a store to persist.
    public struct Node: Sendable, Equatable {
        public let level: Int
        public let index: UInt64
        public let hash: [UInt8]

        public init(level: Int, index: UInt64, hash: [UInt8]) {
            self.level = level
            self.index = index
            self.hash = hash
        }
    }

    /// Leaves appended so far.
    public private(set) var size: UInt64 = 0
    /// `pending[level]`: the complete subtree at that level on the right
    /// edge, present exactly when bit `level` of `size` is set.
    private var pending: [[UInt8]?] = []

    /// An empty tree.
    public init() {}

    /// Restores the frontier of a tree of `size` leaves from the complete
    /// subtrees along its right edge, read from `source`.
    public init(size: UInt64, source: some MerkleNodeSource) throws {
        self.size = size
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (UInt64(1) << UInt64(level)) != 0 {
            while pending.count <= level { pending.append(nil) }
            pending[level] = try source.node(level: level, index: start >> UInt64(level))
            start += UInt64(1) << UInt64(level)
        }
    }

    /// Appends a leaf hash; returns every complete subtree it finished,
    /// the leaf itself first.
    @discardableResult
    public mutating func append(leafHash: [UInt8], using hasher: SHA256) throws(CryptoError) -> [Node] {
        var nodes = [Node(level: 0, index: size, hash: leafHash)]
        var hash = leafHash
        var level = 0
        var index = size
        while index & 1 == 1 {
            hash = try Merkle.nodeHash(pending[level]!, hash, using: hasher)
            pending[level] = nil
            level += 1
            index >>= 1
            nodes.append(Node(level: level, index: index, hash: hash))
        }
        while pending.count <= level { pending.append(nil) }
        pending[level] = hash
        size += 1
        return nodes
    }

    /// The root hash of the tree as it stands.
    public func root(using hasher: SHA256) throws(CryptoError) -> [UInt8] {
        var root: [UInt8]?
        for hash in pending {
            guard let hash else { continue }
            root = try root.map { (right) throws(CryptoError) in try Merkle.nodeHash(hash, right, using: hasher) } ?? hash
        }
        return root ?? Merkle.emptyRoot
    }
}
