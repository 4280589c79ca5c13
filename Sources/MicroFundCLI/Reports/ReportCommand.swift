import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundReports
import MicroFundService
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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json, html
    }

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "make", abstract: Words.say("Compute a report.", "生成报表。"), shouldDisplay: false)

        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("balance, statement, resources, coverage, contribution or trial.", valueName: "kind"))
        var kind: String
        @Option(help: "text, csv, json or html.")
        var format: Format = .text
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

        func run() throws {
            let reader = try data.directory.read()
            // Reports name parties and needs and ask the store for the rest
            // (balances, payouts, pending pledges, a party's transfers):
            // no journal-sized table is loaded.
            let state = try reader.loadDirectory()
            let report = try ReportMaker(reader: reader, state: state).make(
                Report.Kind(rawValue: kind)!, at: at, date: date, from: from, to: to, party: party, need: need)
            let text: String
            let clock = LocalClock.of(state)
            let language = lang ?? Words.language
            switch format {
            case .text: text = TextRenderer.render(report, language: language, clock: clock)
            case .csv: text = CSVRenderer.render(report, language: language, clock: clock)
            case .json: text = try JSONRenderer.render(report) + "\n"
            case .html: text = HTMLRenderer.render(report, language: language, clock: clock)
            }
            try Output.write(text, to: out)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.say("Recompute a JSON report from the journal at its point and check it matches, checkpoint included.", "按日志在报表所在点重新计算 JSON 报表，核对是否一致（含检查点）。"))
        @OptionGroup var data: DataOptions
        @Argument(help: ArgumentHelp("A report written with --format json.", valueName: "file"))
        var file: String

        func run() throws {
            let bytes = try InputFile.read(file)
            guard let value = try? JSONParser.parse(bytes), let claim = JSONRenderer.claim(value) else {
                throw CommandFailure(ReportCode.malformed.rawValue, "\(file) is not a microfund-report/1 JSON report")
            }
            let reader = try data.directory.read()
            let state = try reader.loadDirectory()
            guard claim.ledger == state.origin else {
                throw CommandFailure(ReportCode.otherLedger.rawValue, "\(file) is a report of \(claim.ledger), not of \(state.origin ?? "?")")
            }
            let maker = ReportMaker(reader: reader, state: state)
            let again = try maker.make(claim.kind, at: claim.size, date: nil, fromSequence: claim.from, party: claim.party, need: claim.need)
            let expected = try CanonicalJSON.encode(JSONRenderer.json(again))
            guard let canonical = try? CanonicalJSON.encode(value), canonical == expected else {
                throw CommandFailure(ReportCode.mismatch.rawValue, "\(file) differs from the \(claim.kind.rawValue) report the journal gives at entry \(claim.size)")
            }
            StandardOutput.write("ok: \(claim.kind.rawValue) report at entry \(claim.size) matches the journal (root \(ByteEncodingText.base64(again.root)))")
        }
    }
}

/// Resolves a point and computes the report there.
struct ReportMaker {
    let reader: any LedgerReader
    let state: LedgerState

    func make(_ kind: Report.Kind, at: UInt64?, date: String?, from: String? = nil, to: String? = nil, fromSequence: UInt64? = nil, party: String?, need: String? = nil) throws -> Report {
        let point = try ReportPoint(reader)
        let clock = LocalClock.of(state)
        var sequence = point.size
        if let at { sequence = try point.sequence(at: at) }
        if let date { sequence = try point.sequence(atOrBefore: try bounded(TimeText.parse(date, clock: clock, endOfDay: true, what: "--date")), what: "--date \(date)") }
        if let to { sequence = try point.sequence(atOrBefore: try bounded(TimeText.parse(to, clock: clock, endOfDay: true, what: "--to")), what: "--to \(to)") }
        let source = try ReportSources.source(reader, state: state, at: sequence)
        switch kind {
        case .balance: return try source.balanceSheet()
        case .trial: return source.trialBalance()
        case .coverage:
            var report = try source.coverage(need: need)
            report.need = need
            return report
        case .resources: return try source.resources()
        case .contribution:
            guard let party, state.parties[party] != nil else {
                throw CommandFailure(LedgerError(.partyUnknown, "\(party ?? "") is not a registered party"))
            }
            return try source.contribution(of: party)
        case .statement:
            var start: UInt64 = fromSequence ?? 0
            if let from {
                let begin = try TimeText.parse(from, clock: clock, endOfDay: false, what: "--from")
                if let to, try TimeText.parse(to, clock: clock, endOfDay: true, what: "--to") < begin {
                    throw CommandFailure(ReportCode.periodInvalid.rawValue, "--from \(from) is after --to \(to)")
                }
                // Entries before the period's first second.
                start = try begin <= point.time(of: 1) ? 0 : point.sequence(atOrBefore: Timestamp.fromEpoch(seconds: begin.seconds - 1), what: "--from")
            }
            guard start <= sequence else {
                throw CommandFailure(ReportCode.periodInvalid.rawValue, "the period starts after entry \(start), past its end at entry \(sequence)")
            }
            var report = try source.statement(from: start)
            // People read a period as dates: its first entry's time.
            report.fromTime = start < sequence ? try point.time(of: start + 1) : report.time
            return report
        }
    }

    /// A date after now is an error: the ledger cannot report the future.
    private func bounded(_ time: Timestamp) throws -> Timestamp {
        let now = WallClock.now
        guard time.seconds <= now.seconds + 86_400 else {
            throw CommandFailure(ReportCode.dateOutOfRange.rawValue, "\(time.text) is in the future")
        }
        return time
    }
}

enum Output {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
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
