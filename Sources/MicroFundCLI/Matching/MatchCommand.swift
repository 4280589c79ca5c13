import ArgumentParser
import MicroFundMatching

/// `microfund match`: propose who gives what to which need.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Propose an optimal allocation of offers to needs, each line explained.",
        discussion: """
            With --input FILE, solves a match-instance/1 problem (docs/matching.md) and prints \
            the plan; --json prints it as match-result/1.
            """
    )

    @Option(help: ArgumentHelp("A match-instance/1 problem file ('-' for standard input).", valueName: "file"))
    var input: String

    @Flag(help: "Print match-result/1 JSON instead of text.")
    var json = false

    @Flag(help: "Use the greedy first-fit baseline instead of the optimum (for comparison).")
    var greedy = false

    func run() throws {
        let problem = try ProblemFile.decode(input)
        let graph = CandidateGraph(problem: problem)
        let plan = greedy ? Greedy.plan(graph) : Matcher.plan(graph, Matcher.solve(graph))
        StandardOutput.write(json ? ResultEncoder.encode(plan) : PlanText.render(plan))
    }
}
