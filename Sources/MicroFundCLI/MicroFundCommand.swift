public import ArgumentParser
import MicroFundLedger

/// `microfund`: the ledger service's command-line front end. In local mode
/// it opens the embedded SQLite store in `--data DIR` and submits through
/// the same write path as every other front end.
public struct MicroFundCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "microfund",
        abstract: "A signed, verifiable ledger for community micro-renewal funds.",
        discussion: """
            Amounts on the command line are in yuan for CNY (up to two decimals), hours for \
            LABOUR and EXPERTISE (or minutes with an m suffix), and square-metre-days for SPACE; \
            the ledger stores fen, minutes and m²·days.
            """,
        version: "0.1.0",
        subcommands: [
            Initialize.self, Keygen.self, PartyCommand.self, NeedCommand.self, Donate.self, Refund.self, ReceiptCommand.self, ReverseCommand.self,
            PledgeCommand.self, MotionCommand.self, Disburse.self, Tick.self, PolicyCommand.self, Sign.self, Submit.self, Balance.self, Verify.self, JournalCommand.self,
            KeyCommand.self, CheckpointCommand.self, ProofCommand.self, VerifyProof.self,
            OfferCommand.self, MatchCommand.self, ReportCommand.self, ExportCommand.self, Demo.self, Bench.self,
        ]
    )

    public init() {}

    /// Parses `arguments` and runs the command, printing failures as
    /// `error[CODE]: message` on stderr. Returns the process exit code.
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
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
            StandardError.write(CommandFailure(.usage, message + " (see --help)").description)
            return code.rawValue
        }
    }

    private static func isParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).contains("ArgumentParser")
    }
}
