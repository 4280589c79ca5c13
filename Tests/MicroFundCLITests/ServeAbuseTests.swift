import Foundation
import MicroFundClient
import MicroFundLedger
import Testing

/// The service under hostile input and sudden death: nothing refused
/// changes the journal, nothing crashes it, and nothing it acknowledged
/// is lost.
@Suite(.serialized) struct ServeAbuseTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Fixtures/http")
    static let origin = "demo.microfund.example/shanghai"

    /// Catches a crash or a 5xx on malformed, oversized, truncated, wrongly
    /// typed or signed, replayed or nested input, slow-loris connections,
    /// mid-body disconnects and a flood past the write queue (which must be
    /// answered 503 with Retry-After), and any of it reaching the journal.
    @Test func hostileRequestsChangeNothing() async throws {
        let served = try ServedLedgerProcess(arguments: ["--queue-max", "8", "--body-max", "100000", "--idle-timeout", "5"])
        let before = try journalLines(served.data)
        let replay = served.scratch.file("replay.json")
        let envelope = try JSONParser.parse(Array(before[4].utf8)).objectValue!["envelope"]!
        try Data(try CanonicalJSON.encode(envelope)).write(to: URL(fileURLWithPath: replay))
        let abuse = try tool("python3", Self.fixtures.appendingPathComponent("abuse.py").path, served.url, replay,
                             served.data + "/keys/community-fund.pem", Self.origin, "community-fund", "pixel-studio")
        #expect(abuse.status == 0, "\(abuse.stdout)\n\(abuse.stderr)")
        let summary = try JSONParser.parse(Array(abuse.stdout.utf8)).objectValue
        if case .number(let sent)? = summary?["sent"] { #expect((sent.int64 ?? 0) >= 1_000) } else { Issue.record("no count: \(abuse.stdout)") }
        #expect(served.process.isRunning, "the server died: \(served.log.suffix(2_000))")
        #expect(try await served.remote.get("/healthz").status == 200)
        #expect(served.stop() == 0)
        #expect(try journalLines(served.data) == before)
        #expect(try microfund("verify", "--data", served.data).status == 0)
    }

    /// Catches an acknowledgement sent before its group is durable, or a
    /// restart that loses or renumbers entries: 64 connections write, the
    /// server is killed with SIGKILL mid-load, and after a restart every
    /// acknowledged id is in the journal at the sequence number it was
    /// given; `verify` passes.
    @Test func killDuringLoadLosesNoAcknowledgement() async throws {
        let served = try ServedLedgerProcess()
        // Kill once a few hundred writes are acknowledged.
        let (load, acks) = try await Self.startLoad(served, until: 300)
        served.stop(SIGKILL)
        load.waitUntilExit()
        let acknowledged = try String(contentsOfFile: acks, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(acknowledged.count >= 300)
        try served.start()
        let lines = try journalLines(served.data)
        var byID: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            if let id = try JSONParser.parse(Array(line.utf8)).objectValue?["envelope"]?.objectValue?["id"]?.stringValue { byID[id] = index + 1 }
        }
        let lost = acknowledged.filter { byID[String($0[1])] != Int($0[0]) }
        #expect(lost.isEmpty, "acknowledged but not in the journal at their sequence: \(lost.prefix(5))")
        #expect(try await served.remote.get("/healthz").status == 200)
        #expect(served.stop() == 0)
        #expect(try microfund("verify", "--data", served.data).status == 0)
    }

    /// Catches a shutdown that drops in-flight writes or exits non-zero:
    /// SIGTERM during a 64-connection load exits 0 and keeps every
    /// acknowledged entry.
    @Test func gracefulShutdownKeepsEveryAcknowledgement() async throws {
        let served = try ServedLedgerProcess()
        let (load, acks) = try await Self.startLoad(served, until: 200)
        #expect(served.stop(SIGTERM) == 0, "\(served.log.suffix(2_000))")
        load.waitUntilExit()
        let acknowledged = try String(contentsOfFile: acks, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        let lines = try journalLines(served.data)
        let ids = Set(lines.compactMap { try? JSONParser.parse(Array($0.utf8)).objectValue?["envelope"]?.objectValue?["id"]?.stringValue })
        #expect(acknowledged.allSatisfy { ids.contains(String($0[1])) })
        #expect(try microfund("verify", "--data", served.data).status == 0)
    }

    /// 64 connections writing signed donations (Fixtures/http/load.py),
    /// returned once `count` are acknowledged (or a minute has passed),
    /// with the file the acknowledgements go to.
    static func startLoad(_ served: ServedLedgerProcess, until count: Int) async throws -> (Process, String) {
        let acks = served.scratch.file("acks.txt")
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        load.arguments = ["python3", fixtures.appendingPathComponent("load.py").path, served.url, served.data + "/keys/community-fund.pem",
                          origin, "community-fund", "pixel-studio", "64", "30", acks]
        load.standardOutput = FileHandle.nullDevice
        load.standardError = FileHandle.nullDevice
        try load.run()
        let started = Date()
        while Date().timeIntervalSince(started) < 60 {
            if ((try? String(contentsOfFile: acks, encoding: .utf8)) ?? "").split(separator: "\n").count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (load, acks)
    }
}
