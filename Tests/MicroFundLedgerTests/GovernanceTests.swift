import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import Testing

@Suite("Committee motions move needs through the six meetings")
struct GovernanceTests {
    let s: Scenario
    var state = LedgerState()
    let members: [Ed25519PrivateKey]

    init() throws {
        s = try Scenario()
        members = try (50...52).map { try Scenario.key(UInt8($0)) }
        var history = try s.setup()
        for (index, key) in members.enumerated() {
            history.append(try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m\(index + 1)", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "m\(index + 1)", kind: .resident, name: "Member \(index + 1)", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin]))
        }
        try apply(history)
    }

    private mutating func apply(_ envelopes: [[UInt8]]) throws {
        try applyAtAuthorTimes(envelopes, to: &state)
    }

    private func code(_ bytes: [UInt8]) -> LedgerError.Code? {
        refusal(bytes, on: state)
    }

    private func propose(_ id: String, by author: String, key: Ed25519PrivateKey, _ action: Motion.Action, at minutes: Int64 = 2, deadline: Timestamp? = nil) throws -> [UInt8] {
        try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: id, author: author, timestamp: Scenario.time(minutes), action: action, deadline: deadline).signed(by: [key])
    }

    private func vote(_ kind: TransactionKind, _ id: String, on motion: String, member: Int, at minutes: Int64 = 3) throws -> [UInt8] {
        try EnvelopeDraft.motionVote(kind, ledger: Scenario.origin, id: id, author: "m\(member)", timestamp: Scenario.time(minutes), motion: motion).signed(by: [members[member - 1]])
    }

    @Test("the coordinator proposes, two members approve, the need is approved; a second approval counts once")
    mutating func approveNeed() throws {
        try apply([try propose("mo1", by: "hub", key: s.coordinator, .advance(need: s.need, to: .approved))])
        let motion = try #require(state.motions["mo1"])
        #expect(motion.lifecycle.quorum == 2)
        #expect(motion.lifecycle.eligible == ["m1", "m2", "m3"])
        #expect(motion.deadline == Timestamp.fromEpoch(seconds: Scenario.time(2).seconds + 14 * 86_400))
        try apply([try vote(.motionApprove, "v1", on: "mo1", member: 1), try vote(.motionApprove, "v1b", on: "mo1", member: 1)])
        #expect(state.motions["mo1"]?.lifecycle.approvals == ["m1"])
        #expect(state.needs[s.need]?.stage == .at(.proposed))
        try apply([try vote(.motionApprove, "v2", on: "mo1", member: 2)])
        #expect(state.motions["mo1"]?.lifecycle.state == .passed)
        #expect(state.needs[s.need]?.stage == .at(.approved))
        #expect(code(try vote(.motionApprove, "v3", on: "mo1", member: 3)) == .motionClosed)
    }

    @Test("every refusal has its own code and changes nothing")
    mutating func refusals() throws {
        try apply([try propose("mo1", by: "m1", key: members[0], .advance(need: s.need, to: .approved))])
        let cases: [(String, [UInt8], LedgerError.Code)] = [
            ("a conflicted member (the proposer)", try vote(.motionApprove, "x1", on: "mo1", member: 1), .conflictOfInterest),
            ("a non-member", try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "x2", author: "zone-studio", timestamp: Scenario.time(3), motion: "mo1").signed(by: [s.enterprise]), .forbidden),
            ("an unknown motion", try vote(.motionApprove, "x3", on: "nope", member: 2), .motionUnknown),
            ("a vote after the deadline", try vote(.motionApprove, "x4", on: "mo1", member: 2, at: 60 * 24 * 15), .motionExpired),
            ("a stage skip", try propose("x5", by: "hub", key: s.coordinator, .advance(need: s.need, to: .inProgress)), .stageSkip),
            ("a dispute on a proposed need", try propose("x6", by: "hub", key: s.coordinator, .openDispute(need: s.need)), .stageSkip),
            ("a proposal by a bystander", try propose("x7", by: "zone-studio", key: s.enterprise, .advance(need: s.need, to: .approved)), .forbidden),
            ("an unknown need", try propose("x8", by: "m1", key: members[0], .advance(need: "nowhere", to: .approved)), .needUnknown),
            ("a deadline already past", try propose("x9", by: "m1", key: members[0], .advance(need: s.need, to: .approved), at: 10, deadline: Scenario.time(5)), .deadlinePassed),
            ("a withdrawal by another", try vote(.motionWithdraw, "x10", on: "mo1", member: 2), .forbidden),
        ]
        for (name, envelope, expected) in cases {
            #expect(code(envelope) == expected, "\(name)")
        }
        try apply([try vote(.motionWithdraw, "w1", on: "mo1", member: 1)])
        #expect(state.motions["mo1"]?.lifecycle.state == .withdrawn)
        #expect(code(try vote(.motionApprove, "after", on: "mo1", member: 3)) == .motionClosed)
        try apply([try propose("mo2", by: "hub", key: s.coordinator, .advance(need: s.need, to: .approved))])
        try apply([try vote(.motionReject, "r2", on: "mo2", member: 2)])
        #expect(code(try vote(.motionApprove, "r2b", on: "mo2", member: 2)) == .alreadyVoted)
        #expect(state.needs[s.need]?.stage == .at(.proposed))
    }

    @Test("a motion dies when rejections make its quorum unreachable; one that cannot reach it is refused")
    mutating func quorum() throws {
        try apply([try propose("mo1", by: "hub", key: s.coordinator, .advance(need: s.need, to: .approved))])
        try apply([try vote(.motionReject, "r1", on: "mo1", member: 1)])
        #expect(state.motions["mo1"]?.lifecycle.state == .open)
        try apply([try vote(.motionReject, "r2", on: "mo1", member: 2)])
        #expect(state.motions["mo1"]?.lifecycle.state == .rejected)
        // Remove a member: two left, one of them the proposer.
        try apply([try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: "u3", author: "committee", timestamp: Scenario.time(4), party: "m3", roles: []).signed(by: [s.admin])])
        #expect(code(try propose("mo2", by: "m1", key: members[0], .advance(need: s.need, to: .approved), at: 5)) == .quorumUnreachable)
    }

    @Test("residents' voice: heard while the need waits for its hearing; the latest of each party counts")
    mutating func voices() throws {
        func voice(_ id: String, by party: String, key: Ed25519PrivateKey, supports: Bool, at minutes: Int64) throws -> [UInt8] {
            try EnvelopeDraft.voice(ledger: Scenario.origin, id: id, author: party, timestamp: Scenario.time(minutes), need: s.need, supports: supports, reason: supports ? "老人需要座椅 benches for elders" : "too noisy at night").signed(by: [key])
        }
        #expect(code(try voice("early", by: "resident-wang", key: s.resident, supports: true, at: 2)) == .hearingClosed)
        try apply([try propose("mo1", by: "hub", key: s.coordinator, .advance(need: s.need, to: .approved)),
                   try vote(.motionApprove, "a1", on: "mo1", member: 1), try vote(.motionApprove, "a2", on: "mo1", member: 2)])
        try apply([try voice("v1", by: "resident-wang", key: s.resident, supports: false, at: 4),
                   try voice("v2", by: "zone-studio", key: s.enterprise, supports: true, at: 4)])
        #expect(state.hearingTally(of: s.need) == (1, 1))
        try apply([try voice("v3", by: "resident-wang", key: s.resident, supports: true, at: 5)])
        #expect(state.hearingTally(of: s.need) == (2, 0))
        try apply([try propose("h1", by: "hub", key: s.coordinator, .advance(need: s.need, to: .hearingPassed), at: 6),
                   try vote(.motionApprove, "h1a", on: "h1", member: 1, at: 6), try vote(.motionApprove, "h1b", on: "h1", member: 3, at: 6)])
        #expect(state.needs[s.need]?.stage == .at(.hearingPassed))
        #expect(code(try voice("late", by: "resident-wang", key: s.resident, supports: false, at: 7)) == .hearingClosed)
        let long = try EnvelopeDraft.voice(ledger: Scenario.origin, id: "long", author: "zone-studio", timestamp: Scenario.time(7), need: s.need, supports: true, reason: String(repeating: "x", count: 201)).signed(by: [s.enterprise])
        #expect(code(long) == .invalidField)
    }

    @Test("a pledge without a deadline lasts the policy's pledge lifetime from the ledger's time")
    mutating func pledgeLifetime() throws {
        let pledge = try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "open-ended", author: "zone-studio", timestamp: Scenario.time(2), need: s.need, asset: .labour, amount: 60, deadline: nil).signed(by: [s.enterprise])
        try apply([pledge])
        #expect(state.pledges["open-ended"]?.deadline == Timestamp.fromEpoch(seconds: Scenario.time(2).seconds + 30 * 86_400))
        let early = try EnvelopeDraft.tick(ledger: Scenario.origin, id: "t0", author: "hub", timestamp: Scenario.time(29 * 24 * 60)).signed(by: [s.coordinator])
        #expect(code(early) == .nothingDue)
        try apply([try EnvelopeDraft.tick(ledger: Scenario.origin, id: "t1", author: "hub", timestamp: Scenario.time(31 * 24 * 60)).signed(by: [s.coordinator])])
        #expect(state.pledges["open-ended"]?.state == .expired)
    }

    @Test("the policy changes only by a passed motion, with a majority of the whole committee")
    mutating func policyChange() throws {
        var stricter = Policy.default
        stricter.reserveShareBasisPoints = 1_000
        stricter.tiers = [Policy.Tier(upTo: 100_000, approvals: 3, hearing: true)]
        let propose = try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "p1", author: "m1", timestamp: Scenario.time(2), action: .changePolicy(stricter)).signed(by: [members[0]])
        #expect(code(try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "p0", author: "hub", timestamp: Scenario.time(2), action: .changePolicy(stricter)).signed(by: [s.coordinator])) == .forbidden)
        try apply([propose])
        #expect(state.motions["p1"]?.lifecycle.quorum == 2)
        #expect(state.motions["p1"]?.lifecycle.eligible == ["m2", "m3"])
        try apply([try vote(.motionApprove, "p1a", on: "p1", member: 2)])
        #expect(state.policy == .default)
        try apply([try vote(.motionApprove, "p1b", on: "p1", member: 3)])
        #expect(state.policy == stricter)
    }

    @Test("a dispute pauses a need's stages until a motion resolves it; tick expires open motions")
    mutating func disputes() throws {
        try apply([
            try propose("mo1", by: "hub", key: s.coordinator, .advance(need: s.need, to: .approved)),
            try vote(.motionApprove, "a1", on: "mo1", member: 1), try vote(.motionApprove, "a2", on: "mo1", member: 2),
            try propose("d1", by: "m3", key: members[2], .openDispute(need: s.need), at: 4),
            try vote(.motionApprove, "d1a", on: "d1", member: 1, at: 5), try vote(.motionApprove, "d1b", on: "d1", member: 2, at: 5),
        ])
        #expect(state.needs[s.need]?.stage == .disputed(from: .approved))
        #expect(code(try propose("mo2", by: "hub", key: s.coordinator, .advance(need: s.need, to: .hearingPassed), at: 6)) == .needDisputed)
        try apply([try propose("r1", by: "m3", key: members[2], .resolveDispute(need: s.need), at: 6, deadline: Scenario.time(100))])
        try apply([try vote(.motionApprove, "r1a", on: "r1", member: 1, at: 7), try vote(.motionApprove, "r1b", on: "r1", member: 2, at: 7)])
        #expect(state.needs[s.need]?.stage == .at(.approved))
        try apply([try propose("late", by: "m3", key: members[2], .advance(need: s.need, to: .hearingPassed), at: 8, deadline: Scenario.time(50))])
        let tick = try EnvelopeDraft.tick(ledger: Scenario.origin, id: "t1", author: "hub", timestamp: Scenario.time(60)).signed(by: [s.coordinator])
        try apply([tick])
        #expect(state.motions["late"]?.lifecycle.state == .expired)
        #expect(code(try vote(.motionApprove, "late-a", on: "late", member: 1, at: 61)) == .motionClosed)
    }
}

@Suite("Disbursements: reserved when proposed, paid with the reserve share on quorum, released when the motion dies")
struct DisbursementTests {
    let s: Scenario
    var state = LedgerState()
    let members: [Ed25519PrivateKey]
    let earmark: AccountPath

    init() throws {
        s = try Scenario()
        members = try (50...52).map { try Scenario.key(UInt8($0)) }
        earmark = .earmark(need: s.need, .cny)
        var history = try s.setup()
        for (index, key) in members.enumerated() {
            history.append(try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "reg-m\(index + 1)", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "m\(index + 1)", kind: .resident, name: "Member \(index + 1)", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin]))
        }
        history.append(try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "gift-earmark", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 1_000_000, to: .earmark(need: s.need, .cny)).signed(by: [s.manager]))
        history.append(try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "gift-pool", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 500_000, to: .pool(.cny)).signed(by: [s.manager]))
        try apply(history)
    }

    private mutating func apply(_ envelopes: [[UInt8]]) throws {
        try applyAtAuthorTimes(envelopes, to: &state)
    }

    private func code(_ bytes: [UInt8]) -> LedgerError.Code? {
        refusal(bytes, on: state)
    }

    private func propose(_ id: String, _ action: Motion.Action, at minutes: Int64 = 5) throws -> [UInt8] {
        try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: id, author: "hub", timestamp: Scenario.time(minutes), action: action).signed(by: [s.coordinator])
    }

    private func vote(_ kind: TransactionKind, _ id: String, on motion: String, member: Int, at minutes: Int64 = 6) throws -> [UInt8] {
        try EnvelopeDraft.motionVote(kind, ledger: Scenario.origin, id: id, author: "m\(member)", timestamp: Scenario.time(minutes), motion: motion).signed(by: [members[member - 1]])
    }

    private func pay(_ amount: Int64, from source: AccountPath? = nil, to payee: String = "resident-wang") -> Motion.Action {
        .disburse(need: s.need, payee: payee, amount: amount, from: source ?? earmark)
    }

    private mutating func approveNeed() throws {
        try apply([try propose("approve", .advance(need: s.need, to: .approved), at: 2),
                   try vote(.motionApprove, "approve-1", on: "approve", member: 1, at: 3), try vote(.motionApprove, "approve-2", on: "approve", member: 2, at: 3)])
    }

    @Test("nothing before approval; reserved at once; paid less 5% to the reserve on quorum; released when rejected")
    mutating func lifecycle() throws {
        #expect(code(try propose("early", pay(100_000))) == .payoutCap)
        try approveNeed()
        try apply([try propose("d1", pay(400_000)), try propose("d2", pay(400_000))])
        #expect(state.accounts[earmark]?.debitsPending == 800_000)
        #expect(state.accounts[.paid("resident-wang", .cny)]?.creditsPending == 760_000)
        // Pledges and payouts share one kind of record: the reservation.
        #expect(state.pendingTransfers.map(\.id).sorted() == ["d1#paid", "d1#reserve", "d2#paid", "d2#reserve"])
        #expect(state.pendingTransfers.first { $0.id == "d1#reserve" }?.amount == 20_000)
        #expect(state.pendingTransfers.allSatisfy { $0.expiry == state.motions["d1"]?.deadline })
        // The earmark holds ¥10,000 and has ¥8,000 reserved: ¥4,000 more is an overdraft.
        #expect(code(try propose("d3", pay(400_000))) == .overdraft)
        try apply([try vote(.motionApprove, "d1-1", on: "d1", member: 1), try vote(.motionApprove, "d1-2", on: "d1", member: 2)])
        #expect(state.motions["d1"]?.lifecycle.state == .passed)
        #expect(state.accounts[.paid("resident-wang", .cny)]?.creditsPosted == 380_000)
        #expect(state.accounts[.reserve(need: s.need, .cny)]?.creditsPosted == 20_000)
        #expect(state.accounts[earmark]?.debitsPosted == 400_000)
        try apply([try vote(.motionReject, "d2-1", on: "d2", member: 1), try vote(.motionReject, "d2-2", on: "d2", member: 2)])
        #expect(state.motions["d2"]?.lifecycle.state == .rejected)
        #expect(state.accounts[earmark]?.debitsPending == 0)
        #expect(state.accounts[.paid("resident-wang", .cny)]?.creditsPending == 0)
        #expect(state.disbursements(of: s.need) == (reserved: 0, paid: 400_000))
        // What the resident was paid is kept apart from what it gave.
        #expect(state.accounts[.party("resident-wang", .cny)] == nil)
    }

    @Test("hearing, stage cap, earmark misuse, disputes and conflicts of interest each refuse with their own code")
    mutating func refusals() throws {
        try approveNeed()
        #expect(code(try propose("big", pay(600_000))) == .hearingRequired)
        try apply([try EnvelopeDraft.createNeed(ledger: Scenario.origin, id: "need-wall", author: "hub", timestamp: Scenario.time(4), need: "wall", title: "Wall", coordinator: "hub", requirements: [.cny: 1_000_000]).signed(by: [s.coordinator])])
        // Money earmarked for the garden does not pay for the wall.
        #expect(code(try propose("misuse", .disburse(need: "wall", payee: "resident-wang", amount: 1_000, from: earmark))) == .earmarkMisuse)
        #expect(code(try propose("bad-source", pay(1_000, from: .reserve(need: s.need, .cny)))) == .invalidAccount)
        #expect(code(try propose("no-payee", pay(1_000, to: "nobody"))) == .partyUnknown)
        // 30% of ¥50,000 is ¥15,000: three payouts of ¥5,000 use it up.
        try apply([try propose("c1", pay(500_000)), try propose("c2", pay(500_000)), try propose("c3", pay(500_000, from: .pool(.cny)))])
        #expect(code(try propose("c4", pay(1_000, from: .pool(.cny)))) == .payoutCap)
        // A member acting for the payee may not count.
        try apply([try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: "org", author: "committee", timestamp: Scenario.time(6), party: "m3", organisation: "resident-wang").signed(by: [s.admin])])
        #expect(code(try vote(.motionApprove, "c1-3", on: "c1", member: 3, at: 8)) == .conflictOfInterest)
        // A dispute opened after a proposal stops its payout at the approval that would complete it.
        try apply([try vote(.motionApprove, "c1-1", on: "c1", member: 1, at: 8)])
        try apply([try propose("dispute", .openDispute(need: s.need), at: 8),
                   try vote(.motionApprove, "dispute-1", on: "dispute", member: 1, at: 9), try vote(.motionApprove, "dispute-2", on: "dispute", member: 2, at: 9)])
        #expect(code(try vote(.motionApprove, "c1-2", on: "c1", member: 2, at: 10)) == .needDisputed)
        #expect(code(try propose("c6", pay(1_000), at: 10)) == .needDisputed)
        // Withdrawn: its reservation is released.
        let before = try #require(state.accounts[.pool(.cny)]?.debitsPending)
        try apply([try EnvelopeDraft.motionVote(.motionWithdraw, ledger: Scenario.origin, id: "c3-w", author: "hub", timestamp: Scenario.time(11), motion: "c3").signed(by: [s.coordinator])])
        #expect(state.accounts[.pool(.cny)]?.debitsPending == before - 500_000)
    }

    private func reversal(_ id: String, of motion: String, need: String? = nil, at minutes: Int64 = 7) throws -> [UInt8] {
        try propose(id, .reversePayout(need: need ?? s.need, motion: motion, reason: "the bank returned the transfer"), at: minutes)
    }

    /// A payout undone by a committee motion (docs/protocol.md §4.5): its
    /// paid and reserve shares go back to the earmark, with the approvals
    /// the payout had, and its amount no longer counts toward the cap.
    /// Catches a reversal that moves the wrong side, keeps the payout
    /// counted, lets the payee's organisation vote, or posts before quorum.
    @Test("a payout reversed by motion: both shares back, the cap freed, the entry marked")
    mutating func payoutReversal() throws {
        try approveNeed()
        try apply([try propose("d1", pay(400_000)), try vote(.motionApprove, "d1-1", on: "d1", member: 1), try vote(.motionApprove, "d1-2", on: "d1", member: 2)])
        let paidAt = try #require(state.motions["d1"]?.settledAt)
        try apply([try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: "org", author: "committee", timestamp: Scenario.time(6), party: "m3", organisation: "resident-wang").signed(by: [s.admin])])
        try apply([try reversal("x1", of: "d1")])
        let proposal = try #require(state.motions["x1"])
        #expect(proposal.lifecycle.quorum == state.motions["d1"]?.lifecycle.quorum)
        #expect(proposal.lifecycle.eligible == ["m1", "m2"], "the payee's organisation may not count")
        #expect(code(try vote(.motionApprove, "x1-3", on: "x1", member: 3, at: 8)) == .conflictOfInterest)
        try apply([try vote(.motionApprove, "x1-1", on: "x1", member: 1, at: 8)])
        #expect(state.reversals.isEmpty && state.accounts[earmark]?.creditsPosted == 1_000_000, "nothing moves before the quorum")
        try apply([try vote(.motionApprove, "x1-2", on: "x1", member: 2, at: 8)])
        #expect(state.motions["x1"]?.lifecycle.state == .passed)
        let reversedAt = try #require(state.motions["x1"]?.settledAt)
        #expect(state.motions["d1"]?.reversedAt == reversedAt)
        #expect(state.reversals[paidAt] == Reversal(original: paidAt, sequence: reversedAt, reason: "the bank returned the transfer"))
        let accounts = state.accounts
        let net = { (path: AccountPath) in accounts[path].map { $0.creditsPosted - $0.debitsPosted } }
        #expect(net(earmark) == 1_000_000)
        #expect(net(.paid("resident-wang", .cny)) == 0)
        #expect(net(.reserve(need: s.need, .cny)) == 0)
        #expect(state.disbursements(of: s.need) == (reserved: 0, paid: 0))
        // The cap counts the payout no more: ¥15,000 may be paid again.
        #expect(code(try propose("again", pay(500_000), at: 9)) == nil)
        // The stored motion keeps the reversal.
        let stored = try #require(state.motions["d1"])
        #expect(Motion(json: stored.json) == stored)
    }

    /// Each refusal of a payout's reversal and its code: twice, a rival
    /// open reversal, an open or a stage motion, an unknown motion, the
    /// wrong need (entry.reverse on the payout's entry is refused in
    /// PayoutReversalTests, which has a journal). Catches a rule
    /// that lets one payout come back twice.
    @Test("a payout's reversal is refused twice, for an unpaid or a non-payout motion, for another need, by a bystander")
    mutating func payoutReversalRefusals() throws {
        try approveNeed()
        try apply([try propose("d1", pay(400_000)), try vote(.motionApprove, "d1-1", on: "d1", member: 1), try vote(.motionApprove, "d1-2", on: "d1", member: 2),
                   try propose("open", pay(100_000))])
        try apply([try EnvelopeDraft.createNeed(ledger: Scenario.origin, id: "need-wall", author: "hub", timestamp: Scenario.time(6), need: "wall", title: "Wall", coordinator: "hub").signed(by: [s.coordinator])])
        #expect(code(try reversal("x-open", of: "open")) == .notReversible)
        #expect(code(try reversal("x-stage", of: "approve")) == .notReversible)
        #expect(code(try reversal("x-none", of: "nowhere")) == .motionUnknown)
        #expect(code(try reversal("x-wall", of: "d1", need: "wall")) == .invalidField)
        #expect(code(try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "x-bystander", author: "zone-studio", timestamp: Scenario.time(7), action: .reversePayout(need: s.need, motion: "d1", reason: "x")).signed(by: [s.enterprise])) == .forbidden)
        try apply([try reversal("x1", of: "d1")])
        #expect(code(try reversal("x2", of: "d1")) == .alreadyReversed, "a rival open reversal")
        try apply([try vote(.motionApprove, "x1-1", on: "x1", member: 1, at: 8), try vote(.motionApprove, "x1-2", on: "x1", member: 2, at: 8)])
        #expect(code(try reversal("x3", of: "d1", at: 9)) == .alreadyReversed)
    }
}
