import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundServer
import MicroFundService
import MicroFundSQLite
import MicroFundStore
import Synchronization

/// `microfund bench serve`: the HTTP service under load over loopback,
/// driven by wrk, beside `bench ingest`'s in-process write path, a
/// Hummingbird hello-world and `openssl speed ed25519`, all in one run.
struct BenchServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: Words.say("Load a running microfund serve with wrk (signed writes at 1, 16 and 64 connections, batches, balance and need reads) beside ingest, a hello-world and openssl speed.",
                            "用 wrk 压测 microfund serve（1、16、64 连接的签名写入、批量、余额与需求读取），对照写入路径、hello-world 与 openssl speed。")
    )

    @Option(help: ArgumentHelp("Seconds each wrk run lasts.", valueName: "s"))
    var seconds = 5

    @Option(help: ArgumentHelp("Pre-signed envelopes per write run (enough that none repeats).", valueName: "n"))
    var envelopes = 60_000

    @Option(name: .customLong("openssl-seconds"), help: ArgumentHelp("Seconds for the openssl speed anchor.", valueName: "s"))
    var opensslSeconds = 3

    @Option(name: .customLong("rss-entries"), help: ArgumentHelp("Also serve a ledger of this many entries and report the server's peak RSS (0: skip).", valueName: "n"))
    var rssEntries = 0

    @Option(name: .long, help: ArgumentHelp("Scratch directory (default: a new temporary one, removed afterwards).", valueName: "dir"))
    var data: String?

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw CommandFailure(.benchFailed, "bench serve drives the server with wrk: apt-get install -y wrk")
        }
        let directory = try BenchDirectory(data)
        defer { directory.remove() }
        let anchor = try OpenSSLSpeed.measure(seconds: opensslSeconds)
        var rows: [String] = []
        // The anchor: the same write path in process (what `bench ingest` times).
        let ingest = try await BenchServeWorkload.ingestRate(count: 20_000, in: directory.path + "/ingest")
        rows.append("| ingest in process (`bench ingest`), 20,000 donations in one submit call | \(ingest.rate) tx/s | | |")
        let concurrent = try await BenchServeWorkload.concurrentIngestRate(count: 20_000, tasks: 64, in: directory.path + "/concurrent")
        rows.append("| the same in process from 64 tasks, one envelope per submit call | \(concurrent.rate) tx/s | | |")
        let hello = try await Self.helloWorld(seconds: seconds)
        rows.append("| Hummingbird hello-world, `GET /`, 64 connections | \(hello.requests.rate) req/s | \(hello.p50) | \(hello.p99) |")
        let ledger = directory.path + "/served"
        let workload = try await BenchServeWorkload.make(into: ledger)
        let server = try ServeProcess(data: ledger)
        defer { server.stop() }
        var writes: [Int: Double] = [:]
        for connections in [1, 16, 64] {
            let file = directory.path + "/envelopes-\(connections).ndjson"
            try workload.donations(count: envelopes, tag: "c\(connections)", into: file)
            let before = try await server.journalSize()
            let cpu = server.cpuSeconds()
            let result = try Wrk.run(url: server.url + "/v1/transactions", connections: connections, seconds: seconds, script: Wrk.postScript, arguments: [file, "1"])
            let cores = (server.cpuSeconds() - cpu) / result.seconds
            let accepted = Double(try await server.journalSize() - before) / result.seconds
            writes[connections] = accepted
            rows.append("| signed writes, one envelope per request, \(connections) connection\(connections == 1 ? "" : "s") (server busy \(cores.ratio) cores of 2, wrk the rest) | \(accepted.rate) tx/s accepted (\(result.requests.rate) req/s) | \(result.p50) | \(result.p99) |")
        }
        let batches = directory.path + "/batches.ndjson"
        try workload.donations(count: envelopes * 4, tag: "batch", into: batches)
        let before = try await server.journalSize()
        let batched = try Wrk.run(url: server.url + "/v1/transactions", connections: 16, seconds: seconds, script: Wrk.postScript, arguments: [batches, "64"])
        let batchedRate = Double(try await server.journalSize() - before) / batched.seconds
        rows.append("| signed writes, batches of 64 (ndjson), 16 connections | \(batchedRate.rate) tx/s accepted (\(batched.requests.rate) batches/s) | \(batched.p50) | \(batched.p99) |")
        let balance = try Wrk.run(url: server.url + "/v1/accounts/fund:pool:CNY", connections: 64, seconds: seconds, script: nil, arguments: [])
        rows.append("| balance read, `GET /v1/accounts/fund:pool:CNY`, 64 connections | \(balance.requests.rate) req/s | \(balance.p50) | \(balance.p99) |")
        let need = try Wrk.run(url: server.url + "/v1/needs/bench-garden", connections: 64, seconds: seconds, script: nil, arguments: [])
        rows.append("| need read with its coverage, `GET /v1/needs/bench-garden`, 64 connections | \(need.requests.rate) req/s | \(need.p50) | \(need.p99) |")
        let rss = server.peakResidentMegabytes()
        let size = try await server.journalSize()
        rows.append("| server peak RSS after the runs above (\(size) journal entries) | \(rss) MB | | |")
        server.stop()
        if rssEntries > 0 {
            let large = directory.path + "/large"
            try await BenchServeWorkload.large(entries: rssEntries, into: large)
            let big = try ServeProcess(data: large)
            let reads = try Wrk.run(url: big.url + "/v1/accounts/fund:pool:CNY", connections: 64, seconds: seconds, script: nil, arguments: [])
            rows.append("| server peak RSS serving \(try await big.journalSize()) journal entries (after \(reads.requests.rate) balance reads/s) | \(big.peakResidentMegabytes()) MB | | |")
            big.stop()
        }
        rows.append("| openssl speed ed25519 verify, 1 core (`\(anchor.command)`) | \(anchor.verifiesPerSecond.rate) verify/s | | |")
        rows.append("| ratio: writes at 64 connections / ingest in process | \(((writes[64] ?? 0) / ingest).ratio)× | | |")
        rows.append("| ratio: writes at 64 connections / the same from 64 tasks in process | \(((writes[64] ?? 0) / concurrent).ratio)× | | |")
        rows.append("| ratio: writes at 16 / 1 connection | \(((writes[16] ?? 0) / max(writes[1] ?? 1, 1)).ratio)× | | |")
        rows.append("| ratio: balance reads / hello-world | \((balance.requests / hello.requests).ratio)× | | |")
        StandardOutput.write("| measure | rate | p50 | p99 |\n|---|---|---|---|\n" + rows.joined(separator: "\n"))
    }

    /// The hello-world anchor, served in this process while wrk loads it.
    static func helloWorld(seconds: Int) async throws -> Wrk.Result {
        let port = Mutex<Int>(0)
        let task = Task { try await HelloServer.run { bound in port.withLock { $0 = bound } } }
        defer { task.cancel() }
        while port.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        return try Wrk.run(url: "http://127.0.0.1:\(port.withLock { $0 })/", connections: 64, seconds: seconds, script: nil, arguments: [])
    }
}
