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

    init(setup: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent(SQLiteStore.fileName).path)
        ledger = try Ledger(store: store)
        scenario = try Scenario()
        if setup {
            for outcome in ledger.submit(try scenario.setup()) {
                guard case .accepted = outcome else { throw LedgerError(.storeFailure, "setup failed: \(outcome)") }
            }
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
