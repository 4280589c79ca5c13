import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// DESIGN.md §10: a process killed at any instant loses no acknowledged
/// transaction and leaves the journal verifiable.
@Suite("kill -9 during submit")
struct CrashTests {
    @Test("every acknowledged transaction survives kill -9, and the journal verifies", arguments: [40, 120, 300])
    func killDuringSubmit(delayMilliseconds: Int) async throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let scenario = try Scenario()
        let setup = try scenario.setup()
        let created = try await Ledger.create(store: SQLiteStore.create(path: data + "/" + SQLiteStore.fileName), genesis: setup[0], time: .authorTimes)
        try created.store.close()
        var envelopes = Array(setup.dropFirst())
        for index in 0..<4_000 {
            envelopes.append(try EnvelopeDraft.recordDonation(
                ledger: Scenario.origin, id: "crash-\(index)", author: "street-office", timestamp: recent(Int64(index)), donor: "zone-studio",
                amount: 100, to: .pool(.cny)
            ).signed(by: [scenario.manager]))
        }
        let file = scratch.file("batch.jsonl")
        try Data(envelopes.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))

        let process = Process()
        process.executableURL = microfundBinary
        process.arguments = ["submit", "--data", data, "--batch", "16", file]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delayMilliseconds * 1_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        let acknowledged = printed.split(separator: "\n").compactMap { line -> (UInt64, String)? in
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "accepted", let sequence = UInt64(parts[1]) else { return nil }
            return (sequence, String(parts[2]))
        }
        let store = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName)
        let report = try LedgerVerifier.verify(store)
        #expect(report.isValid, "\(report.failure?.description ?? "")")
        for (sequence, id) in acknowledged {
            #expect(try store.priorOutcome(envelopeID: id)?.sequence == sequence)
        }
        #expect(report.entryCount >= UInt64(acknowledged.count))
    }
}
