public import MicroFundLedger
public import MicroFundCrypto

/// An accepted transaction on its way into a store: the journal entry and
/// the state rows it changed, written together or not at all.
public struct AcceptedTransaction: Sendable {
    public let entry: JournalEntry
    public let changes: Changes
    /// The Merkle subtrees this entry's leaf completed, the leaf first.
    public let treeNodes: [MerkleFrontier.Node]

    public init(entry: JournalEntry, changes: Changes, treeNodes: [MerkleFrontier.Node]) {
        self.entry = entry
        self.changes = changes
        self.treeNodes = treeNodes
    }
}

/// Where an envelope id already stands in the journal.
public struct PriorOutcome: Sendable, Equatable {
    public let sequence: UInt64
    public let contentHash: [UInt8]

    public init(sequence: UInt64, contentHash: [UInt8]) {
        self.sequence = sequence
        self.contentHash = contentHash
    }
}

/// A journal row as stored: the canonical entry bytes and the columns
/// indexed beside them.
public struct StoredEntry: Sendable, Equatable {
    public let sequence: UInt64
    public let envelopeID: String
    public let contentHash: [UInt8]
    public let bytes: [UInt8]

    public init(sequence: UInt64, envelopeID: String, contentHash: [UInt8], bytes: [UInt8]) {
        self.sequence = sequence
        self.envelopeID = envelopeID
        self.contentHash = contentHash
        self.bytes = bytes
    }
}

/// Where a ledger lives. SQLite is the embedded default; a PostgreSQL
/// store serves several service instances. Nothing above this protocol
/// may assume which one it has.
public protocol LedgerStore: Sendable {
    /// The state as the store's tables hold it (parties, keys, needs,
    /// accounts, pledges, and the last sequence number).
    func loadState() throws(LedgerError) -> LedgerState

    /// The sequence number and content hash stored for each of these
    /// envelope ids that was ever accepted: the idempotency lookup, made once
    /// per batch rather than once per envelope.
    func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome]

    /// Appends `transactions` (consecutive sequence numbers following the
    /// store's last) and writes their changes, in one atomic transaction
    /// that is durable when this returns.
    func append(_ transactions: [AcceptedTransaction]) throws(LedgerError)

    /// Up to `limit` journal rows with sequence numbers from `sequence` on, in order.
    func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry]

    /// The number of leaves in the stored Merkle tree.
    func treeSize() throws(LedgerError) -> UInt64

    /// Runs `body` with the stored tree as one consistent snapshot, so a
    /// proof's dozens of node reads share one read transaction.
    func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result

    /// Up to `limit` stored subtree hashes of one level, from `index` on, in order.
    func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])]

    /// Stores subtree hashes computed for entries already in the journal
    /// (filling in the tree of a ledger created before it had one).
    func appendTreeNodes(_ nodes: [MerkleFrontier.Node]) throws(LedgerError)
}
