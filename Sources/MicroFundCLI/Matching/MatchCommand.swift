import ArgumentParser
import MicroFundLedger
import MicroFundClient
import MicroFundService
import MicroFundMatching
import MicroFundStore

/// `microfund match`: propose who gives what to which need.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: Words.say("Propose an optimal allocation of offers to needs, each line explained.", "提出资源供给与需求的最优匹配方案，逐项说明理由。"),
        discussion: """
            Without --input, matches the ledger's open needs (approved, not yet accepted, not \
            disputed) and live offers, net of what is already pledged; --accept turns one \
            party's proposals into signed pledge.make envelopes and submits them (--unsigned \
            prints them for offline signing instead). With --input FILE, solves a \
            match-instance/1 problem (docs/matching.md). --json prints match-result/1.
            """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("A match-instance/1 problem file ('-' for standard input) instead of the ledger.", valueName: "file"))
    var input: String?

    @Flag(help: "Print match-result/1 JSON instead of text.")
    var json = false

    @Flag(help: "Use the greedy first-fit baseline instead of the optimum (for comparison).")
    var greedy = false

    @Flag(help: "Turn --party's proposals into pledges (signed with --key and submitted).")
    var accept = false

    @Option(help: ArgumentHelp("With --accept: the party whose proposals to accept.", valueName: "party"))
    var party: String?

    @Option(help: ArgumentHelp("With --accept: the party's private key.", valueName: "file"))
    var key: String?

    @Flag(help: "With --accept: print the pledges unsigned, one JSON line each, for `microfund sign`.")
    var unsigned = false

    @Option(help: ArgumentHelp("The time to match at, and with --accept the pledges' time (RFC 3339 with an offset, or a date); defaults to now. Windows that end before it are left out.", valueName: "time"))
    var time: String?

    func validate() throws {
        if input != nil && accept { throw ValidationError("--accept works on the ledger's proposals, not on --input") }
        if accept && party == nil { throw ValidationError("--accept needs --party") }
        if accept && key == nil && !unsigned { throw ValidationError("--accept needs --key (or --unsigned)") }
        if !accept && (party != nil || key != nil || unsigned) { throw ValidationError("--party, --key and --unsigned go with --accept") }
        if greedy && accept { throw ValidationError("only the optimum can be accepted, not --greedy") }
    }

    func run() async throws {
        if let input {
            let plan = try solve(try ProblemFile.decode(input))
            StandardOutput.write(json ? ResultEncoder.encode(plan) : PlanText.render(plan))
            return
        }
        if json, !accept, !greedy, let remote = try data.remote() {
            StandardOutput.write(try await remote.fetch("/v1/match", query: time.map { [("time", $0)] } ?? []).text)
            return
        }
        let state = try await data.reader().loadState()
        let now = try time.map { try TimeText.parse($0, clock: .of(state), what: "--time", language: Words.language) } ?? WallClock.now
        let ledgerProblem = LedgerProblem(state, now: now)
        let plan = try solve(ledgerProblem.problem)
        if accept {
            try await Acceptance(state: state, problem: ledgerProblem, plan: plan, party: party!, key: key, unsigned: unsigned,
                           time: now, data: data).run()
        } else {
            StandardOutput.write(json ? ResultEncoder.encode(plan) : PlanText.render(plan, names: state))
        }
    }

    private func solve(_ problem: MatchProblem) throws -> MatchPlan {
        try MatchProposal.solve(problem, greedy: greedy)
    }
}
