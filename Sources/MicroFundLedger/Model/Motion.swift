/// A committee motion (DESIGN.md §6): what it would do, until when, and
/// its votes. The motion's id is the id of the `motion.propose` envelope.
public struct Motion: Sendable, Equatable {
    /// What a passed motion does.
    public enum Action: Sendable, Equatable {
        /// Move a need to its next stage (approving a proposed need is the
        /// move to `approved`).
        case advance(need: String, to: NeedStageMachine.Stage)
        /// Open a dispute on a need, pausing its payouts.
        case openDispute(need: String)
        /// Resolve the need's dispute.
        case resolveDispute(need: String)
        /// Pay `amount` fen for `need` to `payee`, from the pool or the
        /// need's earmark: reserved when proposed, paid when passed, less
        /// the policy's reserve share, which goes to the need's reserve.
        case disburse(need: String, payee: String, amount: Int64, from: AccountPath)
        /// Replace the fund's policy (a majority of the whole committee).
        case changePolicy(Policy)
        /// Undo the payout that the passed disbursement `motion` made for
        /// `need` (the payee sent it back, or it never arrived): its paid
        /// and reserve shares return to the account it came from, with the
        /// approvals the payout had.
        case reversePayout(need: String, motion: String, reason: String)

        /// The need the motion is about; nil for a policy change.
        public var need: String? {
            switch self {
            case .advance(let need, _), .openDispute(let need), .resolveDispute(let need), .disburse(let need, _, _, _), .reversePayout(let need, _, _): need
            case .changePolicy: nil
            }
        }

        /// The `type` member of `motion.propose`.
        public var type: String {
            switch self {
            case .advance: "need.advance"
            case .openDispute: "dispute.open"
            case .resolveDispute: "dispute.resolve"
            case .disburse: "disburse"
            case .changePolicy: "policy.change"
            case .reversePayout: "payout.reverse"
            }
        }
    }

    public let id: String
    public let proposer: String
    public let action: Action
    public let deadline: Timestamp
    public var lifecycle: MotionLifecycle
    /// What a disbursement reserved when proposed; settled for exactly
    /// these amounts.
    public let reservations: [PendingTransfer]
    public let proposedAt: UInt64
    public var settledAt: UInt64?
    /// For a passed disbursement: the entry whose approval carried out the
    /// motion that reversed it (a `payout.reverse`); nil while it stands.
    public var reversedAt: UInt64?

    public init(id: String, proposer: String, action: Action, deadline: Timestamp, lifecycle: MotionLifecycle, reservations: [PendingTransfer] = [], proposedAt: UInt64, settledAt: UInt64? = nil, reversedAt: UInt64? = nil) {
        self.reversedAt = reversedAt
        self.reservations = reservations
        self.id = id
        self.proposer = proposer
        self.action = action
        self.deadline = deadline
        self.lifecycle = lifecycle
        self.proposedAt = proposedAt
        self.settledAt = settledAt
    }

    /// The motion as a store keeps it: one canonical JSON object.
    public var json: JSONValue {
        var members: JSONObject = [
            "id": .string(id), "proposer": .string(proposer), "action": .object(action.members), "deadline": .string(deadline.text),
            "state": .string(lifecycle.state.rawValue), "quorum": .integer(Int64(lifecycle.quorum)),
            "eligible": .array(lifecycle.eligible.sorted().map { .string($0) }),
            "approvals": .array(lifecycle.approvals.sorted().map { .string($0) }),
            "rejections": .array(lifecycle.rejections.sorted().map { .string($0) }),
            "proposedAt": .integer(Int64(proposedAt)),
        ]
        if let settledAt { members["settledAt"] = .integer(Int64(settledAt)) }
        if let reversedAt { members["reversedAt"] = .integer(Int64(reversedAt)) }
        if !reservations.isEmpty { members["reservations"] = .array(reservations.map(\.json)) }
        return .object(members)
    }

    /// Reads a stored motion; nil if it does not parse.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let id = object["id"]?.stringValue, let proposer = object["proposer"]?.stringValue,
              let actionObject = object["action"]?.objectValue, let deadline = object["deadline"]?.stringValue.flatMap(Timestamp.init),
              let state = object["state"]?.stringValue.flatMap(MotionLifecycle.State.init(rawValue:)),
              case .number(let quorumNumber)? = object["quorum"], let quorum = quorumNumber.int64, quorum >= 1,
              case .number(let proposedNumber)? = object["proposedAt"], let proposedAt = proposedNumber.int64
        else { return nil }
        func names(_ key: String) -> Set<String>? {
            guard let array = object[key]?.arrayValue else { return nil }
            let strings = array.compactMap(\.stringValue)
            return strings.count == array.count ? Set(strings) : nil
        }
        guard let eligible = names("eligible"), let approvals = names("approvals"), let rejections = names("rejections") else { return nil }
        // The stored action has the shape of a motion.propose body: read it
        // by the same rules.
        func readAction() throws(LedgerError) -> Action {
            var reader = try FieldReader(.object(actionObject), context: "action")
            let action = try TransactionBody.motionAction(&reader)
            try reader.finish()
            return action
        }
        guard let action = try? readAction() else { return nil }
        var reservations: [PendingTransfer] = []
        if let array = object["reservations"]?.arrayValue {
            let parsed = array.compactMap(PendingTransfer.init(json:))
            guard parsed.count == array.count else { return nil }
            reservations = parsed
        }
        var settledAt: UInt64?
        if case .number(let settled)? = object["settledAt"], let value = settled.int64 { settledAt = UInt64(value) }
        var reversedAt: UInt64?
        if case .number(let reversed)? = object["reversedAt"], let value = reversed.int64 { reversedAt = UInt64(value) }
        self.init(
            id: id, proposer: proposer, action: action, deadline: deadline,
            lifecycle: MotionLifecycle(quorum: Int(quorum), eligible: eligible, state: state, approvals: approvals, rejections: rejections),
            reservations: reservations, proposedAt: UInt64(proposedAt), settledAt: settledAt, reversedAt: reversedAt
        )
    }
}

extension Motion.Action {
    /// The action as a `motion.propose` body (less its deadline) and as a
    /// stored motion's `action`: one writer for both.
    public var members: JSONObject {
        var members: JSONObject = ["type": .string(type)]
        if let need { members["need"] = .string(need) }
        switch self {
        case .advance(_, let stage): members["stage"] = .string(stage.rawValue)
        case .disburse(_, let payee, let amount, let source):
            members["payee"] = .string(payee)
            members["amount"] = .integer(amount)
            members["from"] = .string(source.description)
        case .changePolicy(let policy): members["policy"] = policy.json
        case .reversePayout(_, let motion, let reason):
            members["motion"] = .string(motion)
            members["reason"] = .string(reason)
        case .openDispute, .resolveDispute: break
        }
        return members
    }
}

extension NeedStageMachine {
    /// The event a passed motion's action is for the need's stage: nil for
    /// an action that moves no stage (a payout, a policy change).
    public mutating func carryOut(_ action: Motion.Action) -> Action? {
        switch action {
        case .advance(_, let stage): advance(to: stage)
        case .openDispute: dispute()
        case .resolveDispute: resolve()
        case .disburse, .changePolicy, .reversePayout: nil
        }
    }
}
