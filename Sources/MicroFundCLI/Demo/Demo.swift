import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore

/// `microfund demo`: a ledger built from `Fixtures/` in a fresh data
/// directory, its balances printed and verified.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a ledger from the Shanghai demo fixture in a fresh data directory and print its balances."
    )

    @Option(name: .long, help: ArgumentHelp("Data directory for the demo ledger (must not hold a ledger); defaults to a new temporary directory.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("The fixture file.", valueName: "file"))
    var fixture: String = Demo.defaultFixturePath

    /// `Fixtures/demo/shanghai-micro-renewal.json` under the working
    /// directory, or else in the source tree this binary was built from.
    static var defaultFixturePath: String {
        let relative = "Fixtures/demo/shanghai-micro-renewal.json"
        if FileManager.default.fileExists(atPath: relative) { return relative }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return sourceRoot.appendingPathComponent(relative).path
    }

    func run() throws {
        let fixture = try DemoFixture.load(self.fixture)
        let path = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("microfund-demo-\(UUID().uuidString.prefix(8))").path
        let directory = DataDirectory(path: path)
        let envelopes = try fixture.envelopes()
        try directory.create { staging in
            // Demo keys are derived from party ids; writing them lets a newcomer
            // go on with `microfund donate --key DIR/keys/community-fund.pem …`.
            for party in fixture.partyIDs + ["operator"] {
                try KeyFiles.write(DemoFixture.key(for: party), to: "\(staging.keysPath)/\(party).pem")
            }
            let ledger = try Ledger.create(store: SQLiteStore.create(path: staging.databasePath), genesis: envelopes[0], time: .authorTimes)
            if let failure = ledger.submit(Array(envelopes.dropFirst())).compactMap(\.error).first {
                throw CommandFailure(failure)
            }
            try ledger.store.close()
        }
        let reader = try directory.read()
        let state = try reader.loadState()
        StandardOutput.write("demo ledger at \(path): \(state.parties.count) parties, \(state.needs.count) needs, \(state.sequence) journal entries")
        StandardOutput.write(BalanceReport.table(state.accounts.sorted { $0.key < $1.key }, sequence: state.sequence, trialBalance: true))
        let report = try LedgerVerifier.verify(reader)
        guard report.isValid else { throw CommandFailure(.verifyFailed, report.failure!.description) }
        StandardOutput.write("verify: ok, \(report.entryCount) entries")
        let head = try JournalTree.head(of: reader)
        let checkpoint = try Checkpoint(origin: fixture.origin, size: head.size, rootHash: head.rootHash)
            .signed(by: DemoFixture.key(for: "operator"))
        StandardOutput.write("checkpoint, signed by the operator (verifier key \(try SignedNote.verifierKey(name: fixture.origin, key: DemoFixture.key(for: "operator").publicKey))):\n\(checkpoint)")
        StandardOutput.write("try: microfund balance --data \(path) --account fund:earmark:liaoyuan-garden:CNY")
    }
}
