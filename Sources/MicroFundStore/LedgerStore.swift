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

/// Why a store could not append: a kind the write path acts on, and for
/// a storage failure its cause in words safe to log. Neither the kind nor
/// the description ever carries SQL, its arguments, amounts or envelope
/// bytes: a store builds `cause` from its engine's result code and message.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The journal's head is not the one the caller built on: another
        /// writer appended first. The caller catches up and tries again.
        case headMoved(head: UInt64)
        /// An envelope id is already in the journal (the store's own
        /// uniqueness constraint, behind the write path's idempotency check).
        case duplicateEnvelope(id: String)
        /// The write lock was not granted within the store's bounded wait;
        /// nothing was written and trying again later may succeed.
        case busy(waitedSeconds: Int)
        /// The store can only be read (a read-only file, directory or mount).
        case readOnly
        /// The caller's own preparation failed inside the transaction;
        /// nothing was written.
        case aborted(LedgerError)
        /// The storage itself failed; nothing was written.
        case failure
    }

    public let kind: Kind
    /// For `failure`: what the engine said (for SQLite its result code and
    /// message), never a statement or its arguments.
    public let cause: String?

    public init(_ kind: Kind, cause: String? = nil) {
        self.kind = kind
        self.cause = cause
    }

    public static func headMoved(head: UInt64) -> StoreError { StoreError(.headMoved(head: head)) }
    public static func busy(waitedSeconds: Int) -> StoreError { StoreError(.busy(waitedSeconds: waitedSeconds)) }
    public static let readOnly = StoreError(.readOnly)

    public var description: String { ledgerError.message }

    /// The stable code and message the write path reports for this error.
    public var ledgerError: LedgerError {
        switch kind {
        case .headMoved(let head): LedgerError(.storeFailure, "the journal moved on to \(head) entries while this group was being written")
        case .duplicateEnvelope(let id): LedgerError(.storeFailure, "envelope id \(id) is already in the journal")
        case .busy(let seconds): LedgerError(.storeBusy, "another process held the ledger's write lock for more than \(seconds) s; nothing was written, try again")
        case .readOnly: LedgerError(.storeReadOnly, "the ledger can only be read here (a read-only file, directory or mount); nothing was written")
        case .aborted(let error): error
        case .failure: LedgerError(.storeFailure, "the store failed; nothing was written" + (cause.map { ": \($0)" } ?? ""))
        }
    }
}

/// What an append's `prepare` reads of the journal inside the store's
/// write transaction: the journal as it stands while the lock is held.
public protocol JournalTransaction {
    /// One committed entry by sequence number (what a reversal reads of the
    /// entry it undoes).
    func entry(_ sequence: UInt64) throws(LedgerError) -> StoredEntry?

    /// The sequence number and content hash of each of these envelope ids
    /// that the journal holds: idempotency decided in the writer's order.
    func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome]
}

/// What can be read of a ledger. A store reads its latest state; a
/// snapshot (`LedgerStore.snapshot()`) reads one fixed point in time
/// through every call, so a reader that makes many calls (open, verify, a
/// proof) never mixes two states of a journal that another process is
/// appending to.
public protocol LedgerReader: JournalReader, ReportQueries {}

/// The journal as the writer and the verifier read it: its entries in
/// order, and (with defaults computed from them) the Merkle tree over them,
/// the idempotency lookup and the state they fold to. `entries` is the
/// one requirement without a default: a journal held anywhere (a store, a
/// copy fetched from a server) is a reader.
public protocol JournalReader: Sendable {
    /// The state as the store's tables hold it (parties, keys, needs,
    /// accounts, pledges, and the last sequence number).
    func loadState() throws(LedgerError) -> LedgerState

    /// The sequence number and content hash stored for each of these
    /// envelope ids that was ever accepted: the idempotency lookup, made once
    /// per batch rather than once per envelope.
    func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome]

    /// Up to `limit` journal rows with sequence numbers from `sequence` on, in order.
    func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry]

    /// The number of leaves in the stored Merkle tree.
    func treeSize() throws(LedgerError) -> UInt64

    /// Runs `body` with the stored tree as one consistent view, so a
    /// proof's dozens of node reads share one read transaction.
    func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result

    /// Up to `limit` stored subtree hashes of one level, from `index` on, in order.
    func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])]
}

/// What reports ask of a ledger beyond its journal. Every query has a
/// default computed by replaying the journal (`JournalReplay`), so a new
/// store (PostgreSQL) starts from the defaults; a store overrides the ones
/// its indexes answer faster (SQLite overrides all), and a test keeps
/// every override equal to its default.
public protocol ReportQueries: Sendable {
    /// Up to `limit` stored transfer records of the entries `first` through
    /// `last`, in journal order and in each transaction's order.
    func transfers(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredTransfer]

    /// Every account's balances just after entry `sequence`, from stored
    /// per-transaction versions: its cost grows with the number of
    /// accounts, not of entries. Accounts opened later are absent.
    func balances(at sequence: UInt64) throws(LedgerError) -> [AccountPath: Account]

    /// Up to `limit` stored account versions of the entries `first`
    /// through `last`, by entry and then path: `verify` compares each
    /// entry's with the balances its replay left.
    func accountVersions(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredAccountVersion]

    /// The state's directory: genesis, policy, parties, keys, needs and
    /// accounts; pledges, motions, voices, contributions and offers empty.
    /// For readers that name things and need nothing journal-sized.
    func loadDirectory() throws(LedgerError) -> LedgerState

    /// One motion by id.
    func motion(id: String) throws(LedgerError) -> Motion?

    /// The posted movements (phases `posted` and `post_pending`) into
    /// payees' accounts (`paid:`) and needs' reserves of entries `first`
    /// through `last`, summed per debit, credit, phase and pending id: the
    /// payouts a period statement sorts by need, read by the credit index
    /// rather than a row per transfer of the period.
    func payoutTotals(from first: UInt64, through last: UInt64) throws(LedgerError) -> [TransferTotal]

    /// The pledges pending just after entry `sequence` (made by then,
    /// settled only later or not yet).
    func pledges(pendingAt sequence: UInt64) throws(LedgerError) -> [Pledge]

    /// The transfers of entries 1 through `last` that debit or credit one
    /// of `party`'s accounts, in journal order (by the account indexes: its
    /// cost grows with the party's transfers, not the journal's).
    func transfers(ofParty party: String, through last: UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)]

    /// In-kind pledge movements of entries 1 through `last`, summed per
    /// party, need, asset, phase and (for releases) the pledge's state.
    func inKindTotals(through last: UInt64) throws(LedgerError) -> [InKindTotal]
}

/// A row of `account_versions`: an account's balances right after an entry
/// that changed it, the path as stored UTF-8.
public struct StoredAccountVersion: Sendable, Equatable {
    public let sequence: UInt64
    public let path: [UInt8]
    public let balances: Account

    public init(sequence: UInt64, path: [UInt8], balances: Account) {
        self.sequence = sequence
        self.path = path
        self.balances = balances
    }
}

/// A row of the transfers table, as stored: account paths kept as raw
/// UTF-8 and the asset and phase as the values their text names (nil for
/// text that names none), so `verify` compares a journal's worth of rows
/// without building a string or parsing a path per row.
public struct StoredTransfer: Sendable, Equatable {
    public let sequence: UInt64
    public let position: Int
    public let debit: [UInt8]
    public let credit: [UInt8]
    public let asset: Asset?
    public let amount: Int64
    public let phase: TransferRecord.Phase?
    public let pendingID: [UInt8]?

    public init(sequence: UInt64, position: Int, debit: [UInt8], credit: [UInt8], asset: Asset?, amount: Int64, phase: TransferRecord.Phase?, pendingID: [UInt8]?) {
        self.sequence = sequence
        self.position = position
        self.debit = debit
        self.credit = credit
        self.asset = asset
        self.amount = amount
        self.phase = phase
        self.pendingID = pendingID
    }

    /// Whether this row records `record`, column for column. `spellings`
    /// caches each account path's text: a ledger has few accounts and many
    /// transfers.
    public func records(_ record: TransferRecord, spellings: inout [AccountPath: [UInt8]]) -> Bool {
        guard amount == record.amount, phase == record.phase, asset == record.asset else { return false }
        switch (pendingID, record.pendingID) {
        case (nil, nil): break
        case (let stored?, let replayed?): guard stored.elementsEqual(replayed.utf8) else { return false }
        default: return false
        }
        return debit == spelling(record.debit, &spellings) && credit == spelling(record.credit, &spellings)
    }

    private func spelling(_ path: AccountPath, _ spellings: inout [AccountPath: [UInt8]]) -> [UInt8] {
        if let known = spellings[path] { return known }
        let text = Array(path.description.utf8)
        spellings[path] = text
        return text
    }
}

/// Where a ledger lives. SQLite is the embedded default; a PostgreSQL
/// store serves several service instances. Nothing above this protocol
/// may assume which one it has, nor that it is the only writer.
public protocol LedgerStore: LedgerReader {
    /// A reader of the ledger as it stands now, unchanged by later appends.
    func snapshot() throws(LedgerError) -> any LedgerReader

    /// Runs `body` against one snapshot on the store's own threads while
    /// the caller awaits, suspended: what an async caller (the server, the
    /// writer's catch-up) reads through, so that no thread of Swift's
    /// concurrency pool waits for the store. The body itself is plain
    /// synchronous code over a reader, as the reports are. The default
    /// runs it on `StoreThreads.readers`; a store whose client is async
    /// (PostgreSQL) runs it where waiting for that client is allowed.
    func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value

    /// Appends what `prepare` returns, and writes their changes, in one
    /// atomic transaction that holds the store's write lock from before
    /// `prepare` runs until it is durable. `prepare` receives the journal
    /// rows that other writers appended after `head` (empty when none), so
    /// the caller catches up and decides against the journal as it stands,
    /// and `journal` to read it inside the same transaction. The
    /// transactions returned must follow the journal's last entry; a store
    /// that finds otherwise at commit throws `headMoved`, and the caller
    /// catches up and tries again. `prepare` runs once per call, off the
    /// caller's task, while the caller awaits; no thread of Swift's
    /// concurrency pool waits for the lock or the disk.
    func append(
        after head: UInt64,
        _ prepare: @escaping @Sendable (_ newer: [StoredEntry], _ journal: any JournalTransaction) throws(LedgerError) -> [AcceptedTransaction]
    ) async throws(StoreError)

    /// Releases the store's connections, making everything written durable
    /// in its main files.
    func close() throws(LedgerError)

    /// Stores subtree hashes computed for entries already in the journal
    /// (filling in the tree of a ledger created before it had one). Nodes
    /// already stored are kept: two processes may fill in at once.
    func appendTreeNodes(_ nodes: [MerkleFrontier.Node]) throws(LedgerError)
}

extension LedgerStore {
    public func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value {
        try await StoreThreads.readers.run { try body(try self.snapshot()) }
    }
}
