import Foundation
import MicroFundLedger
import MicroFundService
import MicroFundSQLite
import MicroFundStore
#if canImport(Glibc)
import Glibc
#endif

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

    /// Opens the ledger for writing; `microfund init` must have created it.
    /// A writer waits for other processes' writers at most
    /// `MICROFUND_LOCK_WAIT` seconds (1–600; 10 when unset).
    func open() throws -> Ledger {
        try requireLedger()
        return try Ledger(store: SQLiteStore.open(path: databasePath, lockWaitSeconds: Self.lockWaitSeconds()), time: WallClock.acceptanceTime)
    }

    static func lockWaitSeconds(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        guard let text = environment["MICROFUND_LOCK_WAIT"] else { return SQLiteStore.lockWaitSecondsDefault }
        guard let seconds = Int(text), (1...600).contains(seconds) else {
            throw CommandFailure(.usage, "MICROFUND_LOCK_WAIT must be a whole number of seconds from 1 to 600, not \(text)")
        }
        return seconds
    }

    /// A snapshot of the ledger for a command that only reads: every read
    /// it makes sees one moment of the journal, whatever other processes
    /// append meanwhile. Works on read-only copies and mounts too.
    func read() throws -> any LedgerReader {
        try requireLedger()
        let store = try SQLiteStore.openForReading(path: databasePath)
        // A ledger whose stored tree covers its whole journal (every ledger
        // written since the tree was stored) is read as it is; otherwise
        // opening it checks the genesis and fills in the tree it lacks.
        let snapshot = try store.snapshot()
        let size = try snapshot.treeSize()
        if size > 0, try snapshot.entries(from: size + 1, limit: 1).isEmpty { return snapshot }
        _ = try Ledger(store: store, time: WallClock.acceptanceTime)
        return try store.snapshot()
    }

    private func requireLedger() throws {
        guard exists else {
            throw CommandFailure(.notInitialized, "no ledger at \(path); run `microfund init --data \(path)` first")
        }
    }

    /// Makes a new data directory all at once: `build` fills a temporary
    /// directory beside `path` (keys, then the ledger with its genesis), and
    /// only a complete one is renamed into place. A failure or a kill at any
    /// moment leaves either no ledger at `path` or a whole one.
    func create(_ build: (DataDirectory) async throws -> Void) async throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, (try? manager.contentsOfDirectory(atPath: path))?.isEmpty == true else {
                throw CommandFailure(.alreadyInitialized, "\(path) already exists and is not an empty directory")
            }
        }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).init-"
        Self.removeAbandonedStaging(in: parent, prefix: prefix)
        // The creating process's id is in the name, so a later init can
        // tell an abandoned staging directory (its creator was killed)
        // from one being built right now.
        let staging = DataDirectory(path: parent + "/" + prefix + "\(getpid())-\(UUID().uuidString.prefix(8))")
        try manager.createDirectory(atPath: staging.path, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: staging.keysPath, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        do {
            try await build(staging)
            // rename(2) replaces an empty directory atomically, and fails if
            // another process put something there meanwhile.
            guard rename(staging.path, path) == 0 else {
                throw CommandFailure(errno == ENOTEMPTY || errno == EEXIST ? .alreadyInitialized : .ioError,
                                     "cannot move the new ledger to \(path): \(String(cString: strerror(errno)))")
            }
            syncDirectory(parent)
        } catch {
            try? manager.removeItem(atPath: staging.path)
            throw error
        }
    }

    /// Removes staging directories (with the keys and ledger they hold)
    /// that a killed `init` left: those whose creating process is gone, and
    /// unnamed ones (from before the id was in the name) older than an hour.
    static func removeAbandonedStaging(in parent: String, prefix: String) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            let path = parent + "/" + name
            let rest = name.dropFirst(prefix.count)
            let abandoned: Bool
            if let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) {
                abandoned = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            } else {
                let modified = (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
                abandoned = Date().timeIntervalSince(modified) > 3_600
            }
            if abandoned { try? manager.removeItem(atPath: path) }
        }
    }

    /// Makes a rename durable: fsync of the directory that holds the entry.
    private func syncDirectory(_ directory: String) {
        guard let handle = FileHandle(forReadingAtPath: directory) else { return }
        try? handle.synchronize()
        try? handle.close()
    }
}
