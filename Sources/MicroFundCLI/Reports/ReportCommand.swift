public import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundClient
import MicroFundReports
public import MicroFundService
import MicroFundStore

/// `microfund report KIND` and `microfund report verify`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: Words.say("Reports anyone can check: balance, statement, resources, coverage, contribution, trial; and verify.", "人人可核对的报表：资产负债表、收支表、资源台账、机会清单覆盖、贡献证明、试算平衡表；以及核验。"),
        discussion: """
            Each report is computed from one snapshot of the ledger at a point (the last entry, \
            --at SEQ, or --date DATE: the last entry at or before it) and names the checkpoint \
            (journal size and Merkle root) it reflects. A statement covers --from DATE (exclusive \
            of earlier entries) to --to DATE or the point. docs/reports.md describes every report.
            """,
        subcommands: [Make.self, Verify.self],
        defaultSubcommand: Make.self
    )

    struct Make: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "make", abstract: Words.say("Compute a report.", "生成报表。"), shouldDisplay: false)

        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("balance, statement, resources, coverage, contribution or trial.", valueName: "kind"))
        var kind: String
        @Option(help: "text, csv, json or html.")
        var format: ReportFormat = .text
        @Option(help: ArgumentHelp("Labels: zh or en (default: the locale's, zh for zh_*).", valueName: "lang"))
        var lang: Language?
        @Option(help: ArgumentHelp("The report at entry SEQ.", valueName: "seq"))
        var at: UInt64?
        @Option(help: ArgumentHelp("The report at the last entry at or before DATE (YYYY-MM-DD, or RFC 3339).", valueName: "date"))
        var date: String?
        @Option(help: ArgumentHelp("Statement: the period starts at DATE.", valueName: "date"))
        var from: String?
        @Option(help: ArgumentHelp("Statement: the period ends with DATE.", valueName: "date"))
        var to: String?
        @Option(help: ArgumentHelp("Contribution: the party.", valueName: "party"))
        var party: String?
        @Option(help: ArgumentHelp("Coverage: only this need.", valueName: "need"))
        var need: String?
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
        var out: String?

        func validate() throws {
            guard Report.Kind(rawValue: kind) != nil else { throw ValidationError("the report must be one of \(Report.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
            if [at != nil, date != nil, to != nil].filter({ $0 }).count > 1 { throw ValidationError("give at most one of --at, --date and --to") }
            if (from != nil || to != nil) && kind != "statement" { throw ValidationError("--from and --to are for the statement") }
            if (party != nil) != (kind == "contribution") { throw ValidationError("--party goes with, and only with, the contribution statement") }
            if need != nil && kind != "coverage" { throw ValidationError("--need goes with the coverage report") }
        }

        func run() async throws {
            if let remote = try data.remote() {
                // The server computes it from one snapshot: the same bytes.
                var query: [(String, String)] = [("format", format.rawValue), ("lang", (lang ?? Words.language).rawValue)]
                for (name, value) in [("at", at.map(String.init)), ("date", date), ("from", from), ("to", to), ("party", party), ("need", need)] {
                    if let value { query.append((name, value)) }
                }
                try Output.write(try await remote.fetch("/v1/reports/\(kind)", query: query).text, to: out)
                return
            }
            let reader = try await data.reader()
            // Reports name parties and needs and ask the store for the rest
            // (balances, payouts, pending pledges, a party's transfers):
            // no journal-sized table is loaded.
            let state = try reader.loadDirectory()
            let report = try ReportQuery(reader: reader, state: state, language: Words.language).make(
                Report.Kind(rawValue: kind)!, at: at, date: date, from: from, to: to, party: party, need: need, now: WallClock.now)
            let text = try format.render(report, language: lang ?? Words.language, clock: LocalClock.of(state))
            try Output.write(text, to: out)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.say("Recompute a JSON report from the journal at its point and check it matches, checkpoint included.", "按日志在报表所在点重新计算 JSON 报表，核对是否一致（含检查点）。"))
        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("A report written with --format json.", valueName: "file"))
        var file: String

        func run() async throws {
            let bytes = try InputFile.read(file)
            guard let value = try? JSONParser.parse(bytes), let claim = JSONRenderer.claim(value) else {
                throw CommandFailure(ReportCode.malformed.rawValue, "\(file) is not a microfund-report/1 JSON report")
            }
            let reader = try await data.reader()
            let state = try reader.loadDirectory()
            guard claim.ledger == state.origin else {
                throw CommandFailure(ReportCode.otherLedger.rawValue, "\(file) is a report of \(claim.ledger), not of \(state.origin ?? "?")")
            }
            let maker = ReportQuery(reader: reader, state: state, language: Words.language)
            let again = try maker.make(claim.kind, at: claim.size, date: nil, fromSequence: claim.from, party: claim.party, need: claim.need, now: WallClock.now)
            let expected = try CanonicalJSON.encode(JSONRenderer.json(again))
            guard let canonical = try? CanonicalJSON.encode(value), canonical == expected else {
                throw CommandFailure(ReportCode.mismatch.rawValue, "\(file) differs from the \(claim.kind.rawValue) report the journal gives at entry \(claim.size)")
            }
            StandardOutput.write("ok: \(claim.kind.rawValue) report at entry \(claim.size) matches the journal (root \(ByteEncodingText.base64(again.root)))")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

enum Output {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            Stream.write(FileHandle.standardOutput, text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

enum ByteEncodingText {
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
