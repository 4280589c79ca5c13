import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore

/// `microfund bench verify`: the full `verify` over a generated journal.
struct BenchVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: Words.say("Generate a journal of N signed donations, then time `verify` (every signature, rule, leaf, node and balance) against openssl speed verify.", "生成含 N 笔已签名捐赠的日志，测量 `verify` 耗时，对比 openssl speed verify。")
    )

    @Option(help: ArgumentHelp("Journal entries to generate.", valueName: "n"))
    var count = 100_000

    @Option(name: .customLong("openssl-seconds"), help: ArgumentHelp("Seconds for the openssl speed anchor.", valueName: "s"))
    var opensslSeconds = 3

    @Option(name: .long, help: ArgumentHelp("Keep the generated ledger here (default: a temporary directory, removed afterwards).", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("Rounds of anchors then verify; the median ratio is the result.", valueName: "n"))
    var rounds = 3

    func validate() throws {
        guard count >= 1, count <= 10_000_000 else { throw ValidationError("--count must be 1 to 10,000,000") }
        guard rounds >= 1, rounds <= 20 else { throw ValidationError("--rounds must be 1 to 20") }
    }

    func run() async throws {
        let directory = try BenchDirectory(data)
        defer { directory.remove() }
        try await generate(at: directory.databasePath)
        // Verify as an auditor would: a fresh process view of a closed ledger,
        // its write-ahead log checkpointed into the database file.
        let store = try SQLiteStore.open(path: directory.databasePath).snapshot()
        // The machine's speed drifts from minute to minute, and a shared host
        // may give the second core less than the first. Each round brackets
        // its verify with one-core openssl runs and takes their mean as the
        // anchor, measures all cores with openssl beside it for the ceiling,
        // and the median round is the result.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var ratios: [Double] = []
        var shares: [Double] = []
        var lines: [String] = []
        var entryCount: UInt64 = 0
        for round in 1...rounds {
            let before = try OpenSSLSpeed.measure(seconds: opensslSeconds)
            let all = try OpenSSLSpeed.measure(seconds: opensslSeconds, processes: cores)
            let (report, elapsed) = try Stopwatch.seconds { try LedgerVerifier.verify(store) }
            let after = try OpenSSLSpeed.measure(seconds: opensslSeconds)
            guard report.isValid else { throw CommandFailure(.benchFailed, report.failure!.description) }
            entryCount = report.entryCount
            let rate = Double(report.entryCount) / elapsed
            ratios.append(rate / ((before.verifiesPerSecond + after.verifiesPerSecond) / 2))
            shares.append(rate / all.verifiesPerSecond)
            lines.append("| \(round) | \(rate.rate) | \(before.verifiesPerSecond.rate) / \(after.verifiesPerSecond.rate) | \(all.verifiesPerSecond.rate) | \(ratios.last!.ratio)× | \(shares.last!.ratio) |")
        }
        lines.insert(contentsOf: [
            "verify: parse + canonical check + signature + replay + Merkle leaf and node check + state compare, \(entryCount) entries, \(cores) cores.",
            "Anchor: the mean of `openssl speed -seconds \(opensslSeconds) ed25519` (1 core) just before and just after each verify; ceiling: `openssl speed -seconds \(opensslSeconds) -multi \(cores) ed25519`.",
            "",
            "| round | verify, entries/s | openssl 1 core before / after, verify/s | openssl \(cores) processes, verify/s | verify / 1 core | verify / all cores |",
            "|---|---|---|---|---|---|",
        ], at: 0)
        lines.append("| median of \(rounds) | | | | \(Self.median(ratios).ratio)× | \(Self.median(shares).ratio) |")
        StandardOutput.write(lines.joined(separator: "\n") + "\n")
    }
}

extension BenchVerify {
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }

    /// Writes the journal unless the directory already holds one; the store
    /// is closed on return, which checkpoints its write-ahead log.
    private func generate(at databasePath: String) async throws {
        guard !FileManager.default.fileExists(atPath: databasePath) else { return }
        let workload = try BenchWorkload.donations(count: count)
        let ledger = try await Ledger.create(store: SQLiteStore.create(path: databasePath), genesis: workload.setup[0], time: .authorTimes)
        defer { try? ledger.store.close() }
        guard await ledger.submit(workload.setup.dropFirst() + workload.transactions).allSatisfy({ $0.error == nil }) else {
            throw CommandFailure(.benchFailed, "the generated journal was rejected")
        }
    }
}

/// `microfund bench proof`: inclusion and consistency proofs from stored nodes.
struct BenchProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: Words.say("Store the Merkle tree of N leaves, then time inclusion and consistency proofs served from it.", "存储 N 个叶子的默克尔树，测量包含证明与一致性证明的耗时。")
    )

    @Option(help: ArgumentHelp("Leaves in the tree.", valueName: "n"))
    var leaves = 1_000_000

    @Option(help: ArgumentHelp("Proofs of each kind to make.", valueName: "n"))
    var proofs = 20_000

    func run() throws {
        let directory = try BenchDirectory(nil)
        defer { directory.remove() }
        let store = try SQLiteStore.create(path: directory.databasePath)
        let hasher = try SHA256()
        var tree = MerkleFrontier()
        var nodes: [MerkleFrontier.Node] = []
        // Proofs read only tree nodes, so synthetic leaves stand in for entries.
        for index in 0..<UInt64(leaves) {
            withUnsafeBytes(of: index.bigEndian) { bytes in
                nodes += (try? tree.append(leafHash: hasher.hash(Array(bytes)), using: hasher)) ?? []
            }
            if nodes.count >= 100_000 {
                try store.appendTreeNodes(nodes)
                nodes.removeAll(keepingCapacity: true)
            }
        }
        try store.appendTreeNodes(nodes)
        let size = UInt64(leaves)
        let root = try tree.root(using: hasher)
        var generator = SystemRandomNumberGenerator()
        let indexes = (0..<proofs).map { _ in UInt64.random(in: 0..<size, using: &generator) }
        let (inclusion, inclusionElapsed) = try Stopwatch.seconds {
            try indexes.map { try JournalTree.inclusionProof(sequence: $0 + 1, size: size, store: store) }
        }
        let (_, consistencyElapsed) = try Stopwatch.seconds {
            for index in indexes { _ = try JournalTree.consistencyProof(from: index + 1, to: size, store: store) }
        }
        let leaf = withUnsafeBytes(of: indexes[0].bigEndian) { (try? hasher.hash(Array($0))) ?? [] }
        guard Merkle.verifyInclusion(leafHash: leaf, index: indexes[0], size: size, proof: inclusion[0], root: root) else {
            throw CommandFailure(.benchFailed, "a generated proof does not verify")
        }
        StandardOutput.write("""
            | inclusion proofs at \(leaves) leaves, random leaves, 1 thread | \((Double(proofs) / inclusionElapsed).rate) proofs/s |
            | consistency proofs to \(leaves) leaves, random old sizes, 1 thread | \((Double(proofs) / consistencyElapsed).rate) proofs/s |
            """)
    }
}
