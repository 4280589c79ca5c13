import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore

/// `microfund bench ingest`: decode + verify + apply + durable commit.
struct BenchIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: Words.say("Generate N signed donations and measure ingest (decode, verify, apply, durable commit) against openssl speed verify.", "生成 N 笔已签名捐赠，测量写入速度（解码、验签、应用、持久提交），对比 openssl speed verify。")
    )

    @Option(help: ArgumentHelp("Signed transactions to ingest.", valueName: "n"))
    var count = 50_000

    @Option(help: ArgumentHelp("Envelopes per submit call; default all in one call, which the ledger commits in groups of \(Ledger.batchCountMax) while checking the next group's signatures.", valueName: "n"))
    var batch: Int?

    @Option(name: .customLong("openssl-seconds"), help: ArgumentHelp("Seconds for the openssl speed anchor.", valueName: "s"))
    var opensslSeconds = 3

    @Option(name: .long, help: ArgumentHelp("Scratch directory (default: a new temporary one, removed afterwards).", valueName: "dir"))
    var data: String?

    func validate() throws {
        guard count >= 1, count <= 10_000_000 else { throw ValidationError("--count must be 1 to 10,000,000") }
        if let batch, batch < 1 { throw ValidationError("--batch must be at least 1") }
    }

    func run() async throws {
        let anchor = try OpenSSLSpeed.measure(seconds: opensslSeconds)
        let directory = try BenchDirectory(data)
        defer { directory.remove() }
        let workload = try BenchWorkload.donations(count: count)
        let ledger = try await Ledger.create(store: SQLiteStore.create(path: directory.databasePath), genesis: workload.setup[0], time: .authorTimes)
        let setup = await ledger.submit(Array(workload.setup.dropFirst()))
        guard setup.allSatisfy({ $0.error == nil }) else { throw CommandFailure(.benchFailed, "setup rejected: \(setup)") }
        let batch = self.batch ?? count
        let (outcomes, elapsed) = await Stopwatch.seconds {
            var outcomes: [SubmissionOutcome] = []
            for start in stride(from: 0, to: workload.transactions.count, by: batch) {
                outcomes += await ledger.submit(Array(workload.transactions[start..<min(start + batch, workload.transactions.count)]))
            }
            return outcomes
        }
        guard outcomes.allSatisfy({ $0.error == nil }) else {
            throw CommandFailure(.benchFailed, "a generated transaction was rejected: \(outcomes.first { $0.error != nil }!)")
        }
        let rate = Double(count) / elapsed
        StandardOutput.write("""
            | ingest (decode + verify + apply + durable commit), \(count) donations, \(batch) per submit call | \(rate.rate) tx/s |
            | openssl speed ed25519 verify, 1 core (`\(anchor.command)`) | \(anchor.verifiesPerSecond.rate) verify/s |
            | ratio ingest / openssl verify | \(( rate / anchor.verifiesPerSecond).ratio)× |
            """)
    }
}

/// Generated, realistic-shaped workloads for the benchmarks.
struct BenchWorkload {
    let setup: [[UInt8]]
    let transactions: [[UInt8]]

    /// Genesis, a fund manager (who also coordinates), 100 donors, three
    /// committee members, one need approved by motion; then `count`
    /// entries: donations by the manager alternating between the pool and
    /// the need's earmark, with, in every 30, a ¥1 payout from the pool
    /// proposed by the manager and carried by two members' approvals (a
    /// ledger's governance mixed into its flow). Signed on all cores.
    /// Genesis, the fund manager (also coordinator) and 100 donors: the
    /// parties every bench ledger starts with.
    static func parties(origin: String, time: Timestamp, admin: Ed25519PrivateKey, manager: Ed25519PrivateKey) throws -> [[UInt8]] {
        var setup = [try EnvelopeDraft.genesis(
            id: "genesis", timestamp: time, origin: origin,
            admin: PartyDraft(id: "admin", kind: .committee, name: "Bench Committee", publicKey: admin.publicKey),
            operatorKey: try Ed25519PrivateKey().publicKey
        ).signed(by: [admin])]
        setup.append(try EnvelopeDraft.registerParty(ledger: origin, id: "reg-manager", author: "admin", timestamp: time, party: PartyDraft(
            id: "manager", kind: .socialOrganisation, name: "Bench Fund", publicKey: manager.publicKey, roles: [.fundManager, .coordinator]
        )).signed(by: [admin]))
        for donor in 0..<100 {
            setup.append(try EnvelopeDraft.registerParty(ledger: origin, id: "reg-donor-\(donor)", author: "admin", timestamp: time, party: PartyDraft(
                id: "donor-\(donor)", kind: .enterprise, name: "Donor \(donor)", publicKey: try Ed25519PrivateKey().publicKey
            )).signed(by: [admin]))
        }
        return setup
    }

    static func donations(count: Int) throws -> BenchWorkload {
        let admin = try Ed25519PrivateKey()
        let manager = try Ed25519PrivateKey()
        let members = try (0..<3).map { _ in try Ed25519PrivateKey() }
        let time = Timestamp("2026-05-01T08:00:00Z")!
        let origin = "bench.microfund.example/ingest"
        var setup = try parties(origin: origin, time: time, admin: admin, manager: manager)
        for (index, key) in members.enumerated() {
            setup.append(try EnvelopeDraft.registerParty(ledger: origin, id: "reg-member-\(index)", author: "admin", timestamp: time, party: PartyDraft(
                id: "member-\(index)", kind: .resident, name: "Member \(index)", publicKey: key.publicKey, roles: [.committeeMember]
            )).signed(by: [admin]))
        }
        setup.append(try EnvelopeDraft.createNeed(ledger: origin, id: "need", author: "manager", timestamp: time, need: "bench-garden", title: "Bench garden", coordinator: "manager", requirements: [.cny: 100_000_000]).signed(by: [manager]))
        setup.append(try EnvelopeDraft.proposeMotion(ledger: origin, id: "approve", author: "manager", timestamp: time, action: .advance(need: "bench-garden", to: .approved)).signed(by: [manager]))
        for member in 0..<2 {
            setup.append(try EnvelopeDraft.motionVote(.motionApprove, ledger: origin, id: "approve-\(member)", author: "member-\(member)", timestamp: time, motion: "approve").signed(by: [members[member]]))
        }
        let signed = Preverifier.map(count) { index in
            let at = Timestamp.fromEpoch(seconds: time.seconds + Int64(index))
            switch index % 30 {
            case 27:
                return try? EnvelopeDraft.proposeMotion(ledger: origin, id: "pay-\(index)", author: "manager", timestamp: at, action: .disburse(need: "bench-garden", payee: "donor-\(index % 100)", amount: 100, from: .pool(.cny))).signed(by: [manager])
            case 28, 29:
                let member = index % 30 - 28
                return try? EnvelopeDraft.motionVote(.motionApprove, ledger: origin, id: "pay-\(index - 1 - member)-\(member)", author: "member-\(member)", timestamp: at, motion: "pay-\(index - 1 - member)").signed(by: [members[member]])
            default:
                return try? EnvelopeDraft.recordDonation(
                    ledger: origin, id: "donation-\(index)", author: "manager", timestamp: at,
                    donor: "donor-\(index % 100)", amount: Int64(100 + index % 50_000),
                    to: index % 2 == 0 ? .pool(.cny) : .earmark(need: "bench-garden", .cny)
                ).signed(by: [manager])
            }
        }
        return BenchWorkload(setup: setup, transactions: try signed.map { try $0 ?? { throw CommandFailure(.benchFailed, "signing failed") }() })
    }
}
