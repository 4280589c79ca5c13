import ArgumentParser
import MicroFundLedger
import MicroFundService
import MicroFundReports
import MicroFundStore

/// `microfund motion …`: committee motions.
struct MotionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion", abstract: Words.say("Committee motions that move needs through their six stages.", "推动需求经历六会各阶段的委员会动议。"),
        subcommands: [Propose.self, Approve.self, Reject.self, Withdraw.self, List.self, Show.self]
    )

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Propose a motion: move a need to its next stage, open or resolve a dispute on it, or change the policy (see also `disburse`).", "提出动议：推进需求到下一阶段、启动或结束矛盾协调，或修改规则（另见 `disburse`）。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("need.advance, dispute.open, dispute.resolve or policy.change.", valueName: "type"))
        var type: String
        @Option(help: ArgumentHelp("The need (not for policy.change).", valueName: "need"))
        var need: String?
        @Option(help: ArgumentHelp("For policy.change: the new policy as a JSON object (docs/protocol.md §4.2).", valueName: "file"))
        var policy: String?
        @Option(help: ArgumentHelp("For need.advance: approved, hearing_passed, in_progress, accepted or maintained.", valueName: "stage"))
        var stage: String?
        @Option(help: ArgumentHelp("Deadline: a time with its offset, or the end of a date; defaults to the policy's motion lifetime.", valueName: "time"))
        var deadline: String?

        func validate() throws {
            guard ["need.advance", "dispute.open", "dispute.resolve", "policy.change"].contains(type) else {
                throw ValidationError("--type must be need.advance, dispute.open, dispute.resolve or policy.change"
                    + (type == "disburse" ? "; a payout is proposed with `microfund disburse`" : type == "payout.reverse" ? "; a payout is reversed with `microfund reverse --payout MOTION`" : ""))
            }
            guard (type == "policy.change") == (need == nil) else { throw ValidationError(type == "policy.change" ? "policy.change takes no --need" : "--need is required") }
            guard (type == "policy.change") == (policy != nil) else { throw ValidationError("--policy goes with --type policy.change, and policy.change needs it") }
            if type == "need.advance" {
                guard let stage, let parsed = NeedStageMachine.Stage(rawValue: stage), parsed != .proposed else {
                    throw ValidationError("need.advance needs --stage approved, hearing_passed, in_progress, accepted or maintained")
                }
            } else if stage != nil {
                throw ValidationError("--stage goes with --type need.advance only")
            }
        }

        func run() async throws {
            let action: Motion.Action = switch type {
            case "need.advance": .advance(need: need!, to: NeedStageMachine.Stage(rawValue: stage!)!)
            case "dispute.open": .openDispute(need: need!)
            case "dispute.resolve": .resolveDispute(need: need!)
            default: .changePolicy(try Policy(json: JSONParser.parse(InputFile.read(policy!)), context: "policy"))
            }
            try await signing.submit(data: data, kind: .motionPropose) { ledger, id, author, time, clock in
                .proposeMotion(ledger: ledger, id: id, author: author, timestamp: time, action: action,
                               deadline: try deadline.map { try TimeText.parse($0, clock: clock, endOfDay: true, what: "--deadline", language: Words.language) })
            }
        }
    }

    /// What a vote or a withdrawal needs: the ledger, the signer, the motion.
    struct Target: ParsableArguments {
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The motion's id.", valueName: "id")) var motion: String

        func submit(_ kind: TransactionKind) async throws {
            try await signing.submit(data: data, kind: kind) { ledger, id, author, time in
                .motionVote(kind, ledger: ledger, id: id, author: author, timestamp: time, motion: motion)
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Approve a motion (committee members); the approval that completes its quorum carries it out.", "赞成动议（委员）；达到法定票数的那一票使其生效。"))
        @OptionGroup var target: Target
        func run() async throws { try await target.submit(.motionApprove) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Reject a motion (committee members).", "反对动议（委员）。"))
        @OptionGroup var target: Target
        func run() async throws { try await target.submit(.motionReject) }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Withdraw your own open motion.", "撤回自己提出的、仍在表决中的动议。"))
        @OptionGroup var target: Target
        func run() async throws { try await target.submit(.motionWithdraw) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("List motions with their state and votes.", "列出动议及其状态和票数。"))
        @OptionGroup var data: DataOptions

        func run() async throws {
            let state = try await data.reader().loadState()
            let clock = LocalClock.of(state)
            var table = TextTable(["motion", "proposes", "state", "approvals", "deadline"], alignments: [.left, .left, .left, .right, .left])
            for motion in state.motions.values.sorted(by: { ($0.proposedAt, $0.id) < ($1.proposedAt, $1.id) }) {
                table.rows.append([
                    motion.id, Acknowledgement.motionWords(motion.action, need: motion.action.need ?? "", language: Words.language),
                    motion.lifecycle.state.rawValue + (motion.lifecycle.state == .open && motion.deadline < WallClock.now ? " (overdue)" : "")
                        + (motion.reversedAt.map { ", reversed by #\($0)" } ?? ""),
                    "\(motion.lifecycle.approvals.count)/\(motion.lifecycle.quorum)", clock.format(motion.deadline),
                ])
            }
            StandardOutput.write(state.motions.isEmpty ? "no motions" : table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Show a motion: what it proposes, who approved or rejected it, and who may not count and why.", "查看动议：内容、谁赞成或反对、谁不计票及原因。"))
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("The motion's id.", valueName: "id")) var motion: String

        func run() async throws {
            let state = try await data.reader().loadState()
            guard let found = state.motions[motion] else { throw CommandFailure(LedgerError(.motionUnknown, "motion \(motion) does not exist" + Suggestions.hint(motion, among: state.motions.keys), subject: motion)) }
            let title = found.action.need.map { state.needs[$0]?.title ?? $0 } ?? ""
            func names(_ ids: Set<String>) -> String { ids.isEmpty ? "none" : ids.sorted().map { state.parties[$0]?.name ?? $0 }.joined(separator: ", ") }
            var lines = [
                "motion \(found.id): \(found.proposer) proposes to \(Acknowledgement.motionWords(found.action, need: title, language: Words.language))",
                "state: \(found.lifecycle.state.rawValue)" + (found.settledAt.map { " at entry \($0)" } ?? "")
                    + (found.reversedAt.map { ", reversed by entry \($0) (\(state.reversals[found.settledAt ?? 0]?.reason ?? ""))" } ?? "") + ", deadline \(LocalClock.of(state).format(found.deadline))",
                "quorum: \(found.lifecycle.quorum) of \(found.lifecycle.eligible.count) members who may count",
                "approved by: \(names(found.lifecycle.approvals))",
                "rejected by: \(names(found.lifecycle.rejections))",
            ]
            if case .changePolicy(let policy) = found.action {
                lines += policy.plainWords.map { "  " + $0 }
            }
            if case .advance(let need, .hearingPassed) = found.action {
                let tally = state.hearingTally(of: need)
                lines.append("hearing: \(tally.support) in support, \(tally.object) against")
                for voice in (state.voices[need] ?? [:]).values.sorted(by: { $0.recordedAt < $1.recordedAt }) {
                    lines.append("  \(voice.supports ? "for" : "against"): \(state.parties[voice.party]?.name ?? voice.party): \(voice.reason)")
                }
            }
            let conflicted = state.conflicts(of: (found.proposer, found.action)).filter { state.committee.contains($0.key) }
            for (party, reason) in conflicted.sorted(by: { $0.key < $1.key }) {
                lines.append("cannot count: \(state.parties[party]?.name ?? party) (\(reason)); an approval by it is refused with conflict_of_interest")
            }
            StandardOutput.write(lines.joined(separator: "\n"))
        }
    }
}

/// `microfund disburse`: proposes a disbursement motion.
struct Disburse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Propose paying a party for a need: the money is reserved now and paid when the committee's quorum approves.", "提议为某需求向参与方拨付：资金即刻预留，委员会达到法定票数时支付。")
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions
    @Option(help: ArgumentHelp("The need the money is for.", valueName: "need"))
    var need: String
    @Option(help: ArgumentHelp("The party paid.", valueName: "party"))
    var payee: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Yuan, up to two decimals.", valueName: "yuan"))
    var amount: String
    @Option(help: ArgumentHelp("pool, or earmark (the need's own earmarked money).", valueName: "source"))
    var from = "earmark"
    @Option(help: ArgumentHelp("Deadline: a time with its offset, or the end of a date; defaults to the policy's motion lifetime.", valueName: "time"))
    var deadline: String?
    @OptionGroup var note: NoteOptions

    func validate() throws {
        guard ["pool", "earmark"].contains(from) else { throw ValidationError("--from must be pool or earmark") }
    }

    func run() async throws {
        let fen = try AmountText.parse(amount, asset: .cny)
        let source: AccountPath = from == "pool" ? .pool(.cny) : .earmark(need: need, .cny)
        try await signing.submit(data: data, kind: .motionPropose) { ledger, id, author, time, clock in
            .proposeMotion(ledger: ledger, id: id, author: author, timestamp: time, action: .disburse(need: need, payee: payee, amount: fen, from: source),
                           deadline: try deadline.map { try TimeText.parse($0, clock: clock, endOfDay: true, what: "--deadline", language: Words.language) }, note: note.note)
        }
    }
}
