import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundService

/// `microfund bench report`: reports on generated ledgers of growing size,
/// each in a fresh process (cold), beside `ledger balance` (ledger-cli) and
/// `hledger balance` on the same ledger's hledger export, in one run.
struct BenchReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Words.say("Time the balance report and a period statement, cold, beside ledger-cli and hledger on the same ledger.", "冷启动测量资产负债表与期间收支表的耗时，对比 ledger-cli 与 hledger。"),
        discussion: """
            Ledgers are the ingest benchmark's workload (donations, with a payout motion and two \
            approvals in every 30 entries, one entry a second), built once into --work and reused. \
            Each figure is a fresh process under /usr/bin/time: wall seconds and peak RSS. The \
            period statement covers the middle twelfth of the ledger's time span.
            """
    )

    @Option(help: ArgumentHelp("Ledger sizes, comma separated.", valueName: "n,n"))
    var counts = "10000,100000,1000000"

    @Option(help: ArgumentHelp("Directory for the ledgers and exports.", valueName: "dir"))
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-bench-report").path

    @Flag(help: "Skip hledger (about 70 s and 8 GB at a million transactions).")
    var skipHledger = false

    func run() async throws {
        let sizes = counts.split(separator: ",").compactMap { Int($0) }
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...5_000_000).contains($0) }) else { throw ValidationError("--counts takes sizes from 1 to 5,000,000") }
        let me = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var rows: [String] = []
        for count in sizes {
            let data = "\(work)/ledger-\(count)"
            try await Self.build(count: count, into: data)
            let journal = "\(data)/ledger.hledger"
            let export = try Timed.run([me, "export", "hledger", "--data", data, "--out", journal])
            let (from, to) = try Self.middlePeriod(data)
            let balance = try Timed.run([me, "report", "balance", "--data", data, "--format", "json", "--out", "/dev/null"])
            let statement = try Timed.run([me, "report", "statement", "--data", data, "--from", from, "--to", to, "--format", "json", "--out", "/dev/null"])
            let trial = try Timed.run([me, "report", "trial", "--data", data, "--format", "json", "--out", "/dev/null"])
            let ledgerCLI = try Timed.run(["ledger", "-f", journal, "balance"])
            let hledger = skipHledger ? nil : try Timed.run(["hledger", "-f", journal, "balance"])
            rows.append("| \(count) | \(balance) | \(statement) (\(from) to \(to)) | \(trial) | \(ledgerCLI) | \(hledger.map(\.description) ?? "skipped") | \(Self.ratio(ledgerCLI, balance)) | \(export) |")
        }
        StandardOutput.write("""
            | transactions | report balance (cold: s, peak MiB) | report statement, a twelfth of the span | report trial | ledger balance (ledger-cli) | hledger balance | ledger-cli / report balance | export hledger |
            |---|---|---|---|---|---|---|---|
            \(rows.joined(separator: "\n"))
            """)
    }

    static func ratio(_ peer: Timed, _ ours: Timed) -> String {
        String(format: "%.0f×", peer.seconds / max(ours.seconds, 0.000_001))
    }

    /// Builds the workload's ledger once; an existing one is reused.
    static func build(count: Int, into data: String) async throws {
        let directory = DataDirectory(path: data)
        guard !directory.exists else { return }
        let workload = try BenchWorkload.donations(count: count)
        try await directory.create { staging in
            let ledger = try await Ledger.create(store: SQLiteStore.create(path: staging.databasePath), genesis: workload.setup[0], time: .authorTimes)
            for chunk in [Array(workload.setup.dropFirst())] + stride(from: 0, to: count, by: 65_536).map({ Array(workload.transactions[$0..<min($0 + 65_536, count)]) }) {
                if let error = await ledger.submit(chunk).compactMap(\.error).first { throw CommandFailure(.benchFailed, "a generated transaction was rejected: \(error)") }
            }
            try ledger.store.close()
        }
    }

    /// The dates of the middle twelfth of the ledger's span (YYYY-MM-DD).
    static func middlePeriod(_ data: String) throws -> (String, String) {
        let reader = try SQLiteStore.openForReading(path: DataDirectory(path: data).databasePath)
        let point = try ReportPoint(reader)
        let first = try point.time(of: 1).seconds, last = try point.time(of: point.size).seconds
        let span = last - first
        let start = Timestamp.fromEpoch(seconds: first + span * 11 / 24), end = Timestamp.fromEpoch(seconds: first + span * 13 / 24)
        return (start.text, end.text)
    }
}

/// A child process under /usr/bin/time: wall seconds and peak RSS.
struct Timed: CustomStringConvertible {
    let seconds: Double
    let mebibytes: Int

    var description: String { String(format: "%.3f s, %d MiB", seconds, mebibytes) }

    /// Wall time measured by bash's `$EPOCHREALTIME` just around the child
    /// (the spawning of this benchmark's own helper processes is not
    /// counted, for us or for the peers); peak RSS from /usr/bin/time's %M.
    static func run(_ arguments: [String]) throws -> Timed {
        let script = """
            S=$EPOCHREALTIME; /usr/bin/time -f 'MICROFUND-RSS %M' -o /dev/stdout --append "$@"; E=$EPOCHREALTIME
            echo "MICROFUND-WALL $S $E"
            """
        let output = try MatchAnchor.run(["bash", "-c", script, "timed"] + arguments)
        let lines = output.split(separator: "\n")
        guard let rss = lines.last(where: { $0.hasPrefix("MICROFUND-RSS ") }).flatMap({ Int($0.split(separator: " ")[1]) }),
              let wall = lines.last(where: { $0.hasPrefix("MICROFUND-WALL ") })?.split(separator: " "), wall.count == 3,
              let start = Double(wall[1]), let end = Double(wall[2])
        else { throw CommandFailure(.benchFailed, "no timing for \(arguments.first ?? "")") }
        return Timed(seconds: end - start, mebibytes: rss / 1024)
    }
}
