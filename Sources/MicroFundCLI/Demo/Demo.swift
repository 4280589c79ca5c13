import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundService
import MicroFundReports
import MicroFundMatching
import MicroFundSQLite
import MicroFundStore

/// `microfund demo`: a ledger built from `Fixtures/` in a fresh data
/// directory, its balances printed and verified.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Build a ledger from the Shanghai demo fixture in a fresh data directory and print its balances.", "用上海示例数据在新数据目录中建账并打印余额。")
    )

    @Option(name: .long, help: ArgumentHelp("Data directory for the demo ledger (must not hold a ledger); defaults to a new temporary directory.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("The fixture file.", valueName: "file"))
    var fixture: String = Demo.defaultFixturePath

    @Option(help: ArgumentHelp("Also write every report in every format, and the hledger and beancount exports, into this directory (Reports/demo holds a copy).", valueName: "dir"))
    var reports: String?

    /// `Fixtures/demo/shanghai-micro-renewal.json`, found from any
    /// working directory (`RepositoryFiles`).
    static var defaultFixturePath: String {
        RepositoryFiles.resolve("Fixtures/demo/shanghai-micro-renewal.json")
    }

    func run() async throws {
        let fixture = try DemoFixture.load(RepositoryFiles.resolve(self.fixture))
        let path = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("microfund-demo-\(UUID().uuidString.prefix(8))").path
        // Without --data the demo leaves nothing behind.
        defer { if data == nil { try? FileManager.default.removeItem(atPath: path) } }
        let directory = DataDirectory(path: path)
        let steps = try fixture.steps()
        var story: [String] = []
        try await directory.create { staging in
            // Demo keys are derived from party ids; writing them lets a newcomer
            // go on with `microfund donate --key DIR/keys/community-fund.pem …`.
            for party in fixture.partyIDs + ["operator"] {
                try KeyFiles.write(DemoFixture.key(for: party), to: "\(staging.keysPath)/\(party).pem")
            }
            let ledger = try await Ledger.create(store: SQLiteStore.create(path: staging.databasePath), genesis: steps[0].envelope, time: .authorTimes)
            story = try await Demo.replay(steps.dropFirst(), into: ledger)
            story += try await Demo.matchAndAccept(ledger, origin: fixture.origin)
            try ledger.store.close()
        }
        let reader = try directory.read()
        let state = try reader.loadState()
        StandardOutput.write("demo ledger at \(path): \(state.parties.count) parties, \(state.needs.count) needs, \(state.sequence) journal entries")
        StandardOutput.write("the committee at work:\n" + story.joined(separator: "\n"))
        StandardOutput.write(AccountBalances.table(state.accounts.sorted { $0.key < $1.key }, sequence: state.sequence, trialBalance: true))
        let report = try LedgerVerifier.verify(reader)
        guard report.isValid else { throw CommandFailure(.verifyFailed, report.failure!.description) }
        StandardOutput.write("verify: ok, \(report.entryCount) entries")
        let head = try JournalTree.head(of: reader)
        let checkpoint = try Checkpoint(origin: fixture.origin, size: head.size, rootHash: head.rootHash)
            .signed(by: DemoFixture.key(for: "operator"))
        StandardOutput.write("checkpoint, signed by the operator (verifier key \(try SignedNote.verifierKey(name: fixture.origin, key: DemoFixture.key(for: "operator").publicKey))):\n\(checkpoint)")
        if let reports {
            let written = try DemoReports.write(reader: reader, state: state, into: reports)
            StandardOutput.write("reports: \(written) files in \(reports)")
        }
        StandardOutput.write(data == nil
            ? "the demo ledger was temporary and is gone; to keep it: microfund demo --data DIR, then microfund balance --data DIR"
            : "try: microfund balance --data \(path) --account fund:earmark:liaoyuan-garden:CNY")
    }

    /// The matching chapter: the matcher's plan over the open needs and
    /// live offers, told in plain words, then every party with a proposal
    /// accepting it as signed pledges (a day after the last offer, with ids
    /// made from offer and line, so the demo journal is the same every run).
    static func matchAndAccept(_ ledger: Ledger, origin: String) async throws -> [String] {
        let state = ledger.snapshot
        let problem = LedgerProblem(state, now: state.time ?? DemoFixture.setupTime)
        let plan = try Matcher.match(problem.problem)
        guard !plan.allocations.isEmpty else { return [] }
        var story = ["the matcher proposes, for the needs that are open:"]
        story += PlanText.render(plan, names: state).split(separator: "\n").map { "  " + $0 }
        let time = Timestamp.fromEpoch(seconds: (state.time?.seconds ?? 0) + 86_400)
        var signed: [[UInt8]] = []
        for party in Set(plan.allocations.map(\.party)).sorted() {
            let drafts = Acceptance.drafts(problem: problem, plan: plan, party: party, origin: origin, time: time) { allocation in
                "demo-match-\(allocation.offerId)-\(allocation.lineId.replacingOccurrences(of: "/", with: "-"))"
            }
            signed += try drafts.map { try $0.signed(by: [DemoFixture.key(for: party)]) }
        }
        story.append("each party accepts its part as signed pledges:")
        for (bytes, outcome) in zip(signed, await ledger.submit(signed)) {
            guard case .accepted(let sequence, _) = outcome else { throw CommandFailure(outcome.error ?? LedgerError(.storeFailure, "not accepted")) }
            story.append(Acknowledgement.line(try Envelope.decode(bytes), sequence: sequence, duplicate: false, state: ledger.snapshot, language: Words.language))
        }
        return story
    }

    /// Submits the history: runs of ordinary steps as one batch each, and
    /// each governance step on its own, telling in plain words what it did
    /// (a step meant to be refused must get its code). Returns that story.
    static func replay(_ steps: ArraySlice<DemoFixture.Step>, into ledger: Ledger) async throws -> [String] {
        var story: [String] = []
        var pending: [[UInt8]] = []
        func flush() async throws {
            guard !pending.isEmpty else { return }
            if let error = await ledger.submit(pending).compactMap(\.error).first { throw CommandFailure(error) }
            pending.removeAll()
        }
        for step in steps {
            let envelope = try Envelope.decode(step.envelope)
            let told: Bool
            switch envelope.kind {
            case .motionPropose, .motionApprove, .motionReject, .motionWithdraw, .needVoice, .tick, .entryReverse: told = true
            case .genesis, .partyRegister, .partyUpdate, .keyRotate, .keyRevoke, .needCreate, .donationRecord, .donationRefund,
                 .offerPublish, .offerWithdraw, .pledgeMake, .pledgeConfirm, .pledgeCancel: told = false
            }
            guard told || step.expectedRefusal != nil else {
                pending.append(step.envelope)
                continue
            }
            try await flush()
            let outcome = await ledger.submit(step.envelope)
            if let expected = step.expectedRefusal {
                guard let error = outcome.error, error.code.rawValue == expected else {
                    throw CommandFailure(.invalidFixture, "a demo step meant to be refused with \(expected) got \(outcome)")
                }
                story.append("refused, as the rules require: \(CommandFailure(error).description)")
            } else if case .accepted(let sequence, _) = outcome {
                story.append(Acknowledgement.line(envelope, sequence: sequence, duplicate: false, state: ledger.snapshot, language: Words.language))
            } else if let error = outcome.error {
                throw CommandFailure(error)
            }
        }
        try await flush()
        return story
    }
}
