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

/// Every state of a need against every event.
@Suite("The need's six stages and disputes, state by event")
struct NeedStageMachineTests {
    typealias Stage = NeedStageMachine.Stage
    typealias State = NeedStageMachine.State

    enum Event: Sendable, CaseIterable {
        case advanceToNext, advanceTwo, advanceBack, advanceSame, dispute, resolve
    }

    static let states: [State] = Stage.allCases.map { .at($0) } + Stage.allCases.map { .disputed(from: $0) }

    private func expected(_ state: State, _ event: Event) -> NeedStageMachine.Action {
        switch (state, event) {
        case (.disputed, .advanceToNext), (.disputed, .advanceTwo), (.disputed, .advanceBack), (.disputed, .advanceSame):
            return .refuse(.disputed)
        case (.disputed(let from), .resolve):
            return .moved(to: .at(from))
        case (.disputed, .dispute), (.at(.proposed), .dispute), (.at, .resolve):
            return .refuse(.notApplicable)
        case (.at, .dispute):
            if case .at(let stage) = state { return .moved(to: .disputed(from: stage)) }
            return .refuse(.notApplicable)
        case (.at(let stage), .advanceToNext):
            return stage.next.map { .moved(to: .at($0)) } ?? .refuse(.stageSkip)
        case (.at, .advanceTwo), (.at, .advanceBack), (.at, .advanceSame):
            return .refuse(.stageSkip)
        }
    }

    private func apply(_ event: Event, to machine: inout NeedStageMachine) -> NeedStageMachine.Action {
        let stage: Stage = if case .at(let s) = machine.state { s } else if case .disputed(let s) = machine.state { s } else { .proposed }
        let all = Stage.allCases
        let index = all.firstIndex(of: stage)!
        switch event {
        case .advanceToNext: return machine.advance(to: stage.next ?? stage)
        case .advanceTwo: return machine.advance(to: all[(index + 2) % all.count])
        case .advanceBack: return machine.advance(to: all[max(index - 1, 0)])
        case .advanceSame: return machine.advance(to: stage)
        case .dispute: return machine.dispute()
        case .resolve: return machine.resolve()
        }
    }

    @Test("every state × event pair", arguments: states, Event.allCases)
    func pair(state: State, event: Event) {
        var machine = NeedStageMachine(state: state)
        let action = apply(event, to: &machine)
        #expect(action == expected(state, event))
        if case .moved(let next) = action { #expect(machine.state == next) } else { #expect(machine.state == state) }
    }

    @Test("payouts: nothing before approval or while disputed, the policy's share before acceptance, all after", arguments: states)
    func payoutCap(state: State) {
        let cap = NeedStageMachine(state: state).payoutCap(requirement: 4_800_000, shareBeforeAcceptanceBasisPoints: 3_000)
        switch state {
        case .disputed, .at(.proposed): #expect(cap == 0)
        case .at(.approved), .at(.hearingPassed), .at(.inProgress): #expect(cap == 1_440_000)
        case .at(.accepted), .at(.maintained): #expect(cap == 4_800_000)
        }
        #expect(NeedStageMachine(state: .at(.inProgress)).payoutCap(requirement: Int64.max, shareBeforeAcceptanceBasisPoints: 10_000) == Int64.max)
    }
}

/// Every state of a motion against every event, from each voter's side.
@Suite("The motion lifecycle, state by event")
struct MotionLifecycleTests {
    enum Event: Sendable, CaseIterable {
        case approveByNew, approveAgain, approveByRejecter, approveByOutsider
        case rejectByNew, rejectAgain, rejectByApprover, withdraw, expire
    }

    /// A motion needing 2 of 4 eligible members, with "a" having approved
    /// and "b" having rejected, in `state`.
    private func motion(_ state: MotionLifecycle.State) -> MotionLifecycle {
        MotionLifecycle(quorum: 2, eligible: ["a", "b", "c", "d"], state: state, approvals: ["a"], rejections: ["b"])
    }

    private func apply(_ event: Event, to lifecycle: inout MotionLifecycle) -> MotionLifecycle.Action {
        switch event {
        case .approveByNew: lifecycle.approve(by: "c")
        case .approveAgain: lifecycle.approve(by: "a")
        case .approveByRejecter: lifecycle.approve(by: "b")
        case .approveByOutsider: lifecycle.approve(by: "proposer")
        case .rejectByNew: lifecycle.reject(by: "c")
        case .rejectAgain: lifecycle.reject(by: "b")
        case .rejectByApprover: lifecycle.reject(by: "a")
        case .withdraw: lifecycle.withdraw()
        case .expire: lifecycle.expire()
        }
    }

    private func expected(_ state: MotionLifecycle.State, _ event: Event) -> (MotionLifecycle.Action, MotionLifecycle.State) {
        guard state == .open else { return (.refuse(.closed), state) }
        switch event {
        case .approveByNew: return (.carryOut, .passed)
        case .approveAgain: return (.countedOnce, .open)
        case .approveByRejecter, .rejectByApprover: return (.refuse(.alreadyVoted), .open)
        case .approveByOutsider: return (.refuse(.notEligible), .open)
        // 4 eligible, 2 rejections: 2 left, still enough for a quorum of 2.
        case .rejectByNew: return (.counted, .open)
        case .rejectAgain: return (.countedOnce, .open)
        case .withdraw: return (.release, .withdrawn)
        case .expire: return (.release, .expired)
        }
    }

    @Test("every state × event pair", arguments: MotionLifecycle.State.allCases, Event.allCases)
    func pair(state: MotionLifecycle.State, event: Event) {
        var lifecycle = motion(state)
        let action = apply(event, to: &lifecycle)
        let (expectedAction, expectedState) = expected(state, event)
        #expect(action == expectedAction)
        #expect(lifecycle.state == expectedState)
    }

    @Test("a motion dies when rejections leave too few voters for its quorum, and a second approval counts once")
    func quorumArithmetic() {
        var lifecycle = MotionLifecycle(quorum: 3, eligible: ["a", "b", "c", "d"])
        #expect(lifecycle.approve(by: "a") == .counted)
        #expect(lifecycle.approve(by: "a") == .countedOnce)
        #expect(lifecycle.approvals.count == 1)
        #expect(lifecycle.reject(by: "b") == .counted)
        #expect(lifecycle.canStillPass)
        #expect(lifecycle.reject(by: "c") == .release)
        #expect(lifecycle.state == .rejected)
        #expect(lifecycle.approve(by: "d") == .refuse(.closed))
    }
}
