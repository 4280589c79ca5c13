/// The six meetings (六会) a micro-renewal need goes through, as a value:
/// one `mutating func` per event, each returning what the ledger must do
/// (swift-nio's state-machine style). Motions decide when an event
/// happens; this type decides whether the need's stage allows it.
///
/// ```
/// proposed ─▶ approved ─▶ hearingPassed ─▶ inProgress ─▶ accepted ─▶ maintained
///  立项评审      决策听证        实施推进         验收评估       运维商议
///                 └──────────── dispute ──▶ disputed(from) ── resolve ──▶ from
/// ```
/// A dispute (矛盾协调) can be opened at any stage after approval and
/// pauses payouts until a motion resolves it, returning the need to the
/// stage it was in.
public struct NeedStageMachine: Sendable, Equatable {
    /// Where a need stands. Raw values are what a store keeps.
    public enum Stage: String, Sendable, CaseIterable, Comparable {
        case proposed
        case approved
        case hearingPassed = "hearing_passed"
        case inProgress = "in_progress"
        case accepted
        case maintained

        /// The stage that follows this one, if any.
        public var next: Stage? {
            let all = Stage.allCases
            let index = all.firstIndex(of: self)!
            return index + 1 < all.count ? all[index + 1] : nil
        }

        public static func < (lhs: Stage, rhs: Stage) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The machine's state: a stage, or a dispute that remembers its stage.
    public enum State: Sendable, Equatable {
        case at(Stage)
        case disputed(from: Stage)
    }

    /// Why an event is refused.
    public enum Refusal: Sendable, Equatable {
        /// The target is not the stage right after the current one.
        case stageSkip
        /// Payouts and stage moves wait until the dispute is resolved.
        case disputed
        /// A dispute needs an approved need; resolving needs a dispute.
        case notApplicable
    }

    /// What the ledger does for an event.
    public enum Action: Sendable, Equatable {
        case moved(to: State)
        case refuse(Refusal)
    }

    public private(set) var state: State

    public init(state: State = .at(.proposed)) {
        self.state = state
    }

    /// A passed motion moves the need to `target`, which must be the next stage.
    public mutating func advance(to target: Stage) -> Action {
        switch state {
        case .disputed:
            return .refuse(.disputed)
        case .at(let stage):
            guard stage.next == target else { return .refuse(.stageSkip) }
            state = .at(target)
            return .moved(to: state)
        }
    }

    /// A passed motion opens a dispute, pausing payouts.
    public mutating func dispute() -> Action {
        switch state {
        case .disputed, .at(.proposed):
            return .refuse(.notApplicable)
        case .at(let stage):
            state = .disputed(from: stage)
            return .moved(to: state)
        }
    }

    /// A passed motion resolves the dispute: back to the stage it paused.
    public mutating func resolve() -> Action {
        switch state {
        case .at:
            return .refuse(.notApplicable)
        case .disputed(let stage):
            state = .at(stage)
            return .moved(to: state)
        }
    }

    /// The most of a need's cash requirement that may have been paid out
    /// at this stage: nothing before approval or during a dispute, the
    /// policy's share (in basis points) before acceptance, all of it after.
    /// In 128 bits: requirement × share never overflows.
    public func payoutCap(requirement: Int64, shareBeforeAcceptanceBasisPoints share: Int64) -> Int64 {
        switch state {
        case .disputed, .at(.proposed):
            return 0
        case .at(.approved), .at(.hearingPassed), .at(.inProgress):
            return Int64(Int128(requirement) * Int128(share) / 10_000)
        case .at(.accepted), .at(.maintained):
            return requirement
        }
    }
}

extension NeedStageMachine.State {
    /// As a store keeps it: `approved`, or `disputed:in_progress`.
    public var text: String {
        switch self {
        case .at(let stage): stage.rawValue
        case .disputed(let stage): "disputed:" + stage.rawValue
        }
    }

    public init?(text: String) {
        if text.hasPrefix("disputed:") {
            guard let stage = NeedStageMachine.Stage(rawValue: String(text.dropFirst("disputed:".count))) else { return nil }
            self = .disputed(from: stage)
        } else {
            guard let stage = NeedStageMachine.Stage(rawValue: text) else { return nil }
            self = .at(stage)
        }
    }
}
