import MicroFundCrypto
public import MicroFundLedger

/// The journal's RFC 6962 tree as a store holds it: restoring its frontier,
/// filling it in, and serving proofs from its stored subtrees.
public enum JournalTree {
    /// Entries hashed per write while filling in a tree.
    static let fillPageCountMax = 2_048

    /// The frontier of the tree `reader` holds; if it has fewer leaves than
    /// the journal has entries, hashes the rest of the journal and stores
    /// them through `store`.
    static func restore(reading reader: any LedgerReader, filling store: any LedgerStore, journalSize: UInt64, using hasher: SHA256) throws(LedgerError) -> MerkleFrontier {
        let stored = try reader.treeSize()
        guard stored <= journalSize else {
            throw LedgerError(.ledgerCorrupt, "the Merkle tree has \(stored) leaves but the journal only \(journalSize) entries")
        }
        var tree: MerkleFrontier
        do { tree = try reader.readTree { try MerkleFrontier(size: stored, source: $0) } } catch {
            throw LedgerError(.ledgerCorrupt, "the stored Merkle tree is incomplete: \(error)")
        }
        while tree.size < journalSize {
            let page = try reader.entries(from: tree.size + 1, limit: fillPageCountMax)
            guard !page.isEmpty else { break }
            var nodes: [MerkleFrontier.Node] = []
            for entry in page {
                guard entry.sequence == tree.size + 1 else {
                    throw LedgerError(.ledgerCorrupt, "journal entry \(tree.size + 1) is missing")
                }
                do { nodes += try tree.append(leafHash: Merkle.leafHash(entry.bytes, using: hasher), using: hasher) } catch {
                    throw LedgerError(.storeFailure, "hashing failed: \(error)")
                }
            }
            try store.appendTreeNodes(nodes)
        }
        return tree
    }

    /// The size and root of the whole stored tree: what a checkpoint signs.
    /// Read from a snapshot, they are the journal's as of that snapshot.
    public static func head(of reader: any LedgerReader) throws(LedgerError) -> (size: UInt64, rootHash: [UInt8]) {
        let size = try reader.treeSize()
        return (size, try root(size: size, store: reader))
    }

    /// The root of the journal's first `size` entries.
    public static func root(size: UInt64, store: any LedgerReader) throws(LedgerError) -> [UInt8] {
        try withTree(store, size: size) { source, hasher in try Merkle.root(size: size, source: source, using: hasher) }
    }

    /// The inclusion proof of entry `sequence` in the tree of `size` entries.
    public static func inclusionProof(sequence: UInt64, size: UInt64, store: any LedgerReader) throws(LedgerError) -> [[UInt8]] {
        guard sequence >= 1, sequence <= size else {
            throw LedgerError(.entryUnknown, "entry \(sequence) is not in a tree of \(size) entries")
        }
        return try withTree(store, size: size) { source, hasher in
            try Merkle.inclusionProof(index: sequence - 1, size: size, source: source, using: hasher)
        }
    }

    /// The inclusion proofs of many entries in the tree of `size` entries,
    /// in one read of the tree: nodes the proofs share are read once.
    public static func inclusionProofs(sequences: [UInt64], size: UInt64, store: any LedgerReader) throws(LedgerError) -> [UInt64: [[UInt8]]] {
        if let outside = sequences.first(where: { $0 < 1 || $0 > size }) {
            throw LedgerError(.entryUnknown, "entry \(outside) is not in a tree of \(size) entries")
        }
        return try withTree(store, size: size) { source, hasher in
            let proofs = try Merkle.inclusionProofs(indices: sequences.map { $0 - 1 }, size: size, source: CachedNodes(source), using: hasher)
            return Dictionary(uniqueKeysWithValues: proofs.map { ($0.key + 1, $0.value) })
        }
    }

    /// The consistency proof from the tree of `old` entries to that of `new`.
    public static func consistencyProof(from old: UInt64, to new: UInt64, store: any LedgerReader) throws(LedgerError) -> [[UInt8]] {
        guard old >= 1, old <= new else {
            throw LedgerError(.entryUnknown, "no consistency proof from \(old) to \(new) entries")
        }
        return try withTree(store, size: new) { source, hasher in
            try Merkle.consistencyProof(from: old, to: new, source: source, using: hasher)
        }
    }

    /// A node source that reads each node once.
    private final class CachedNodes: MerkleNodeSource {
        let source: any MerkleNodeSource
        var nodes: [Int: [UInt64: [UInt8]]] = [:]

        init(_ source: any MerkleNodeSource) {
            self.source = source
        }

        func node(level: Int, index: UInt64) throws -> [UInt8] {
            if let known = nodes[level]?[index] { return known }
            let hash = try source.node(level: level, index: index)
            nodes[level, default: [:]][index] = hash
            return hash
        }
    }

    private static func withTree<Result>(_ store: any LedgerReader, size: UInt64, _ body: (any MerkleNodeSource, SHA256) throws -> Result) throws(LedgerError) -> Result {
        let available = try store.treeSize()
        guard size <= available else {
            throw LedgerError(.entryUnknown, "the journal has \(available) entries, not \(size)")
        }
        let hasher: SHA256
        do { hasher = try SHA256() } catch { throw LedgerError(.storeFailure, "\(error)") }
        return try store.readTree { source in try body(source, hasher) }
    }
}
