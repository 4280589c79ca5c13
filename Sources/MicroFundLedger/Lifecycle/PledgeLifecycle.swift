/// A pledge's life as a value, in the style of swift-nio's state machines:
/// one `mutating func` per event, each returning what the ledger must do.
/// The rules that need the rest of the ledger (who may act, deadlines)
/// stay in `PledgeRules`; this type decides what each state allows.
///
/// ```
/// pending ──confirm(d ≤ amount)──▶ confirmed   post d, release amount − d
///    │  ──cancel──────────────────▶ cancelled   release amount
///    └──expire────────────────────▶ expired     release amount
/// ```
/// A settled pledge (confirmed, cancelled, expired) refuses every event
/// with `pledge_not_pending`.
public struct PledgeLifecycle: Sendable, Equatable {
    public private(set) var state: Pledge.State
    /// The amount pledged, which the pending transfer reserves.
    public let amount: Int64

    public init(state: Pledge.State, amount: Int64) {
        precondition(amount > 0, "a pledge reserves a positive amount")
        self.state = state
        self.amount = amount
    }

    /// What the ledger does for an event.
    public enum Action: Sendable, Equatable {
        /// Settle the pending transfer: post `posted`, release `released`.
        case settle(posted: Int64, released: Int64)
        /// Refuse the event; nothing changes.
        case refuse(LedgerError.Code)
    }

    /// The coordinator confirms delivery of `delivered` (0 means nothing came).
    public mutating func confirm(delivered: Int64) -> Action {
        switch state {
        case .pending:
            guard delivered >= 0, delivered <= amount else { return .refuse(.pledgeExceeded) }
            state = .confirmed
            return .settle(posted: delivered, released: amount - delivered)
        case .confirmed, .cancelled, .expired:
            return .refuse(.pledgeNotPending)
        }
    }

    /// The pledging party or the coordinator withdraws the pledge.
    public mutating func cancel() -> Action {
        switch state {
        case .pending:
            state = .cancelled
            return .settle(posted: 0, released: amount)
        case .confirmed, .cancelled, .expired:
            return .refuse(.pledgeNotPending)
        }
    }

    /// The deadline passed without a confirmation.
    public mutating func expire() -> Action {
        switch state {
        case .pending:
            state = .expired
            return .settle(posted: 0, released: amount)
        case .confirmed, .cancelled, .expired:
            return .refuse(.pledgeNotPending)
        }
    }
}
