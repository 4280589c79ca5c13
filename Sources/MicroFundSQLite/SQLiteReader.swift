import Foundation
import GRDB
import GRDBSQLite
public import MicroFundLedger
public import MicroFundStore
public import MicroFundCrypto

/// Reads a ledger through any GRDB reader: the store's pool, where each
/// call is its own read transaction, or a snapshot, where every call sees
/// the same moment of the journal.
public struct SQLiteReader: LedgerReader {
    let reader: any DatabaseReader
    /// Whatever must live as long as the reader (a temporary copy of a
    /// read-only ledger).
    let owner: (any Sendable)?

    init(_ reader: any DatabaseReader, owner: (any Sendable)? = nil) {
        self.reader = reader
        self.owner = owner
    }

    public func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] {
        guard !envelopeIDs.isEmpty else { return [:] }
        return try SQLiteReader.run { try reader.read { db in try SQLiteReader.priorOutcomes(db, envelopeIDs: envelopeIDs) } }
    }

    /// The idempotency lookup inside a transaction the caller holds.
    static func priorOutcomes(_ db: Database, envelopeIDs: [String]) throws -> [String: PriorOutcome] {
        let statement = try db.cachedStatement(sql: "SELECT seq, content_hash FROM journal WHERE envelope_id = ?")
        var found: [String: PriorOutcome] = [:]
        for id in envelopeIDs {
            guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
            found[id] = PriorOutcome(sequence: UInt64(row["seq"] as Int64), contentHash: [UInt8](row["content_hash"] as Data))
        }
        return found
    }

    /// The stored outcome of one envelope id, if it was accepted.
    public func priorOutcome(envelopeID: String) throws(LedgerError) -> PriorOutcome? {
        try priorOutcomes(envelopeIDs: [envelopeID])[envelopeID]
    }

    public func entries(from sequence: UInt64, limit: Int) throws(LedgerError) -> [StoredEntry] {
        try SQLiteReader.run { try reader.read { db in try SQLiteReader.entries(db, from: sequence, limit: limit) } }
    }

    /// Journal rows read inside a transaction the caller holds.
    static func entries(_ db: Database, from sequence: UInt64, limit: Int) throws -> [StoredEntry] {
        // A cursor's rows are the statement itself: columns read by
        // position (GRDB matches names case-insensitively, a lower-casing
        // per lookup) and blobs copied once, into the arrays kept.
        let statement = try db.cachedStatement(sql: "SELECT seq, envelope_id, content_hash, entry FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?")
        let rows = try Row.fetchCursor(statement, arguments: [Int64(sequence), limit])
        var entries: [StoredEntry] = []
        entries.reserveCapacity(Swift.min(limit, 4_096))
        while let row = try rows.next() {
            entries.append(StoredEntry(
                sequence: UInt64(row[0] as Int64), envelopeID: row[1],
                contentHash: blob(statement, 2), bytes: blob(statement, 3)
            ))
        }
        return entries
    }

    /// The blob in column `index` of the row a cursor over `statement` is
    /// on, copied once (no `Data` in between).
    static func blob(_ statement: Statement, _ index: CInt) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.sqliteStatement, index))
        guard count > 0, let start = sqlite3_column_blob(statement.sqliteStatement, index) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    }

    public func treeSize() throws(LedgerError) -> UInt64 {
        try SQLiteReader.run { try reader.read { db in UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(idx) + 1, 0) FROM merkle_nodes WHERE level = 0") ?? 0) } }
    }

    public func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result {
        try SQLiteReader.run {
            try reader.read { db in
                try body(DatabaseNodes(statement: db.cachedStatement(sql: "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?")))
            }
        }
    }

    public func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])] {
        try SQLiteReader.run {
            try reader.read { db in
                let statement = try db.cachedStatement(sql: "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?")
                let rows = try Row.fetchCursor(statement, arguments: [level, Int64(index), limit])
                var nodes: [(index: UInt64, hash: [UInt8])] = []
                while let row = try rows.next() { nodes.append((UInt64(row[0] as Int64), Self.blob(statement, 1))) }
                return nodes
            }
        }
    }

    public func transfers(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredTransfer] {
        try SQLiteReader.run {
            try reader.read { db in
                // Asset and phase come back as their position in the
                // enums (-1 for text that is neither): no string per row.
                let assets = Asset.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
                let phases = TransferRecord.Phase.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ")
                let statement = try db.cachedStatement(sql: """
                    SELECT seq, position, debit, credit, CASE asset \(assets) ELSE -1 END, amount, CASE phase \(phases) ELSE -1 END, pending_id
                    FROM transfers WHERE seq BETWEEN ? AND ? ORDER BY seq, position LIMIT ?
                    """)
                let rows = try Row.fetchCursor(statement, arguments: [Int64(clamping: first), Int64(clamping: last), limit])
                var transfers: [StoredTransfer] = []
                while let row = try rows.next() {
                    let pendingID = sqlite3_column_type(statement.sqliteStatement, 7) == SQLITE_NULL ? nil : Self.blob(statement, 7)
                    let asset: Int = row[4], phase: Int = row[6]
                    transfers.append(StoredTransfer(
                        sequence: UInt64(row[0] as Int64), position: row[1], debit: Self.blob(statement, 2), credit: Self.blob(statement, 3),
                        asset: Asset.allCases.indices.contains(asset) ? Asset.allCases[asset] : nil, amount: row[5],
                        phase: TransferRecord.Phase.allCases.indices.contains(phase) ? TransferRecord.Phase.allCases[phase] : nil, pendingID: pendingID
                    ))
                }
                return transfers
            }
        }
    }

    /// Runs a database read, reporting a failure as `store_failure` (or as
    /// the `LedgerError` it already is: `ledger_corrupt` from a row that
    /// does not parse).
    static func run<Value>(_ body: () throws -> Value) throws(LedgerError) -> Value {
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

extension SQLiteReader {
    public func balances(at sequence: UInt64) throws(LedgerError) -> [AccountPath: Account] {
        try SQLiteReader.run { try reader.read { db in try AccountVersions.balances(db, at: sequence) } }
    }

    public func accountVersions(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredAccountVersion] {
        try SQLiteReader.run { try reader.read { db in try AccountVersions.rows(db, from: first, through: last, limit: limit) } }
    }
}

extension SQLiteReader {
    public func payoutTotals(from first: UInt64, through last: UInt64) throws(LedgerError) -> [TransferTotal] {
        try SQLiteReader.run {
            try reader.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT debit, credit, phase, pending_id, SUM(amount) FROM transfers
                    WHERE ((credit >= 'paid:' AND credit < 'paid;') OR (credit >= 'fund:reserve:' AND credit < 'fund:reserve;'))
                      AND seq BETWEEN ? AND ? AND phase IN ('posted', 'post_pending')
                    GROUP BY debit, credit, phase, pending_id
                    """, arguments: [Int64(clamping: first), Int64(clamping: last)])
                return try rows.map { row in
                    guard let debit = AccountPath(row[0]), let credit = AccountPath(row[1]), let phase = TransferRecord.Phase(rawValue: row[2]) else {
                        throw LedgerError(.ledgerCorrupt, "a stored transfer does not parse")
                    }
                    return TransferTotal(debit: debit, credit: credit, phase: phase, pendingID: row[3], amount: Int128(row[4] as Int64))
                }
            }
        }
    }
}

extension SQLiteReader {
    public func transfers(ofParty party: String, through last: UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] {
        // Ids hold no ':' so "party:P:" starts exactly P's accounts; ';' follows ':'.
        let low = "party:\(party):", high = "party:\(party);"
        return try SQLiteReader.run {
            try reader.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT seq, position, debit, credit, amount, phase, pending_id FROM transfers WHERE debit >= ? AND debit < ? AND seq <= ?
                    UNION ALL
                    SELECT seq, position, debit, credit, amount, phase, pending_id FROM transfers WHERE credit >= ? AND credit < ? AND seq <= ?
                    ORDER BY 1, 2
                    """, arguments: [low, high, Int64(clamping: last), low, high, Int64(clamping: last)])
                return try rows.map { row in
                    guard let debit = AccountPath(row[2]), let credit = AccountPath(row[3]), let phase = TransferRecord.Phase(rawValue: row[5]) else {
                        throw LedgerError(.ledgerCorrupt, "a stored transfer of entry \(row[0] as Int64) does not parse")
                    }
                    return (UInt64(row[0] as Int64), TransferRecord(debit: debit, credit: credit, amount: row[4], phase: phase, pendingID: row[6]))
                }
            }
        }
    }

    /// In-kind pledges credit only needs' accounts: the credit index reads
    /// those rows alone, where the planner would otherwise scan the journal.
    public func inKindTotals(through last: UInt64) throws(LedgerError) -> [InKindTotal] {
        try SQLiteReader.run {
            try reader.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT t.debit, t.credit, t.phase, CASE WHEN t.phase = 'void_pending' THEN p.state END, SUM(t.amount)
                    FROM transfers t INDEXED BY transfers_by_credit LEFT JOIN pledges p ON p.id = t.pending_id
                    WHERE t.asset <> 'CNY' AND t.seq <= ? AND t.debit >= 'party:' AND t.debit < 'party;'
                      AND t.credit >= 'need:' AND t.credit < 'need;'
                    GROUP BY 1, 2, 3, 4
                    """, arguments: [Int64(clamping: last)])
                return try rows.map { row in
                    guard case .party(let party, let asset)? = AccountPath(row[0]), case .need(let need, _)? = AccountPath(row[1]),
                          let phase = TransferRecord.Phase(rawValue: row[2])
                    else { throw LedgerError(.ledgerCorrupt, "a stored in-kind transfer does not parse") }
                    return InKindTotal(party: party, need: need, asset: asset, phase: phase,
                                       released: (row[3] as String?).flatMap(Pledge.State.init(rawValue:)), amount: Int128(row[4] as Int64))
                }
            }
        }
    }
}
