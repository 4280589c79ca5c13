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
        for bytes in envelopes {
            let envelope = try Envelope.decode(bytes)
            let time = state.time.map { max($0, envelope.timestamp) } ?? envelope.timestamp
            _ = try state.apply(envelope, at: time)
        }
    }

    private func code(_ bytes: [UInt8]) -> LedgerError.Code? {
        var copy = state
        do {
            let envelope = try Envelope.decode(bytes)
            _ = try copy.apply(envelope, at: copy.time.map { max($0, envelope.timestamp) } ?? envelope.timestamp)
            return nil
        } catch {
            return error.code
        }
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
