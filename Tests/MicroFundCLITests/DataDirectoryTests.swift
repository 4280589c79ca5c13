import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundTestSupport
import Testing

/// Whether this process can run `microfund` as a user that may not write
/// the test's files: root through `runuser -u nobody`, anyone else as
/// themselves on files made read-only.
private let auditorAvailable: Bool = {
    guard getuid() == 0 else { return true }
    guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return false }
    return (try? run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", microfundBinary.path, "--version"]).status) == 0
}()

/// Runs `microfund` as an auditor who cannot write anything of the ledger.
private func asAuditor(_ arguments: [String]) throws -> Run {
    if getuid() == 0 {
        return try run(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", microfundBinary.path] + arguments)
    }
    return try run(microfundBinary, arguments)
}

@Suite("Data directories: atomic init, no accidental ledgers, read-only audits")
struct DataDirectoryTests {
    @Test("init refuses a directory with leftovers and changes nothing; a killed init leaves no ledger or a whole one")
    func atomicInit() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        try FileManager.default.createDirectory(atPath: data + "/keys", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: data + "/keys/admin.pem", contents: Data("leftover".utf8))
        let refused = try microfund("init", "--data", data)
        #expect(refused.status != 0)
        #expect(refused.stderr.hasPrefix("error[already_initialized]"))
        #expect(!FileManager.default.fileExists(atPath: data + "/" + SQLiteStore.fileName))
        #expect(try String(contentsOfFile: data + "/keys/admin.pem", encoding: .utf8) == "leftover")

        for delay in [0, 2, 5, 10, 20, 40, 80] {
            let target = scratch.file("killed-\(delay)")
            let process = Process()
            process.executableURL = microfundBinary
            process.arguments = ["init", "--data", target]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: target) {
                let verify = try microfund("verify", "--data", target)
                #expect(verify.status == 0, "killed after \(delay) ms: \(verify.stderr)")
                #expect(FileManager.default.fileExists(atPath: target + "/keys/operator.pem"))
            } else {
                #expect(try microfund("verify", "--data", target).stderr.hasPrefix("error[not_initialized]"))
                let again = try microfund("init", "--data", target)
                #expect(again.status == 0, "init after a kill at \(delay) ms: \(again.stderr)")
            }
        }
        // An empty directory is a fine place for a new ledger.
        let empty = scratch.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        #expect(try microfund("init", "--data", empty).status == 0)
        #expect(try microfund("verify", "--data", empty).status == 0)
    }

    @Test("an empty or foreign ledger file is never turned into a ledger, and verify fails on it")
    func noAccidentalLedgers() throws {
        let scratch = try Scratch()
        for (name, contents) in [("empty", Data()), ("foreign", Data("not a database at all, just text".utf8))] {
            let data = scratch.file(name)
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let file = data + "/" + SQLiteStore.fileName
            _ = FileManager.default.createFile(atPath: file, contents: contents)
            for command in [["verify"], ["balance"], ["checkpoint", "--vkey"], ["journal", "export"]] {
                let result = try microfund(command + ["--data", data])
                #expect(result.status != 0, "\(name): \(command)")
                #expect(result.stderr.hasPrefix("error[ledger_corrupt]"), "\(name): \(command): \(result.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == contents)
        }
        // A database with the schema but no genesis (what a killed init used to leave).
        let bare = scratch.file("bare")
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        try SQLiteStore.create(path: bare + "/" + SQLiteStore.fileName).close()
        let verify = try microfund("verify", "--data", bare)
        #expect(verify.status != 0)
        #expect(verify.stderr.contains("no genesis"))
    }

    @Test("verify, journal export, balance, checkpoint and proof work on a ledger the reader cannot write", .enabled(if: auditorAvailable))
    func readOnlyAudit() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let key = scratch.file("operator.pem")
        _ = FileManager.default.createFile(atPath: key, contents: Data(try scenario.operatorKey.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600])
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: key)
        } else {
            for path in [data + "/" + SQLiteStore.fileName, data] {
                try FileManager.default.setAttributes([.posixPermissions: path == data ? 0o555 : 0o444], ofItemAtPath: path)
            }
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data) }
        let before = try Data(contentsOf: URL(fileURLWithPath: data + "/" + SQLiteStore.fileName))
        let listing = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
        let commands: [[String]] = [
            ["verify"], ["journal", "export"], ["balance"], ["balance", "--json"], ["checkpoint", "--key", key],
            ["checkpoint", "--vkey"], ["proof", "inclusion", "--seq", "2"], ["proof", "consistency", "--from", "1"],
        ]
        for command in commands {
            let result = try asAuditor(command + ["--data", data])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command)")
        }
        let donation = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "audit", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 1, to: .pool(.cny)).signed(by: [scenario.manager])
        let envelope = scratch.file("donation.json")
        _ = FileManager.default.createFile(atPath: envelope, contents: Data(donation), attributes: [.posixPermissions: 0o644])
        let write = try asAuditor(["submit", "--data", data, envelope])
        #expect(write.stderr.hasPrefix("error[store_read_only]"), "\(write.stderr)")
        #expect(write.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/" + SQLiteStore.fileName)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: data).sorted() == listing)
    }
}
