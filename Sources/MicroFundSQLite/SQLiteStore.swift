import Foundation
import GRDB
import GRDBSQLite
public import MicroFundLedger
public import MicroFundStore
public import MicroFundCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default store: one SQLite file in WAL mode, which any
/// number of processes may open at once.
///
/// Durability: `PRAGMA synchronous = FULL` makes every commit fsync the WAL,
/// so an acknowledged transaction survives power loss, not only a killed
/// process. It is set after the pool opens because GRDB's `DatabasePool`
/// sets `synchronous = NORMAL` after running `prepareDatabase`.
///
/// Several processes: readers never wait (WAL); a writer waits its turn
/// behind other processes' writers (`WriteTurn`, at most `lockWaitSeconds`),
/// takes SQLite's write lock for the whole of `append`, and is handed what
/// other writers appended since it last looked, so it catches up instead
/// of failing.
public final class SQLiteStore: LedgerStore {
    /// The database file inside a data directory.
    public static let fileName = "ledger.sqlite"
    /// How long a writer waits by default for another process's write lock.
    public static let lockWaitSecondsDefault = 10

    let pool: DatabasePool
    let lockWaitSeconds: Int
    private let reader: SQLiteReader
    /// Where this store's writers queue behind other processes' (nil for a
    /// read-only directory).
    private let turn: WriteTurn?
    /// The temporary copy a read-only ledger is read from, removed with the store.
    private let copy: ReadOnlyCopy?

    private init(path: String, lockWaitSeconds: Int, copy: ReadOnlyCopy? = nil) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(lockWaitSeconds))
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Persistent WAL: the last connection to close leaves the WAL
            // file in place. Without it SQLite deletes the file, and the next
            // open must write a new one, which waits for any other process's
            // write lock (a reader would wait for a writer).
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.lockWaitSeconds = lockWaitSeconds
        self.copy = copy
        reader = SQLiteReader(pool)
        turn = WriteTurn(databasePath: path)
    }

    /// Creates a new, empty ledger database at `path`. Refuses if anything
    /// is there already: a ledger is created once, by `init`.
    public static func create(path: String, lockWaitSeconds: Int = lockWaitSecondsDefault) throws(LedgerError) -> SQLiteStore {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(.storeFailure, "\(path) already exists")
        }
        do {
            let store = try SQLiteStore(path: path, lockWaitSeconds: lockWaitSeconds)
            try Schema.migrator.migrate(store.pool)
            return store
        } catch {
            throw LedgerError(.storeFailure, "cannot create \(path): \(error)")
        }
    }

    /// Opens an existing ledger database; never turns a missing, empty or
    /// foreign file into a new ledger. Migrations newer than the file's
    /// schema are applied.
    public static func open(path: String, lockWaitSeconds: Int = lockWaitSecondsDefault) throws(LedgerError) -> SQLiteStore {
        try open(path: path, lockWaitSeconds: lockWaitSeconds, copy: nil)
    }

    private static func open(path: String, lockWaitSeconds: Int, copy: ReadOnlyCopy?) throws(LedgerError) -> SQLiteStore {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        guard let size else { throw LedgerError(.ledgerCorrupt, "no ledger database at \(path)") }
        guard size > 0 else { throw LedgerError(.ledgerCorrupt, "\(path) is empty: not a ledger") }
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: path, lockWaitSeconds: lockWaitSeconds, copy: copy)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw LedgerError(.ledgerCorrupt, "\(path) is not a ledger database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // GRDB writes once to a WAL file that is missing or empty.
            throw StoreError.busy(waitedSeconds: lockWaitSeconds).ledgerError
        } catch where !isWritable(URL(fileURLWithPath: path).deletingLastPathComponent().path, path) {
            throw StoreError.readOnly.ledgerError
        } catch {
            throw LedgerError(.storeFailure, "cannot open \(path): \(error)")
        }
        let (isLedger, isCurrent) = try SQLiteReader.run {
            try store.pool.read { db in
                (try db.tableExists("journal") && db.tableExists("meta"), try Schema.migrator.hasCompletedMigrations(db))
            }
        }
        guard isLedger else { throw LedgerError(.ledgerCorrupt, "\(path) is not a ledger database") }
        // Only an old schema needs the write lock: opening a current ledger
        // never waits for another process's writer.
        if !isCurrent {
            do {
                try Schema.migrator.migrate(store.pool)
            } catch let error as DatabaseError {
                throw store.storeError(error).ledgerError
            } catch {
                throw LedgerError(.storeFailure, "\(error)")
            }
        }
        return store
    }

    /// Opens a ledger only to read it, also where its files or directory
    /// cannot be written (an auditor's copy, a read-only mount): there the
    /// database (and its write-ahead log, if any) is copied to a private
    /// temporary directory and read from the copy, because SQLite must be
    /// able to create the WAL index beside a WAL-mode database.
    public static func openForReading(path: String) throws(LedgerError) -> SQLiteStore {
        if isWritable(URL(fileURLWithPath: path).deletingLastPathComponent().path, path) { return try open(path: path) }
        let copy = try ReadOnlyCopy(of: path)
        return try open(path: copy.path, lockWaitSeconds: lockWaitSecondsDefault, copy: copy)
    }

    /// Whether the directory and the database's files (those that exist)
    /// can be written, which SQLite needs to open a WAL-mode database.
    private static func isWritable(_ directory: String, _ path: String) -> Bool {
        guard access(directory, W_OK) == 0, access(path, W_OK) == 0 else { return false }
        for companion in [path + "-wal", path + "-shm"] where access(companion, F_OK) == 0 {
            if access(companion, W_OK) != 0 { return false }
        }
        return true
    }

    /// Closes the database, first copying its WAL into the main file: GRDB
    /// closes the writer before the readers, so SQLite's own checkpoint on
    /// the last close may not happen. The WAL file keeps its size: GRDB
    /// writes to an empty one when it next opens the pool, which would make
    /// every later open wait for the write lock.
    public func close() throws(LedgerError) {
        try SQLiteReader.run {
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.full) }
            try pool.close()
        }
    }

    /// The `synchronous` level of the writer connection (2 is FULL), for tests.
    public func synchronousLevel() throws(LedgerError) -> Int {
        try SQLiteReader.run { try pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } }
    }

    /// The journal mode, "wal" when the pool opened as expected.
    public func journalMode() throws(LedgerError) -> String {
        try SQLiteReader.run { try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    // MARK: Reading the latest state

    public func loadState() throws(LedgerError) -> LedgerState { try reader.loadState() }
    public func loadDirectory() throws(LedgerError) -> LedgerState { try reader.loadDirectory() }
    public func motion(id: String) throws(LedgerError) -> Motion? { try reader.motion(id: id) }
    public func pledges(pendingAt sequence: UInt64) throws(LedgerError) -> [Pledge] {
        try reader.pledges(pendingAt: sequence)
    }

    public func transfers(ofParty party: String, through last: UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] {
        try reader.transfers(ofParty: party, through: last)
    }

    public func inKindTotals(through last: UInt64) throws(LedgerError) -> [InKindTotal] {
        try reader.inKindTotals(through: last)
    }

    public func payoutTotals(from first: UInt64, through last: UInt64) throws(LedgerError) -> [TransferTotal] {
        try reader.payoutTotals(from: first, through: last)
    }

    public func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] {
        try reader.priorOutcomes(envelopeIDs: envelopeIDs)
    }

    /// The stored outcome of one envelope id, if it was accepted.
    public func priorOutcome(envelopeID: String) throws(LedgerError) -> PriorOutcome? {
        try reader.priorOutcome(envelopeID: envelopeID)
    }

    public func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] {
        try reader.entries(from: sequence, limit: limit)
    }

    public func treeSize() throws(LedgerError) -> UInt64 { try reader.treeSize() }

    public func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result {
        try reader.readTree(body)
    }

    public func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])] {
        try reader.treeNodes(level: level, from: index, limit: limit)
    }

    public func transfers(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredTransfer] {
        try reader.transfers(from: first, through: last, limit: limit)
    }

    public func balances(at sequence: UInt64) throws(LedgerError) -> [AccountPath: Account] {
        try reader.balances(at: sequence)
    }

    public func accountVersions(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredAccountVersion] {
        try reader.accountVersions(from: first, through: last, limit: limit)
    }

    // MARK: Snapshots and writing

    /// One long read transaction on its own connection: every call through
    /// it sees the journal, tree and state tables as they were when it began.
    public func snapshot() throws(LedgerError) -> any LedgerReader {
        let snapshot = try SQLiteReader.run { try pool.makeSnapshot() }
        return SQLiteReader(snapshot, owner: StoreReference(self))
    }

    public func append(
        after head: UInt64,
        _ prepare: @escaping @Sendable (_ newer: [StoredEntry], _ journal: any JournalTransaction) throws(LedgerError) -> [AcceptedTransaction]
    ) async throws(StoreError) {
        if let turn {
            guard await turn.take(waitingAtMost: lockWaitSeconds) else { throw .busy(waitedSeconds: lockWaitSeconds) }
        }
        defer { turn?.give() }
        do {
            // GRDB's pool writes in a BEGIN IMMEDIATE transaction on its own
            // writer queue (the awaiting task holds no thread): the write
            // lock is held from here to the commit, so the head read now is
            // the head the rows below follow.
            try await pool.write { db in
                let current = UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM journal") ?? 0)
                guard current >= head else { throw StoreError.headMoved(head: current) }
                let newer = current > head ? try SQLiteReader.entries(db, from: head + 1, limit: Int(current - head)) : []
                let transactions: [AcceptedTransaction]
                do throws(LedgerError) { transactions = try prepare(newer, WriteTransaction(db: db)) } catch { throw StoreError(.aborted(error)) }
                guard let first = transactions.first else { return }
                guard first.entry.sequence == current + 1 else { throw StoreError.headMoved(head: current) }
                let writer = try RowWriter(db)
                for transaction in transactions {
                    try writer.write(transaction)
                }
                try writer.writeBalances(of: transactions)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw storeError(error)
        } catch {
            throw StoreError(.failure, cause: String(describing: type(of: error)))
        }
    }

    /// A database error as the write path sees it. The cause names SQLite's
    /// result code and message only: GRDB's own description would carry
    /// the statement (and, if configured, its arguments).
    func storeError(_ error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy(waitedSeconds: lockWaitSeconds)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: .readOnly
        default: StoreError(.failure, cause: "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")")
        }
    }

    public func appendTreeNodes(_ nodes: [MerkleFrontier.Node]) throws(LedgerError) {
        do {
            try pool.write { db in
                let writer = try RowWriter(db)
                for node in nodes { try writer.writeIfAbsent(node) }
            }
        } catch let error as DatabaseError {
            throw storeError(error).ledgerError
        } catch {
            throw LedgerError(.storeFailure, "\(error)")
        }
    }
}

/// The journal as `prepare` reads it inside the write transaction.
private struct WriteTransaction: JournalTransaction {
    let db: Database

    func entry(_ sequence: UInt64) throws(LedgerError) -> StoredEntry? {
        try SQLiteReader.run { try SQLiteReader.entries(db, from: sequence, limit: 1).first { $0.sequence == sequence } }
    }

    func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] {
        try SQLiteReader.run { try SQLiteReader.priorOutcomes(db, envelopeIDs: envelopeIDs) }
    }
}

/// Keeps a store open for as long as a snapshot of it is in use.
private struct StoreReference: @unchecked Sendable {
    let store: SQLiteStore
    init(_ store: SQLiteStore) { self.store = store }
}

/// A private copy of a read-only ledger, deleted when no longer used.
private final class ReadOnlyCopy: Sendable {
    let directory: String
    let path: String

    init(of source: String) throws(LedgerError) {
        let manager = FileManager.default
        directory = manager.temporaryDirectory.appendingPathComponent("microfund-read-\(UUID().uuidString)").path
        path = directory + "/" + SQLiteStore.fileName
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try manager.copyItem(atPath: source, toPath: path)
            if manager.fileExists(atPath: source + "-wal") {
                try manager.copyItem(atPath: source + "-wal", toPath: path + "-wal")
            }
        } catch {
            try? manager.removeItem(atPath: directory)
            throw LedgerError(.storeFailure, "cannot read \(source): \(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
