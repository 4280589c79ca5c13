import Foundation
import MicroFundClient
import MicroFundCrypto
import MicroFundLedger
import MicroFundService
import MicroFundSQLite
import MicroFundStore

/// The served bench ledger: a fund manager, 100 donors and a need, with
/// donations signed for it at this machine's time (the server accepts
/// envelopes within 5 minutes of its clock, docs/protocol.md §6.1).
struct BenchServeWorkload {
    static let origin = "bench.microfund.example/serve"
    let manager: Ed25519PrivateKey

    /// Makes the ledger in `path` (a data directory `microfund serve` opens).
    static func make(into path: String) async throws -> BenchServeWorkload {
        let admin = try Ed25519PrivateKey(), manager = try Ed25519PrivateKey()
        let time = Timestamp.fromEpoch(seconds: WallClock.now.seconds - 3_600)
        var setup = try BenchWorkload.parties(origin: origin, time: time, admin: admin, manager: manager)
        setup.append(try EnvelopeDraft.createNeed(ledger: origin, id: "need", author: "manager", timestamp: time, need: "bench-garden", title: "Bench garden",
                                                  coordinator: "manager", requirements: [.cny: 100_000_000]).signed(by: [manager]))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let ledger = try await Ledger.create(store: SQLiteStore.create(path: path + "/" + SQLiteStore.fileName), genesis: setup[0], time: WallClock.acceptanceTime)
        if let error = await ledger.submit(Array(setup.dropFirst())).compactMap(\.error).first {
            throw CommandFailure(.benchFailed, "the bench setup was rejected: \(error)")
        }
        try ledger.store.close()
        return BenchServeWorkload(manager: manager)
    }

    /// `count` signed donations, one canonical envelope per line, in `file`.
    func donations(count: Int, tag: String, into file: String) throws {
        let lines = try signed(count, tag: tag).map { String(decoding: $0, as: UTF8.self) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
    }

    /// Donations `tag-start` … signed on all cores, dated just now.
    func signed(_ count: Int, tag: String, from start: Int = 0) throws -> [[UInt8]] {
        let time = Timestamp.fromEpoch(seconds: WallClock.now.seconds - 30)
        let manager = self.manager
        let signed = Preverifier.map(count) { offset in
            let index = start + offset
            return try? EnvelopeDraft.recordDonation(
                ledger: Self.origin, id: "\(tag)-\(index)", author: "manager", timestamp: time,
                donor: "donor-\(index % 100)", amount: Int64(100 + index % 50_000), to: index % 2 == 0 ? .pool(.cny) : .earmark(need: "bench-garden", .cny)
            ).signed(by: [manager])
        }
        return try signed.map { try $0 ?? { throw CommandFailure(.benchFailed, "signing failed") }() }
    }

    /// Donations per second through `Ledger.submit` in this process: the
    /// write path with no HTTP in front (`bench ingest`'s figure).
    static func ingestRate(count: Int, in path: String) async throws -> Double {
        let workload = try BenchWorkload.donations(count: count)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let ledger = try await Ledger.create(store: SQLiteStore.create(path: path + "/" + SQLiteStore.fileName), genesis: workload.setup[0], time: .authorTimes)
        _ = await ledger.submit(Array(workload.setup.dropFirst()))
        let (outcomes, elapsed) = await Stopwatch.seconds { await ledger.submit(workload.transactions) }
        guard outcomes.allSatisfy({ $0.error == nil }) else { throw CommandFailure(.benchFailed, "an ingest transaction was rejected") }
        try ledger.store.close()
        return Double(count) / elapsed
    }

    /// Donations per second through `Ledger.submit` in this process from
    /// `tasks` concurrent callers, one envelope per call, on a ledger and
    /// with donations like the served ones: the server's write pattern with
    /// no HTTP in front, so the gap to `ingestRate` is what small groups
    /// cost and the gap to the server is what HTTP costs.
    static func concurrentIngestRate(count: Int, tasks: Int, in path: String) async throws -> Double {
        let workload = try await make(into: path)
        let ledger = try Ledger(store: SQLiteStore.open(path: path + "/" + SQLiteStore.fileName), time: WallClock.acceptanceTime)
        let transactions = try workload.signed(count, tag: "concurrent")
        let (rejected, elapsed) = await Stopwatch.seconds {
            await withTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var rejected = 0
                        for index in stride(from: task, to: transactions.count, by: tasks) where await ledger.submit(transactions[index]).error != nil {
                            rejected += 1
                        }
                        return rejected
                    }
                }
                return await group.reduce(0, +)
            }
        }
        try ledger.store.close()
        guard rejected == 0 else { throw CommandFailure(.benchFailed, "\(rejected) concurrent ingest transactions were rejected") }
        return Double(count) / elapsed
    }

    /// A ledger of `entries` donations (and its setup), built in process.
    static func large(entries: Int, into path: String) async throws {
        let workload = try await make(into: path)
        let ledger = try Ledger(store: SQLiteStore.open(path: path + "/" + SQLiteStore.fileName), time: WallClock.acceptanceTime)
        var done = 0
        while done < entries {
            let chunk = min(65_536, entries - done)
            let envelopes = try workload.signed(chunk, tag: "large", from: done)
            if let error = await ledger.submit(envelopes).compactMap(\.error).first { throw CommandFailure(.benchFailed, "a large-ledger donation was rejected: \(error)") }
            done += chunk
        }
        try ledger.store.close()
    }
}

/// `microfund serve` as a child process on a free port.
final class ServeProcess {
    let process = Process()
    let url: String

    init(data: String) throws {
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = ["serve", "--data", data, "--port", "0", "--queue-max", "1000000"]
        var environment = ProcessInfo.processInfo.environment
        environment["MICROFUND_LOG_LEVEL"] = "warning"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw CommandFailure(.benchFailed, "microfund serve exited before listening") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "listening on ") else { throw CommandFailure(.benchFailed, "microfund serve said \(text)") }
        url = String(text[range.upperBound...].prefix { $0 != "\n" })
    }

    func journalSize() async throws -> UInt64 {
        let answer = try await RemoteLedger(url).fetch("/healthz")
        guard case .number(let size)? = try JSONParser.parse(answer.body).objectValue?["size"], let value = size.int64 else {
            throw CommandFailure(.benchFailed, "healthz said \(answer.text)")
        }
        return UInt64(value)
    }

    /// CPU seconds the server has used so far (user + system).
    func cpuSeconds() -> Double {
        let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
        // Fields after the command name (which may hold spaces) in parentheses.
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The server's peak resident set (VmHWM), in MB.
    func peakResidentMegabytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1_024
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

/// wrk over loopback: its requests per second and latency percentiles.
enum Wrk {
    struct Result {
        let requests: Double
        let seconds: Double
        let p50: String
        let p99: String
    }

    /// Posts lines of `arguments[0]`, `arguments[1]` per request (1: one
    /// envelope as JSON; more: an ndjson batch), each thread its own share,
    /// none twice.
    static let postScript = """
        local started = 0
        function setup(thread)
          thread:set("id", started)
          started = started + 1
        end
        function init(args)
          local file, per = args[1], tonumber(args[2])
          lines = {}
          local i = 0
          for line in io.lines(file) do
            if (i % nthreads) == id then table.insert(lines, line) end
            i = i + 1
          end
          batch = per
          position = 0
        end
        function request()
          local parts = {}
          for k = 1, batch do
            position = position + 1
            parts[k] = lines[((position - 1) % #lines) + 1]
          end
          local body = table.concat(parts, "\\n")
          local kind = batch == 1 and "application/json" or "application/x-ndjson"
          return wrk.format("POST", nil, {["Content-Type"] = kind}, body)
        end
        """

    static func run(url: String, connections: Int, seconds: Int, script: String?, arguments: [String]) throws -> Result {
        let threads = min(2, connections)
        var wrkArguments = ["-t", String(threads), "-c", String(connections), "-d", "\(seconds)s", "--latency"]
        var scriptFile: String?
        if let script {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-wrk-\(UUID().uuidString.prefix(8)).lua").path
            try Data(("nthreads = \(threads)\n" + script).utf8).write(to: URL(fileURLWithPath: path))
            scriptFile = path
            wrkArguments += ["-s", path]
        }
        defer { if let scriptFile { try? FileManager.default.removeItem(atPath: scriptFile) } }
        wrkArguments.append(url)
        if !arguments.isEmpty { wrkArguments += ["--"] + arguments }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = wrkArguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        func after(_ label: String) -> String? {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
                .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
        }
        guard let rate = after("Requests/sec:").flatMap(Double.init), let p50 = after("50%"), let p99 = after("99%") else {
            throw CommandFailure(.benchFailed, "wrk said: \(text)")
        }
        return Result(requests: rate, seconds: Double(seconds), p50: p50, p99: p99)
    }
}
