import Foundation
import GRDB
import GRDBSQLite
public import MicroFundLedger
public import MicroFundStore
public import MicroFundCrypto

/// The embedded default store: one SQLite file in WAL mode.
///
/// Durability: `PRAGMA synchronous = FULL` makes every commit fsync the WAL,
/// so an acknowledged transaction survives power loss, not only a killed
/// process. It is set after the pool opens because GRDB's `DatabasePool`
/// sets `synchronous = NORMAL` after running `prepareDatabase`.
public final class SQLiteStore: LedgerStore {
    /// The database file inside a data directory.
    public static let fileName = "ledger.sqlite"

    let pool: DatabasePool

    /// Opens (creating if needed) the ledger database at `path`.
    public init(path: String) throws(LedgerError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.foreignKeysEnabled = true
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Schema.migrator.migrate(pool)
        } catch {
            throw LedgerError(.storeFailure, "cannot open \(path): \(error)")
        }
    }

    /// The `synchronous` level of the writer connection (2 is FULL), for tests
    /// and `microfund doctor`-style checks.
    public func synchronousLevel() throws(LedgerError) -> Int {
        try run { try pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 } }
    }

    /// The journal mode, "wal" when the pool opened as expected.
    public func journalMode() throws(LedgerError) -> String {
        try run { try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    public func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] {
        guard !envelopeIDs.isEmpty else { return [:] }
        return try run {
            try pool.read { db in
                let statement = try db.cachedStatement(sql: "SELECT seq, content_hash FROM journal WHERE envelope_id = ?")
                var found: [String: PriorOutcome] = [:]
                for id in envelopeIDs {
                    guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
                    found[id] = PriorOutcome(sequence: UInt64(row["seq"] as Int64), contentHash: [UInt8](row["content_hash"] as Data))
                }
                return found
            }
        }
    }

    /// The stored outcome of one envelope id, if it was accepted.
    public func priorOutcome(envelopeID: String) throws(LedgerError) -> PriorOutcome? {
        try priorOutcomes(envelopeIDs: [envelopeID])[envelopeID]
    }

    public func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] {
        try run {
            try pool.read { db in
                // A cursor's rows are the statement itself: columns read by
                // position (GRDB matches names case-insensitively, a
                // lower-casing per lookup) and blobs copied once, into the
                // arrays kept.
                let statement = try db.cachedStatement(sql: "SELECT seq, envelope_id, content_hash, entry FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?")
                let rows = try Row.fetchCursor(statement, arguments: [Int64(sequence), limit])
                var entries: [StoredEntry] = []
                entries.reserveCapacity(limit)
                while let row = try rows.next() {
                    entries.append(StoredEntry(
                        sequence: UInt64(row[0] as Int64), envelopeID: row[1],
                        contentHash: Self.blob(statement, 2), bytes: Self.blob(statement, 3)
                    ))
                }
                return entries
            }
        }
    }

    /// The blob in column `index` of the row a cursor over `statement` is
    /// on, copied once (no `Data` in between).
    static func blob(_ statement: Statement, _ index: CInt) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, index))
        guard count > 0, let start = sqlite3_column_blob(statement.sqliteStatement, index) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    }

    public func append(_ transactions: [AcceptedTransaction]) throws(LedgerError) {
        guard let first = transactions.first else { return }
        try run {
            try pool.write { db in
                let head = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM journal") ?? 0
                guard UInt64(head) + 1 == first.entry.sequence else {
                    throw LedgerError(.storeFailure, "the journal moved on (head \(head)) while sequence \(first.entry.sequence) was being written")
                }
                let writer = try RowWriter(db)
                for transaction in transactions {
                    try writer.write(transaction)
                }
            }
        }
    }

    public func treeSize() throws(LedgerError) -> UInt64 {
        try run { try pool.read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_nodes WHERE level = 0") ?? 0) } }
    }

    public func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result {
        try run {
            try pool.read { db in
                try body(DatabaseNodes(statement: db.cachedStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?")))
            }
        }
    }

    public func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])] {
        try run {
            try pool.read { db in
                let statement = try db.cachedStatement(sql: "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?")
                let rows = try Row.fetchCursor(statement, arguments: [level, Int64(index), limit])
                var nodes: [(index: UInt64, hash: [UInt8])] = []
                while let row = try rows.next() { nodes.append((UInt64(row[0] as Int64), Self.blob(statement, 1))) }
                return nodes
            }
        }
    }

    public func appendTreeNodes(_ nodes: [MerkleFrontier.Node]) throws(LedgerError) {
        try run {
            try pool.write { db in
                let writer = try RowWriter(db)
                for node in nodes { try writer.write(node) }
            }
        }
    }

    /// Runs a database operation, reporting any failure as `store_failure`.
    func run<Value>(_ body: () throws -> Value) throws(LedgerError) -> Value {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storeFailure, "\(error)")
        }
    }
}

/// Tree nodes read through one prepared statement inside a read transaction.
private struct DatabaseNodes: MerkleNodeSource {
    let statement: Statement

    func node(level: Int, index: UInt64) throws -> [UInt8] {
        guard let hash = try Data.fetchOne(statement, arguments: [level, Int64(index)]) else {
            throw LedgerError(.ledgerCorrupt, "the Merkle tree lacks node \(level)/\(index)")
        }
        return [UInt8](hash)
    }
}
