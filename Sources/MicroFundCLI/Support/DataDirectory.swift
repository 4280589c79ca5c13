import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore

/// The layout of a ledger's data directory:
/// `ledger.sqlite` (the store), `keys/admin.pem` and `keys/operator.pem`
/// (made by `init`, mode 0600).
struct DataDirectory {
    let path: String

    var databasePath: String { path + "/" + SQLiteStore.fileName }
    var keysPath: String { path + "/keys" }
    var adminKeyPath: String { keysPath + "/admin.pem" }
    var operatorKeyPath: String { keysPath + "/operator.pem" }

    var exists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    /// Opens the ledger, which `microfund init` must have created.
    func open() throws -> Ledger {
        guard exists else {
            throw CommandFailure("not_initialized", "no ledger at \(path); run `microfund init --data \(path)` first")
        }
        return try Ledger(store: SQLiteStore(path: databasePath))
    }

    /// Creates the directory and an empty ledger in it, for `init` and `demo`.
    func create() throws -> Ledger {
        guard !exists else { throw CommandFailure("already_initialized", "\(path) already holds a ledger") }
        try FileManager.default.createDirectory(atPath: keysPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try Ledger(store: SQLiteStore(path: databasePath))
    }
}
