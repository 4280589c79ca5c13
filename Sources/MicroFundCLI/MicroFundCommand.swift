public import ArgumentParser
import Foundation
import MicroFundReports
import MicroFundLedger
import MicroFundService

/// `microfund`: the ledger service's command-line front end. In local mode
/// it opens the embedded SQLite store in `--data DIR` and submits through
/// the same write path as every other front end.
public struct MicroFundCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "microfund",
        abstract: Words.say("A signed, verifiable ledger for community micro-renewal funds.", "社区微更新基金的签名、可核验账本。"),
        discussion: Words.say("""
            Amounts on the command line are in yuan for CNY (up to two decimals), hours for \
            LABOUR and EXPERTISE (or minutes with an m suffix), and square-metre-days for SPACE; \
            the ledger stores fen, minutes and m²·days. Messages and reports follow the locale \
            (LANG=zh_CN.UTF-8 for Chinese); --lang zh|en overrides it.
            """, """
            命令行中的金额：现金（CNY）以元为单位（最多两位小数），志愿工时（LABOUR）和专业服务（EXPERTISE）\
            以小时为单位（或以 m 结尾表示分钟），场地（SPACE）以平方米·天为单位；账本内部记为分、分钟和平方米·天。\
            提示信息和报表的语言随系统区域设置（LANG=zh_CN.UTF-8 为中文）；--lang zh|en 可另行指定。
            """) + "\n\n" + Glossary.text,
        version: "0.1.0",
        subcommands: [
            Initialize.self, Keygen.self, PartyCommand.self, NeedCommand.self, Donate.self, Refund.self, ReceiptCommand.self, ReverseCommand.self,
            PledgeCommand.self, MotionCommand.self, Disburse.self, Tick.self, PolicyCommand.self, Sign.self, Submit.self, Balance.self, Verify.self, JournalCommand.self,
            KeyCommand.self, CheckpointCommand.self, ProofCommand.self, VerifyProof.self,
            OfferCommand.self, MatchCommand.self, ReportCommand.self, ExportCommand.self, ServeCommand.self, Demo.self, Bench.self,
        ]
    )

    public init() {}

    /// Parses `arguments` and runs the command, printing failures as
    /// `error[CODE]: message` on stderr. Returns the process exit code.
    public static func run(arguments: [String]) async -> Int32 {
        if let language = Words.requested(in: arguments) { Words.language = language }
        if let help = reportHelp(arguments) {
            StandardOutput.write(help)
            return 0
        }
        if let misspelt = misspeltCommand(arguments) {
            StandardError.write(CommandFailure(.usage, misspelt).description)
            return 64
        }
        do {
            var command = try parseAsRoot(arguments)
            if var writing = command as? any AsyncParsableCommand {
                try await writing.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let failure as CommandFailure {
            StandardError.write(failure.description)
            // docs/protocol.md §9.1: usage errors exit 2, like the parser's.
            return failure.code == CommandFailure.Code.usage.rawValue ? 2 : 1
        } catch let error as LedgerError {
            StandardError.write(CommandFailure(error).description)
            return 1
        } catch let error as ServiceError {
            StandardError.write(CommandFailure(error).description)
            return 1
        } catch {
            let code = exitCode(for: error)
            if code.rawValue != 0 && !(error is ValidationError) && !isParserError(error) {
                StandardError.write(CommandFailure.from(error).description)
                return 1
            }
            if code.rawValue == 0 {
                StandardOutput.write(fullMessage(for: error))
                return 0
            }
            // One line, as every error: the parser's message quotes what was typed.
            var message = self.message(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            StandardError.write(CommandFailure(.usage, message + Words.say(" (see --help)", "（见 --help）")).description)
            return code.rawValue
        }
    }

    /// `report statement --help`: the report command's help, its usage line
    /// naming the report asked about (the parser would say `report make <kind>`).
    static func reportHelp(_ arguments: [String]) -> String? {
        guard arguments.count >= 3, arguments[0] == "report", Report.Kind(rawValue: arguments[1]) != nil,
              arguments.contains("--help") || arguments.contains("-h") else { return nil }
        return helpMessage(for: ReportCommand.Make.self)
            .replacingOccurrences(of: "microfund report make [--data <dir>] [--server <url>] <kind>", with: "microfund report \(arguments[1]) [--data <dir>] [--server <url>]")
    }

    /// "unknown command donat; did you mean donate?": the first words of
    /// `arguments` walked down the command tree; nil when they name
    /// commands (or the parser has its own word to say).
    static func misspeltCommand(_ arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = MicroFundCommand.self
        var path = "microfund"
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                let names = subcommands.map { $0._commandName }
                guard let nearest = Suggestions.nearest(to: word, among: names) else { return nil }
                return "unknown command \(path) \(word); did you mean \(path) \(nearest)?"
            }
            command = next
            path += " " + word
        }
        return nil
    }

    private static func isParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).contains("ArgumentParser")
    }
}
