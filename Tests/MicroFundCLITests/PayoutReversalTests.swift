import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundTestSupport
import Testing

extension ReplayTests {
    /// A payout paid in error, reversed from the command line by a
    /// committee motion: refused through `reverse --entry` with the command
    /// that does it, refused for a motion that paid nothing (the journal
    /// unchanged), then proposed, approved and carried out; the independent
    /// replay reaches the same state and the reference checker agrees with
    /// the statement, which counts the return among the corrections.
    /// Catches a reversal that returns the wrong shares, a statement that
    /// loses its identity, a replay that disagrees, or a refusal that writes.
    @Test("a payout reversed by motion from the command line: replayed, verified, counted apart")
    func payoutReversal() async throws {
        let scratch = try Scratch()
        let s = try Scenario()
        let members = try Scenario.committeeKeys()
        let earmark = AccountPath.earmark(need: s.need, .cny)
        func vote(_ id: String, _ motion: String, _ member: Int, _ minutes: Int64) throws -> [UInt8] {
            try s.vote(.motionApprove, id, on: motion, member: member, keys: members, at: minutes)
        }
        func propose(_ id: String, _ action: Motion.Action, _ minutes: Int64) throws -> [UInt8] {
            try s.propose(id, action, at: minutes)
        }
        let history = try s.registerCommittee(members) + [
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "g1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1_000_000, to: earmark).signed(by: [s.manager]),
            try propose("approve", .advance(need: s.need, to: .approved), 2), try vote("a1", "approve", 1, 3), try vote("a2", "approve", 2, 3),
            try propose("pay1", .disburse(need: s.need, payee: "resident-wang", amount: 400_000, from: earmark), 4), try vote("p1a", "pay1", 1, 5), try vote("p1b", "pay1", 2, 5),
        ]
        let (data, _) = try await scenarioLedger(scratch, extra: history)
        let paidAt = try #require(try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState().motions["pay1"]?.settledAt)
        let hub = try keyFile(s.coordinator, "hub", in: scratch), manager = try keyFile(s.manager, "manager", in: scratch)
        let journal = { try microfund("journal", "export", "--data", data).stdout }
        let before = try journal()

        let direct = try microfund("reverse", "--data", data, "--key", manager, "--entry", "\(paidAt)", "--reason", "sent twice")
        #expect(direct.status == 1 && direct.stderr.contains("error[not_reversible]") && direct.stderr.contains("microfund reverse --payout pay1"), "\(direct.stderr)")
        let unpaid = try microfund("reverse", "--data", data, "--key", hub, "--payout", "approve", "--reason", "x")
        #expect(unpaid.status == 1 && unpaid.stderr.contains("not_reversible"), "\(unpaid.stderr)")
        #expect(try journal() == before, "a refusal wrote to the journal")

        let proposed = try microfund("reverse", "--data", data, "--key", hub, "--payout", "pay1", "--reason", "the bank returned the transfer", "--envelope-id", "undo-pay1")
        #expect(proposed.status == 0 && proposed.stdout.contains("reverse the payout of motion pay1"), "\(proposed.stdout)\(proposed.stderr)")
        for member in 1...2 {
            let key = try keyFile(members[member - 1], "m\(member)", in: scratch)
            let approved = try microfund("motion", "approve", "--data", data, "--key", key, "--motion", "undo-pay1")
            #expect(approved.status == 0, "\(approved.stderr)")
            if member == 2 { #expect(approved.stdout.contains("returned to fund:earmark:\(s.need):CNY") && approved.stdout.contains("entry \(paidAt) is marked reversed"), "\(approved.stdout)") }
        }
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        #expect(state.reversals[paidAt]?.reason == "the bank returned the transfer")
        #expect(state.accounts[earmark].map { $0.creditsPosted - $0.debitsPosted } == 1_000_000)
        #expect(state.accounts[.paid("resident-wang", .cny)].map { $0.creditsPosted - $0.debitsPosted } == 0)
        #expect(try microfund("verify", "--data", data).status == 0)
        try agree(data: data, scratch: scratch)

        let statement = try microfund("report", "statement", "--data", data, "--format", "json", "--out", scratch.file("statement.json"))
        #expect(statement.status == 0, "\(statement.stderr)")
        let exported = scratch.file("journal.jsonl")
        try journal().write(toFile: exported, atomically: true, encoding: .utf8)
        let check = try tool("python3", ReplayTests.root.appendingPathComponent("Fixtures/reference/report_check.py").path, exported, scratch.file("statement.json"))
        #expect(check.status == 0, "\(check.stdout)")
        // ¥3,800 went to the payee and came back: out, then a correction.
        let text = try microfund("report", "statement", "--data", data).stdout
        #expect(text.contains("¥3,800.00") && text.contains("the bank returned the transfer"), "\(text)")
        // The accountants' export says what the reversal undid, and hledger reads it.
        let books = scratch.file("books.journal")
        #expect(try microfund("export", "hledger", "--data", data, "--out", books).status == 0)
        #expect(try String(contentsOfFile: books, encoding: .utf8).contains("| reverses the payout of motion pay1: the bank returned the transfer  ; entry: \(paidAt + 3)"))
        #expect(try tool("hledger", "-f", books, "balance").status == 0)
        let shown = try microfund("motion", "show", "--data", data, "--motion", "pay1").stdout
        #expect(shown.contains("reversed by entry"), "\(shown)")
        // Coverage: paid out ¥3,800 at the payout's entry, nothing after its
        // reversal; the money back in the earmark is not a new gift.
        #expect(try coverage(data, asset: "CNY", at: paidAt) == [1_000_000, 380_000])
        #expect(try coverage(data, asset: "CNY") == [1_000_000, 0])
        let again = try microfund("reverse", "--data", data, "--key", hub, "--payout", "pay1", "--reason", "again")
        #expect(again.status == 1 && again.stderr.contains("already_reversed"), "\(again.stderr)")
    }

    /// The demo's fixture with a payout reversed at its end: the fixture
    /// reader scripts `payout.reverse`, the ledger verifies and the
    /// independent replay agrees. Catches a fixture type left unread.
    @Test("the demo fixture scripts a payout's reversal; the replay agrees")
    func fixtureReversal() throws {
        let scratch = try Scratch()
        let source = ReplayTests.root.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json")
        var fixture = try #require(try JSONParser.parse(Array(Data(contentsOf: source))).objectValue)
        var transactions = try #require(fixture["transactions"]?.arrayValue)
        transactions.append(.object(["at": .string("2026-06-24T02:00:00Z"), "kind": .string("motion.propose"), "id": .string("undo-seedlings"), "author": .string("garden-hub"),
                                     "type": .string("payout.reverse"), "need": .string("liaoyuan-garden"), "motion": .string("motion-liaoyuan-seedlings"), "reason": .string("退回 returned")]))
        for (index, member) in ["member-li", "member-chen"].enumerated() {
            transactions.append(.object(["at": .string("2026-06-24T0\(3 + index):00:00Z"), "kind": .string("motion.approve"), "id": .string("undo-\(member)"),
                                         "author": .string(member), "motion": .string("undo-seedlings")]))
        }
        fixture["transactions"] = .array(transactions)
        let file = scratch.file("fixture.json")
        try Data(try CanonicalJSON.encode(.object(fixture))).write(to: URL(fileURLWithPath: file))
        let data = scratch.file("demo")
        let demo = try microfund("demo", "--fixture", file, "--data", data)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(try microfund("motion", "show", "--data", data, "--motion", "motion-liaoyuan-seedlings").stdout.contains("reversed by entry"))
        #expect(try microfund("verify", "--data", data).status == 0)
        try agree(data: data, scratch: scratch)
    }

    /// The garden's delivered and paid-out amounts (minor units) for one
    /// asset, from `report coverage --format json`.
    func coverage(_ data: String, asset: String, at point: UInt64? = nil) throws -> [Int64] {
        let run = try microfund(["report", "coverage", "--data", data, "--format", "json"] + (point.map { ["--at", "\($0)"] } ?? []))
        let report = try JSONParser.parse(Array(run.stdout.utf8))
        let rows = report.objectValue?["sections"]?.arrayValue?.first?.objectValue?["rows"]?.arrayValue ?? []
        guard let row = rows.compactMap(\.arrayValue).first(where: { $0[2].stringValue == asset }) else { return [] }
        return [row[5], row[6]].map { cell in
            if case .number(let n)? = cell.objectValue?["amount"], let value = n.int64 { value } else { -1 }
        }
    }
}
