/// A committee motion's life as a value: open until its quorum of
/// approvals carries it out, until enough rejections make that quorum
/// unreachable, until its proposer withdraws it, or until its deadline
/// passes. Who may vote (members, minus those with a conflict of interest)
/// is decided outside and handed in as `eligible`; this type counts.
///
/// ```
/// open ──approve (quorum reached)──▶ passed      carry out
///   │ ──reject (quorum unreachable)─▶ rejected   release what it reserved
///   │ ──withdraw────────────────────▶ withdrawn  release
///   └──expire───────────────────────▶ expired    release
/// ```
public struct MotionLifecycle: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case open
        case passed
        case rejected
        case withdrawn
        case expired
    }

    /// Why a vote or event is refused.
    public enum Refusal: Sendable, Equatable {
        /// The motion is no longer open.
        case closed
        /// The voter is not among those who may count toward the quorum.
        case notEligible
        /// The voter already voted the other way.
        case alreadyVoted
    }

    /// What the ledger does for an event.
    public enum Action: Sendable, Equatable {
        /// The vote is recorded; the motion stays open.
        case counted
        /// The same vote again: recorded in the journal, counted once.
        case countedOnce
        /// The quorum is reached: carry the motion out in this transaction.
        case carryOut
        /// The motion died: void whatever it reserved.
        case release
        case refuse(Refusal)
    }

    public private(set) var state: State
    /// Approvals needed to pass.
    public let quorum: Int
    /// Who may count toward the quorum.
    public let eligible: Set<String>
    public private(set) var approvals: Set<String>
    public private(set) var rejections: Set<String>

    public init(quorum: Int, eligible: Set<String>, state: State = .open, approvals: Set<String> = [], rejections: Set<String> = []) {
        precondition(quorum >= 1, "a motion needs at least one approval")
        self.quorum = quorum
        self.eligible = eligible
        self.state = state
        self.approvals = approvals
        self.rejections = rejections
    }

    /// Whether enough eligible voters are left to reach the quorum.
    public var canStillPass: Bool {
        eligible.count - rejections.count >= quorum
    }

    public mutating func approve(by voter: String) -> Action {
        guard state == .open else { return .refuse(.closed) }
        guard eligible.contains(voter) else { return .refuse(.notEligible) }
        guard !rejections.contains(voter) else { return .refuse(.alreadyVoted) }
        guard approvals.insert(voter).inserted else { return .countedOnce }
        guard approvals.count >= quorum else { return .counted }
        state = .passed
        return .carryOut
    }

    public mutating func reject(by voter: String) -> Action {
        guard state == .open else { return .refuse(.closed) }
        guard eligible.contains(voter) else { return .refuse(.notEligible) }
        guard !approvals.contains(voter) else { return .refuse(.alreadyVoted) }
        guard rejections.insert(voter).inserted else { return .countedOnce }
        guard !canStillPass else { return .counted }
        state = .rejected
        return .release
    }

    /// The proposer withdraws the motion.
    public mutating func withdraw() -> Action {
        guard state == .open else { return .refuse(.closed) }
        state = .withdrawn
        return .release
    }

    /// The deadline passed while the motion was open.
    public mutating func expire() -> Action {
        guard state == .open else { return .refuse(.closed) }
        state = .expired
        return .release
    }
}
