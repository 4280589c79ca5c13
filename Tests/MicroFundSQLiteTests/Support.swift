import Synchronization
import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport

/// A ledger in a fresh temporary directory, with the scenario's setup applied.
struct TestLedger {
    let directory: URL
    let store: SQLiteStore
    let ledger: Ledger
    let scenario: Scenario

    var databasePath: String { directory.appendingPathComponent(SQLiteStore.fileName).path }

    /// A ledger made from `history` (the scenario's setup by default): its
    /// genesis through `Ledger.create`, the rest through `submit`, all of
    /// which must be accepted.
    init(history: [[UInt8]]? = nil, time: AcceptanceTime = .authorTimes) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore.create(path: directory.appendingPathComponent(SQLiteStore.fileName).path)
        scenario = try Scenario()
        let history = try history ?? scenario.setup()
        ledger = try await Ledger.create(store: store, genesis: history[0], time: time)
        for outcome in await ledger.submit(Array(history.dropFirst())) {
            guard case .accepted = outcome else { throw LedgerError(.storeFailure, "setup failed: \(outcome)") }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Journal length and every balance: what a rejected envelope must not change.
    func fingerprint() throws -> (UInt64, [AccountPath: Account]) {
        let state = try store.loadState()
        return (state.sequence, state.accounts)
    }

    /// Runs the sqlite3 tool on the ledger's database.
    func sqlite(_ sql: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", databasePath, sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A clock that hands out given times in order, one per accepted entry.
final class ScriptedClock: Sendable {
    private let times: Mutex<[Timestamp]>

    init(_ times: [Timestamp]) {
        self.times = Mutex(times)
    }

    var acceptanceTime: AcceptanceTime {
        .clock { self.times.withLock { $0.isEmpty ? Timestamp.fromEpoch(seconds: 0) : $0.removeFirst() } }
    }
}

/// Another process holding SQLite's write lock on a database until told to
/// let go (not for a fixed time, which a loaded machine may outlast).
final class LockHolder {
    private let process = Process()
    private let input = Pipe()

    init(_ databasePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            connection = sqlite3.connect(sys.argv[1], isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.readline()
            connection.execute("ROLLBACK")
            """, databasePath]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = input
        try process.run()
        guard String(decoding: out.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked") else {
            throw LedgerError(.storeFailure, "the lock holder did not take the lock")
        }
    }

    /// Lets go of the lock and waits for the holder to end.
    func release() {
        input.fileHandleForWriting.write(Data("\n".utf8))
        process.waitUntilExit()
    }
}
