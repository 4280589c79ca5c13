import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// The independent Python replay (Fixtures/reference/replay.py) reaches
/// the same state as MicroFund from the same exported journal.
@Suite("An independent replay of whole governance histories agrees")
struct ReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The summary replay.py prints, made from MicroFund's own state.
    private func summary(_ state: LedgerState) throws -> [UInt8] {
        var accounts = JSONObject()
        for (path, account) in state.accounts where account != Account() {
            accounts[path.description] = .array([account.debitsPending, account.debitsPosted, account.creditsPending, account.creditsPosted].map { .integer($0) })
        }
        var pledges = JSONObject(), needs = JSONObject(), motions = JSONObject(), offers = JSONObject()
        for (id, offer) in state.offers { offers[id] = .array([.string(offer.state.rawValue), .integer(state.drawn(from: id))]) }
        for (id, pledge) in state.pledges { pledges[id] = .array([.string(pledge.state.rawValue), .integer(pledge.delivered)]) }
        for (id, need) in state.needs { needs[id] = .string(need.stage.text) }
        for (id, motion) in state.motions { motions[id] = .string(motion.lifecycle.state.rawValue) }
        var reversals = JSONObject()
        for (original, reversal) in state.reversals { reversals[String(original)] = .integer(Int64(reversal.sequence)) }
        return try CanonicalJSON.encode(.object([
            "reversals": .object(reversals),
            "seq": .integer(Int64(state.sequence)), "accounts": .object(accounts), "pledges": .object(pledges),
            "needs": .object(needs), "motions": .object(motions), "offers": .object(offers), "policy": state.policy.json,
        ]))
    }

    func agree(data: String, scratch: Scratch) throws {
        let export = try microfund("journal", "export", "--data", data)
        #expect(export.status == 0)
        let journal = scratch.file("journal.jsonl")
        try export.stdout.write(toFile: journal, atomically: true, encoding: .utf8)
        let replay = try tool("python3", ReplayTests.root.appendingPathComponent("Fixtures/reference/replay.py").path, journal)
        #expect(replay.status == 0, "\(replay.stderr)")
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        let ours = String(decoding: try summary(state), as: UTF8.self)
        #expect(replay.stdout.trimmingCharacters(in: .newlines) == ours)
    }

    @Test("the demo: donations, pledges, a tick, approvals, a hearing, a conflicted payout, works started, offers matched and accepted")
    func demo() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        try agree(data: data, scratch: scratch)
    }

    /// Catches a replay (ours or the reference's) that reverses the wrong
    /// side, forgets the contribution a refund's reversal restores, or
    /// mirrors a confirmation into the wrong account.
    @Test("corrections: a donation, a refund and a delivery confirmation reversed")
    func corrections() async throws {
        let scratch = try Scratch()
        let s = try Scenario()
        let ledger = Scenario.origin
        let setup = try s.setup().count
        func at(_ offset: Int) -> UInt64 { UInt64(setup + offset) }
        let history: [[UInt8]] = [
            try EnvelopeDraft.recordDonation(ledger: ledger, id: "g1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 150_000, to: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.recordDonation(ledger: ledger, id: "g2", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 15_000, to: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.refundDonation(ledger: ledger, id: "r1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 5_000, from: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.makePledge(ledger: ledger, id: "lab", author: "zone-studio", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 120, deadline: Scenario.time(30)).signed(by: [s.enterprise]),
            try EnvelopeDraft.confirmPledge(ledger: ledger, id: "labc", author: "hub", timestamp: Scenario.time(3), pledge: "lab", amount: 90).signed(by: [s.coordinator]),
            try EnvelopeDraft.reverseEntry(ledger: ledger, id: "x1", author: "street-office", timestamp: Scenario.time(4), entry: at(1), reason: "typed ¥1,500 for ¥150").signed(by: [s.manager]),
            try EnvelopeDraft.reverseEntry(ledger: ledger, id: "x2", author: "street-office", timestamp: Scenario.time(4), entry: at(3), reason: "refund sent twice").signed(by: [s.manager]),
            try EnvelopeDraft.reverseEntry(ledger: ledger, id: "x3", author: "hub", timestamp: Scenario.time(4), entry: at(5), reason: "the other team came").signed(by: [s.coordinator]),
        ]
        let (data, _) = try await scenarioLedger(scratch, extra: history)
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        #expect(state.reversals.keys.sorted() == [at(1), at(3), at(5)])
        #expect(state.accounts[.pool(.cny)].map { $0.creditsPosted - $0.debitsPosted } == 15_000)
        #expect(state.contributions[ContributionKey(party: "zone-studio", account: .pool(.cny))] == 15_000)
        #expect(state.accounts[.need(s.need, .labour)].map { $0.creditsPosted - $0.debitsPosted } == 0)
        #expect(try microfund("verify", "--data", data).status == 0)
        try agree(data: data, scratch: scratch)

        // The statement counts the corrections apart, and the reference
        // checker agrees: ¥1,500 taken back out, ¥50 put back in.
        let statement = try microfund("report", "statement", "--data", data, "--format", "json", "--out", scratch.file("statement.json"))
        #expect(statement.status == 0, "\(statement.stderr)")
        let journal = scratch.file("journal.jsonl")
        try microfund("journal", "export", "--data", data).stdout.write(toFile: journal, atomically: true, encoding: .utf8)
        let check = try tool("python3", ReplayTests.root.appendingPathComponent("Fixtures/reference/report_check.py").path, journal, scratch.file("statement.json"))
        #expect(check.status == 0, "\(check.stdout)")
        let text = try microfund("report", "statement", "--data", data).stdout
        #expect(text.contains("corrections") && text.contains("-¥1,450.00") && text.contains("typed ¥1,500 for ¥150"), "\(text)")
        // The contribution statement strikes the reversed entries through.
        let html = try microfund("report", "contribution", "--data", data, "--party", "zone-studio", "--format", "html").stdout
        #expect(html.components(separatedBy: "<tr class=\"reversed\">").count - 1 == 3, "\(html)")
        let pledges = try microfund("pledge", "list", "--data", data).stdout
        #expect(pledges.contains("confirmed, reversed by #\(at(8))"), "\(pledges)")
        let books = try microfund("export", "beancount", "--data", data).stdout
        #expect(books.contains("\"reverses entry \(at(1)): typed ¥1,500 for ¥150\"\n  entry: \(at(6))"), "\(books)")
        // Coverage: the 90 minutes confirmed and then reversed are delivered no more.
        #expect(try coverage(data, asset: "LABOUR", at: at(5)).first == 90)
        #expect(try coverage(data, asset: "LABOUR").first == 0)
    }

    @Test("competing payouts, a rejection, a withdrawal, a dispute, an expired motion, a policy change by majority, an offer drawn on and withdrawn")
    func scenario() async throws {
        let scratch = try Scratch()
        let s = try Scenario()
        let members = try Scenario.committeeKeys()
        let ledger = Scenario.origin
        func vote(_ kind: TransactionKind, _ id: String, _ motion: String, _ member: Int, _ minutes: Int64) throws -> [UInt8] {
            try s.vote(kind, id, on: motion, member: member, keys: members, at: minutes)
        }
        func propose(_ id: String, _ action: Motion.Action, _ minutes: Int64, deadline: Timestamp? = nil) throws -> [UInt8] {
            try s.propose(id, action, at: minutes, deadline: deadline)
        }
        let earmark = AccountPath.earmark(need: s.need, .cny)
        func pay(_ amount: Int64, _ source: AccountPath) -> Motion.Action {
            .disburse(need: s.need, payee: "resident-wang", amount: amount, from: source)
        }
        var stricter = Policy.default
        stricter.reserveShareBasisPoints = 1_000
        var history = try s.registerCommittee(members)
        history += [
            try EnvelopeDraft.recordDonation(ledger: ledger, id: "g1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1_000_000, to: earmark).signed(by: [s.manager]),
            try EnvelopeDraft.recordDonation(ledger: ledger, id: "g2", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 600_000, to: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.makePledge(ledger: ledger, id: "lab", author: "zone-studio", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 120, deadline: Scenario.time(30)).signed(by: [s.enterprise]),
            try propose("approve", .advance(need: s.need, to: .approved), 2),
            try vote(.motionApprove, "a1", "approve", 1, 3), try vote(.motionApprove, "a2", "approve", 2, 3),
            try propose("pay1", pay(400_000, earmark), 4), try propose("pay2", pay(400_000, earmark), 4), try propose("pay3", pay(300_000, .pool(.cny)), 4),
            try vote(.motionApprove, "p1a", "pay1", 1, 5), try vote(.motionApprove, "p1b", "pay1", 3, 5),
            try vote(.motionReject, "p2a", "pay2", 1, 5), try vote(.motionReject, "p2b", "pay2", 2, 5),
            try EnvelopeDraft.motionVote(.motionWithdraw, ledger: ledger, id: "p3w", author: "hub", timestamp: Scenario.time(6), motion: "pay3").signed(by: [s.coordinator]),
            try propose("late", pay(100_000, .pool(.cny)), 7, deadline: Scenario.time(20)),
            try EnvelopeDraft.tick(ledger: ledger, id: "tick", author: "hub", timestamp: Scenario.time(40)).signed(by: [s.coordinator]),
            try EnvelopeDraft.proposeMotion(ledger: ledger, id: "policy", author: "m1", timestamp: Scenario.time(41), action: .changePolicy(stricter)).signed(by: [members[0]]),
            // Proposed under a 5% reserve share, carried after it became 10%:
            // it settles exactly what it reserved.
            try propose("straddle", pay(100_000, .pool(.cny)), 41),
            try vote(.motionApprove, "pol2", "policy", 2, 42), try vote(.motionApprove, "pol3", "policy", 3, 42),
            try vote(.motionApprove, "st1", "straddle", 1, 43), try vote(.motionApprove, "st2", "straddle", 2, 43),
            try propose("pay4", pay(200_000, earmark), 43),
            try vote(.motionApprove, "p4a", "pay4", 1, 44), try vote(.motionApprove, "p4b", "pay4", 2, 44),
            // An offer drawn on twice: one pledge confirmed short, one cancelled; then withdrawn.
            try s.createWall(at: 44),
            try s.publish(Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 600), key: s.enterprise, at: 44),
            try EnvelopeDraft.makePledge(ledger: ledger, id: "wp1", author: "zone-studio", timestamp: Scenario.time(44), need: Scenario.wallNeed, asset: .labour, amount: 300, deadline: nil, line: "paint", offer: "studio-paint").signed(by: [s.enterprise]),
            try EnvelopeDraft.confirmPledge(ledger: ledger, id: "wc1", author: "hub", timestamp: Scenario.time(45), pledge: "wp1", amount: 240).signed(by: [s.coordinator]),
            try EnvelopeDraft.makePledge(ledger: ledger, id: "wp2", author: "zone-studio", timestamp: Scenario.time(45), need: Scenario.wallNeed, asset: .labour, amount: 200, deadline: nil, line: "paint", offer: "studio-paint").signed(by: [s.enterprise]),
            try EnvelopeDraft.cancelPledge(ledger: ledger, id: "wx2", author: "zone-studio", timestamp: Scenario.time(45), pledge: "wp2").signed(by: [s.enterprise]),
            try EnvelopeDraft.withdrawOffer(ledger: ledger, id: "ww", author: "zone-studio", timestamp: Scenario.time(45), offer: "studio-paint").signed(by: [s.enterprise]),
            try propose("dispute", .openDispute(need: s.need), 45),
            try vote(.motionApprove, "d1", "dispute", 1, 46), try vote(.motionApprove, "d2", "dispute", 3, 46),
        ]
        let (data, _) = try await scenarioLedger(scratch, extra: history)
        let state = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState()
        #expect(state.motions.mapValues(\.lifecycle.state) == ["approve": .passed, "pay1": .passed, "pay2": .rejected, "pay3": .withdrawn, "late": .expired, "policy": .passed, "straddle": .passed, "pay4": .passed, "dispute": .passed])
        // 5% of ¥4,000, 5% of ¥1,000 (reserved before the change), 10% of ¥2,000.
        #expect(state.accounts[.reserve(need: s.need, .cny)]?.creditsPosted == Int64(20_000 + 5_000 + 20_000))
        #expect(state.pendingTransfers.isEmpty)
        #expect(state.accounts.values.allSatisfy { $0.debitsPending == 0 && $0.creditsPending == 0 })
        #expect(state.needs[s.need]?.stage == .disputed(from: .approved))
        #expect(state.offers["studio-paint"]?.state == .withdrawn && state.drawn(from: "studio-paint") == 240)
        #expect(try microfund("verify", "--data", data).status == 0)
        try agree(data: data, scratch: scratch)
    }
}
