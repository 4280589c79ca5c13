public import MicroFundLedger

/// A use case's refusal: a stable code (the ledger's, or a report's own,
/// `ReportCode`) and what went wrong. The CLI prints it as `error[CODE]`,
/// the server as problem+json with the same code.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let message: String
    /// What the error is about (an id), for a front end's "did you mean".
    public let subject: String?

    public init(_ code: String, _ message: String, subject: String? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
    }

    public init(_ code: LedgerError.Code, _ message: String, subject: String? = nil) {
        self.init(code.rawValue, message, subject: subject)
    }

    public init(_ code: ReportCode, _ message: String) {
        self.init(code.rawValue, message)
    }

    public init(_ error: LedgerError) {
        self.init(error.code.rawValue, error.message, subject: error.subject)
    }

    /// A time that is neither RFC 3339 with an offset nor a plain date
    /// (docs/protocol.md §9.1).
    public static let invalidTime = "invalid_time"

    public var description: String { "error[\(code)]: \(message)" }
}
