import MicroFundCrypto
import MicroFundLedger
import MicroFundMatching
import MicroFundTestSupport
import Testing

/// The problem a ledger poses, and the pledges that accept its plan.
@Suite("Matching from the ledger")
struct LedgerProblemTests {
    let s: Scenario
    var state = LedgerState()
    /// The scenario's day 2: the wall's window (days 1-31) is open.
    let now = Scenario.day(2)

    init() throws {
        s = try Scenario()
        try apply(s.setup() + [s.createWall()] + s.approveWall())
    }

    mutating func apply(_ envelopes: [[UInt8]]) throws {
        for bytes in envelopes {
            let envelope = try Envelope.decode(bytes)
            _ = try state.apply(envelope, at: max(envelope.timestamp, state.time ?? envelope.timestamp))
        }
    }

    @Test("an approved need's lines and live offers, net of what pledges hold")
    mutating func netOfPledges() throws {
        let paint = Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 600)
        try apply([s.publish(paint, key: s.enterprise)])
        var problem = LedgerProblem(state, now: now)
        #expect(problem.problem.needs.map(\.id) == [Scenario.wallNeed])
        #expect(problem.problem.needs[0].lines.map(\.id) == ["gate-wall/cash", "gate-wall/paint", "gate-wall/legal", "gate-wall/workshop"])
        #expect(problem.problem.offers.map(\.quantity) == [600])
        try apply([try EnvelopeDraft.makePledge(ledger: s.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(3), need: Scenario.wallNeed, asset: .labour, amount: 200, deadline: nil, line: "paint", offer: "studio-paint").signed(by: [s.enterprise])])
        problem = LedgerProblem(state, now: now)
        #expect(problem.problem.offers.map(\.quantity) == [400])
        #expect(problem.problem.needs[0].lines.first { $0.id == "gate-wall/paint" }?.quantity == 1_000)
        // After the need's window, nothing of it is left to match; a proposed need never is.
        #expect(LedgerProblem(state, now: Scenario.day(31)).problem.needs.isEmpty)
        // The workshop (days 5-7) drops out once its use has begun.
        #expect(LedgerProblem(state, now: Scenario.time(5 * 1_440 + 1)).problem.needs[0].lines.map(\.id).contains("gate-wall/workshop") == false)
    }

    @Test("every party's accepted proposals are pledges the ledger takes, and then nothing is left to propose")
    mutating func acceptedPlan() throws {
        let offers: [(Offer, Ed25519PrivateKey)] = [
            (Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 900), s.enterprise),
            (Scenario.offer("studio-hall", party: "zone-studio", .space, quantity: 50, metresNorth: 300), s.enterprise),
            (Scenario.offer("wang-paint", party: "resident-wang", .labour, skill: "painting", quantity: 600, metresNorth: 50), s.resident),
            (Scenario.offer("studio-cash", party: "zone-studio", .cny, quantity: 300_000, categories: ["facade"]), s.enterprise),
            (Scenario.offer("far-paint", party: "resident-wang", .labour, skill: "painting", quantity: 600, metresNorth: 900), s.resident),
        ]
        try apply(offers.map { try s.publish($0.0, key: $0.1) })
        let problem = LedgerProblem(state, now: now)
        let plan = try Matcher.match(problem.problem)
        // 900 + 300 of 1,200 minutes of painting (the nearer volunteers first),
        // the hall, ¥3,000 of ¥8,000; the legal line has no offer.
        #expect(Set(plan.allocations.map(\.offerId)) == ["studio-paint", "studio-hall", "wang-paint", "studio-cash"])
        #expect(abs(plan.objective - 4 * (1 + 1 + 300_000.0 / 800_000)) < 1e-12)
        var pledges: [[UInt8]] = []
        for allocation in plan.allocations {
            let pledge = try #require(problem.pledge(for: allocation))
            let key = allocation.party == "zone-studio" ? s.enterprise : s.resident
            pledges.append(try EnvelopeDraft.makePledge(
                ledger: s.origin, id: "accept-\(allocation.offerId)", author: allocation.party, timestamp: Scenario.time(4), need: pledge.need,
                asset: pledge.asset, amount: pledge.amount, deadline: nil, line: pledge.line, offer: allocation.offerId).signed(by: [key]))
        }
        try apply(pledges)
        #expect(state.committed(toLine: "workshop", of: Scenario.wallNeed) == 80)
        #expect(state.committed(toLine: "paint", of: Scenario.wallNeed) == 1_200)
        let after = try Matcher.match(LedgerProblem(state, now: now).problem)
        #expect(after.allocations.isEmpty)
    }
}
