import GRDB
import MicroFundStore
import MicroFundLedger

/// Balances at past sequence numbers (the `account_versions` table).
enum AccountVersions {
    /// Fills the table for a ledger written before it existed, from the
    /// transfers each entry made (each row says how it moves the four
    /// balances, docs/protocol.md §6): the versions an append would have
    /// written.
    static func backfill(_ db: Database) throws {
        var balances: [String: [Int64]] = [:]
        var touched: [String] = []
        var current: Int64 = -1
        let insert = try db.makeStatement(sql: """
            INSERT INTO account_versions (path, seq, debits_pending, debits_posted, credits_pending, credits_posted) VALUES (?, ?, ?, ?, ?, ?)
            """)
        func flush() throws {
            for path in Set(touched) {
                let b = balances[path]!
                try insert.execute(arguments: [path, current, b[0], b[1], b[2], b[3]])
            }
            touched.removeAll()
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, debit, credit, amount, phase FROM transfers ORDER BY seq, position")
        while let row = try rows.next() {
            let seq: Int64 = row[0]
            if seq != current {
                try flush()
                current = seq
            }
            let debit: String = row[1], credit: String = row[2], amount: Int64 = row[3], phase: String = row[4]
            var d = balances[debit] ?? [0, 0, 0, 0], c = balances[credit] ?? [0, 0, 0, 0]
            switch phase {
            case "posted": d[1] += amount; c[3] += amount
            case "pending": d[0] += amount; c[2] += amount
            case "post_pending": d[0] -= amount; d[1] += amount; c[2] -= amount; c[3] += amount
            default: d[0] -= amount; c[2] -= amount  // void_pending
            }
            balances[debit] = d
            balances[credit] = c
            touched += [debit, credit]
        }
        try flush()
    }

    /// Every account's balances after entry `sequence`: for each account
    /// the latest version at or before it, by index seek.
    static func balances(_ db: Database, at sequence: UInt64) throws -> [AccountPath: Account] {
        let latest = try db.cachedStatement(sql: """
            SELECT debits_pending, debits_posted, credits_pending, credits_posted FROM account_versions
            WHERE path = ? AND seq <= ? ORDER BY seq DESC LIMIT 1
            """)
        var out: [AccountPath: Account] = [:]
        for text in try String.fetchAll(db, sql: "SELECT path FROM accounts") {
            guard let row = try Row.fetchOne(latest, arguments: [text, Int64(clamping: sequence)]) else { continue }
            guard let path = AccountPath(text) else { throw LedgerError(.ledgerCorrupt, "account_versions holds \(text), not an account path") }
            out[path] = Account(debitsPending: row[0], debitsPosted: row[1], creditsPending: row[2], creditsPosted: row[3])
        }
        return out
    }
}

extension AccountVersions {
    static func rows(_ db: Database, from first: UInt64, through last: UInt64, limit: Int) throws -> [StoredAccountVersion] {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, path, debits_pending, debits_posted, credits_pending, credits_posted FROM account_versions
            WHERE seq BETWEEN ? AND ? ORDER BY seq, path LIMIT ?
            """)
        let rows = try Row.fetchCursor(statement, arguments: [Int64(clamping: first), Int64(clamping: last), limit])
        var out: [StoredAccountVersion] = []
        while let row = try rows.next() {
            out.append(StoredAccountVersion(
                sequence: UInt64(row[0] as Int64), path: SQLiteReader.blob(statement, 1),
                balances: Account(debitsPending: row[2], debitsPosted: row[3], creditsPending: row[4], creditsPosted: row[5])))
        }
        return out
    }
}
