public import MicroFundCrypto
public import MicroFundLedger
public import MicroFundService

/// A failure the CLI reports as `error[CODE]: message` on stderr with a
/// non-zero exit. Codes are the ledger's own where the ledger refused, and
/// CLI-level ones (docs/protocol.md §9.1) for files and set-up.
public struct CommandFailure: Error, CustomStringConvertible {
    /// The command line's own stable codes (docs/protocol.md §9.1), beside
    /// the ledger's and the crypto wrapper's.
    public enum Code: String, CaseIterable, Sendable {
        case usage
        case notInitialized = "not_initialized"
        case alreadyInitialized = "already_initialized"
        case verifyFailed = "verify_failed"
        case inputEmpty = "input_empty"
        case invalidAmount = "invalid_amount"
        case invalidTime = "invalid_time"
        case notADonation = "not_a_donation"
        case keyPermissions = "key_permissions"
        case publicKeyGiven = "public_key_given"
        case keyUnknown = "key_unknown"
        case fileUnreadable = "file_unreadable"
        case fileExists = "file_exists"
        case fileTooLarge = "file_too_large"
        case ioError = "io_error"
        case invalidFixture = "invalid_fixture"
        case benchFailed = "bench_failed"
    }

    public let code: String
    public let message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public init(_ code: Code, _ message: String) {
        self.init(code.rawValue, message)
    }

    public init(_ error: LedgerError) {
        self.init(error.code.rawValue, error.message)
    }

    public init(_ error: ServiceError) {
        self.init(error.code, error.message)
    }

    public init(_ error: CryptoError) {
        self.init(error.code.rawValue, error.message)
    }

    /// One line, with any text it quotes escaped (`LedgerError.oneLine`).
    /// In Chinese the code's meaning leads and the specifics follow
    /// (`error[overdraft]: 账户可用余额不足：…`); the code is the same in
    /// every language.
    public var description: String { line(in: Words.language) }

    public func line(in language: Language) -> String {
        guard language == .zh, let meaning = Words.meaning(ofCode: code, in: .zh) else {
            return "error[\(code)]: \(LedgerError.oneLine(message))"
        }
        return "error[\(code)]: \(meaning)：\(LedgerError.oneLine(message))"
    }

    /// Converts any error the libraries throw into a reportable failure.
    static func from(_ error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: failure
        case let ledger as LedgerError: CommandFailure(ledger)
        case let crypto as CryptoError: CommandFailure(crypto)
        default: CommandFailure(.ioError, "\(error)")
        }
    }
}
