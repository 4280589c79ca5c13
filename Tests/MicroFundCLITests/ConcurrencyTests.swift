import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// A data directory holding the scenario's ledger (genesis through
/// `Ledger.create`, the rest submitted), closed so processes can share it.
func scenarioLedger(_ scratch: Scratch, extra: [[UInt8]] = []) async throws -> (data: String, scenario: Scenario) {
    let data = scratch.file("ledger")
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    let scenario = try Scenario()
    let history = try scenario.setup() + extra
    let ledger = try await Ledger.create(store: SQLiteStore.create(path: data + "/" + SQLiteStore.fileName), genesis: history[0], time: .authorTimes)
    for outcome in await ledger.submit(Array(history.dropFirst())) where outcome.error != nil {
        throw LedgerError(.storeFailure, "setup failed: \(outcome)")
    }
    try ledger.store.close()
    try FileManager.default.createDirectory(atPath: data + "/keys", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    _ = FileManager.default.createFile(atPath: data + "/keys/operator.pem", contents: Data(try scenario.operatorKey.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600])
    return (data, scenario)
}

/// Writes envelopes as JSON lines to `path`.
func writeLines(_ envelopes: [[UInt8]], to path: String) throws {
    try Data(envelopes.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
}

/// Starts every command at once and waits for all; output goes to files so
/// no pipe fills.
func microfundConcurrently(_ commands: [[String]], scratch: Scratch, environment: [String: String] = [:]) throws -> [Run] {
    var processes: [(Process, String, String)] = []
    for (index, arguments) in commands.enumerated() {
        let out = scratch.file("out-\(index)-\(UUID().uuidString.prefix(6))"), err = out + ".err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = microfundBinary
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        processes.append((process, out, err))
    }
    for (process, _, _) in processes { try process.run() }
    return try processes.map { process, out, err in
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: try String(contentsOfFile: out, encoding: .utf8), stderr: try String(contentsOfFile: err, encoding: .utf8))
    }
}

@Suite("Many processes on one ledger")
struct ConcurrencyTests {
    @Test("8 processes submitting 100 donations each at once: all 800 are accepted, in one journal that verifies")
    func writersTakeTurns() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        var commands: [[String]] = []
        for process in 0..<8 {
            let donations = try (0..<100).map { index in
                try EnvelopeDraft.recordDonation(
                    ledger: Scenario.origin, id: "p\(process)-d\(index)", author: "street-office", timestamp: recent(Int64(index)),
                    donor: process % 2 == 0 ? "zone-studio" : "resident-wang", amount: 100, to: .pool(.cny)
                ).signed(by: [scenario.manager])
            }
            let file = scratch.file("donations-\(process).jsonl")
            try writeLines(donations, to: file)
            // Small groups make the processes interleave many times.
            commands.append(["submit", "--data", data, "--batch", "7", file])
        }
        let runs = try microfundConcurrently(commands, scratch: scratch)
        for run in runs {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("accepted ") }.count == 100)
        }
        let sequences = runs.flatMap { $0.stdout.split(separator: "\n").compactMap { UInt64($0.split(separator: " ")[1]) } }
        #expect(Set(sequences) == Set(7...806))
        let verify = try microfund("verify", "--data", data)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("ok: 806 entries"))
        let balance = try microfund("balance", "--data", data, "--account", "fund:pool:CNY", "--json")
        #expect(balance.stdout.contains(#""balance":80000"#))
    }

    /// 16 writer processes at batch 64 on two cores, each waiting at most
    /// the default 10 s for its turn (the issue's case), while the rest of
    /// the suite loads the same two cores: every group is accepted, none refused
    /// `store_busy`, because writers queue for the lock (the kernel hands
    /// it to a waiter as soon as it is let go) instead of polling for it.
    /// Catches a writer starved by others taking turns (it was refused
    /// after the whole bound though no commit held the lock that long).
    @Test("16 writer processes at batch 64: each waits its turn, none is refused store_busy")
    func writersQueueFairly() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        var commands: [[String]] = []
        for process in 0..<16 {
            let donations = try (0..<256).map { index in
                try EnvelopeDraft.recordDonation(
                    ledger: Scenario.origin, id: "q\(process)-d\(index)", author: "street-office", timestamp: recent(Int64(index % 60)),
                    donor: "zone-studio", amount: 100, to: .pool(.cny)
                ).signed(by: [scenario.manager])
            }
            let file = scratch.file("queue-\(process).jsonl")
            try writeLines(donations, to: file)
            commands.append(["submit", "--data", data, "--batch", "64", file])
        }
        let runs = try microfundConcurrently(commands, scratch: scratch, environment: ["MICROFUND_LOCK_WAIT": "10"])
        for run in runs {
            #expect(run.status == 0 && !run.stderr.contains("store_busy"), "\(run.stderr.prefix(300))")
        }
        let verify = try microfund("verify", "--data", data)
        #expect(verify.stdout.contains("ok: \(6 + 16 * 256) entries"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test("16 processes racing to refund more than the pool holds: no overdraft, the losers get overdraft")
    func refundRace() async throws {
        let scratch = try Scratch()
        let scenario = try Scenario()
        let donation = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "gift", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 1_000, to: .pool(.cny)).signed(by: [scenario.manager])
        let (data, _) = try await scenarioLedger(scratch, extra: [donation])
        var commands: [[String]] = []
        for process in 0..<16 {
            let refund = try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "refund-\(process)", author: "street-office", timestamp: recent(2), donor: "zone-studio", amount: 150, from: .pool(.cny))
                .signed(by: [scenario.manager])
            let file = scratch.file("refund-\(process).json")
            try writeLines([refund], to: file)
            commands.append(["submit", "--data", data, file])
        }
        let runs = try microfundConcurrently(commands, scratch: scratch)
        let winners = runs.filter { $0.status == 0 }
        let losers = runs.filter { $0.status != 0 }
        #expect(winners.count == 6, "\(runs.map(\.stderr))")
        #expect(losers.allSatisfy { $0.stderr.hasPrefix("error[overdraft]") }, "\(losers.map(\.stderr))")
        #expect(try microfund("verify", "--data", data).status == 0)
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        #expect(state.accounts[.pool(.cny)]?.balance == 100)
    }

    @Test("balance, checkpoint, proof, verify and export beside a writer always see one consistent journal")
    func readersSeeSnapshots() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let donations = try (0..<600).map { index in
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "w\(index)", author: "street-office", timestamp: recent(Int64(index)), donor: "zone-studio", amount: 1, to: .pool(.cny))
                .signed(by: [scenario.manager])
        }
        let file = scratch.file("writer.jsonl")
        try writeLines(donations, to: file)
        let readers: [[String]] = (0..<4).flatMap { _ in [
            ["balance", "--data", data], ["balance", "--data", data, "--json"],
            ["checkpoint", "--data", data], ["proof", "inclusion", "--data", data, "--seq", "3"],
            ["proof", "consistency", "--data", data, "--from", "2"], ["verify", "--data", data],
            ["journal", "export", "--data", data],
        ] }
        let runs = try microfundConcurrently([["submit", "--data", data, "--batch", "1", file]] + readers, scratch: scratch)
        for (run, command) in zip(runs, [["submit"]] + readers) {
            #expect(run.status == 0, "\(command.joined(separator: " ")): \(run.stderr)")
            #expect(!run.stdout.isEmpty, "\(command.joined(separator: " ")) printed nothing")
        }
        #expect(try microfund("verify", "--data", data).stdout.contains("ok: 606 entries"))
    }

    @Test("the same envelope submitted by several processes at once is accepted once; the others get its outcome")
    func racingDuplicates() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let donation = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "same", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 100, to: .pool(.cny)).signed(by: [scenario.manager])
        let file = scratch.file("same.json")
        try writeLines([donation], to: file)
        let runs = try microfundConcurrently(Array(repeating: ["submit", "--data", data, file], count: 8), scratch: scratch)
        #expect(runs.allSatisfy { $0.status == 0 && $0.stdout.hasSuffix("7 same\n") }, "\(runs.map { $0.stdout + $0.stderr })")
        #expect(runs.filter { $0.stdout.hasPrefix("accepted ") }.count == 1)
        #expect(try microfund("verify", "--data", data).stdout.contains("ok: 7 entries"))
    }

    @Test("kill -9 among concurrent writers loses no acknowledged entry; the journal verifies and takes the rest afterwards", arguments: [60, 150, 400])
    func killConcurrentWriters(delayMilliseconds: Int) async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        var files: [String] = []
        for writer in 0..<4 {
            let donations = try (0..<300).map { index in
                try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "k\(writer)-\(index)", author: "street-office", timestamp: recent(Int64(index)), donor: "zone-studio", amount: 1, to: .pool(.cny))
                    .signed(by: [scenario.manager])
            }
            let file = scratch.file("writer-\(writer).jsonl")
            try writeLines(donations, to: file)
            files.append(file)
        }
        var running: [(Process, String)] = []
        for (index, file) in files.enumerated() {
            let out = scratch.file("acks-\(index)")
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            let process = Process()
            process.executableURL = microfundBinary
            process.arguments = ["submit", "--data", data, "--batch", "8", file]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            try process.run()
            running.append((process, out))
        }
        for (offset, (process, _)) in running.enumerated() {
            usleep(UInt32((delayMilliseconds + offset * 20) * 1_000))
            kill(process.processIdentifier, SIGKILL)
        }
        var acknowledged: [(UInt64, String)] = []
        for (process, out) in running {
            process.waitUntilExit()
            for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let parts = line.split(separator: " ")
                if parts.count == 3, parts[0] == "accepted", let sequence = UInt64(parts[1]) { acknowledged.append((sequence, String(parts[2]))) }
            }
        }
        let verify = try microfund("verify", "--data", data)
        #expect(verify.status == 0, "\(verify.stderr)")
        let store = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName)
        for (sequence, id) in acknowledged {
            #expect(try store.priorOutcome(envelopeID: id)?.sequence == sequence, "\(id) acknowledged at \(sequence)")
        }
        try store.close()
        // Resubmitting everything completes the journal: nothing half-written blocks it.
        let again = try microfundConcurrently(files.map { ["submit", "--data", data, $0] }, scratch: scratch)
        #expect(again.allSatisfy { $0.status == 0 }, "\(again.map(\.stderr))")
        #expect(try microfund("verify", "--data", data).stdout.contains("ok: 1206 entries"))
    }

    @Test("three members approving one motion at once from three processes: it passes once, the late vote finds it closed")
    func racingApprovals() async throws {
        let scratch = try Scratch()
        let scenario = try Scenario()
        let members = try (50...52).map { try Scenario.key(UInt8($0)) }
        var extra: [[UInt8]] = try members.enumerated().map { index, key in
            try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m\(index)", author: "committee", timestamp: recent(), party: PartyDraft(id: "m\(index)", kind: .resident, name: "M\(index)", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [scenario.admin])
        }
        extra.append(try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "mo", author: "hub", timestamp: recent(), action: .advance(need: scenario.need, to: .approved)).signed(by: [scenario.coordinator]))
        let (data, _) = try await scenarioLedger(scratch, extra: extra)
        var commands: [[String]] = []
        for (index, key) in members.enumerated() {
            let file = scratch.file("vote-\(index).json")
            try writeLines([try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "v\(index)", author: "m\(index)", timestamp: recent(1), motion: "mo").signed(by: [key])], to: file)
            commands.append(["submit", "--data", data, file])
        }
        let runs = try microfundConcurrently(commands, scratch: scratch)
        #expect(runs.filter { $0.status == 0 }.count == 2, "\(runs.map { $0.stdout + $0.stderr })")
        #expect(runs.filter { $0.stderr.hasPrefix("error[motion_closed]") }.count == 1)
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        #expect(state.motions["mo"]?.lifecycle.state == .passed)
        #expect(state.needs[scenario.need]?.stage == .at(.approved))
        #expect(try microfund("verify", "--data", data).status == 0)
    }
}
