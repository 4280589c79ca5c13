import MicroFundLedger
import Testing

/// Every state of a pledge against every event, with what each must do.
@Suite("The pledge lifecycle, state by event")
struct PledgeLifecycleTests {
    enum Event: CaseIterable, Sendable {
        case confirmAll, confirmPart, confirmNothing, confirmTooMuch, cancel, expire
    }

    private func apply(_ event: Event, to lifecycle: inout PledgeLifecycle) -> PledgeLifecycle.Action {
        switch event {
        case .confirmAll: lifecycle.confirm(delivered: 600)
        case .confirmPart: lifecycle.confirm(delivered: 250)
        case .confirmNothing: lifecycle.confirm(delivered: 0)
        case .confirmTooMuch: lifecycle.confirm(delivered: 601)
        case .cancel: lifecycle.cancel()
        case .expire: lifecycle.expire()
        }
    }

    /// The expected action and state after `event` in `state`.
    private func expected(_ state: Pledge.State, _ event: Event) -> (PledgeLifecycle.Action, Pledge.State) {
        guard state == .pending else { return (.refuse(.pledgeNotPending), state) }
        switch event {
        case .confirmAll: return (.settle(posted: 600, released: 0), .confirmed)
        case .confirmPart: return (.settle(posted: 250, released: 350), .confirmed)
        case .confirmNothing: return (.settle(posted: 0, released: 600), .confirmed)
        case .confirmTooMuch: return (.refuse(.pledgeExceeded), .pending)
        case .cancel: return (.settle(posted: 0, released: 600), .cancelled)
        case .expire: return (.settle(posted: 0, released: 600), .expired)
        }
    }

    @Test("every state × event pair", arguments: Pledge.State.allCases, Event.allCases)
    func pair(state: Pledge.State, event: Event) {
        var lifecycle = PledgeLifecycle(state: state, amount: 600)
        let action = apply(event, to: &lifecycle)
        let (expectedAction, expectedState) = expected(state, event)
        #expect(action == expectedAction)
        #expect(lifecycle.state == expectedState)
        // A settlement always accounts for the whole reservation.
        if case .settle(let posted, let released) = action { #expect(posted + released == 600) }
    }
}
