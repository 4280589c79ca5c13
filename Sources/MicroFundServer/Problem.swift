import HTTPTypes
public import Hummingbird
public import MicroFundLedger
import MicroFundMatching
public import MicroFundService
import MicroFundStore

/// A refusal as RFC 9457 `application/problem+json`: `type`, `title`,
/// `status`, `detail`, and the stable `code` a client switches on — the
/// same code the CLI prints as `error[CODE]`. Overload and shutdown carry
/// `Retry-After`.
public struct Problem: Error, HTTPResponseError, Sendable {
    public let code: String
    public let detail: String
    public let status: HTTPResponse.Status
    public let retryAfterSeconds: Int?
    /// For `method_not_allowed`: the methods the path takes (`Allow`).
    public var allow: [String] = []

    public init(_ code: String, _ detail: String, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.detail = detail
        self.status = ProblemStatus.status(of: code)
        self.retryAfterSeconds = retryAfterSeconds ?? (status == .serviceUnavailable ? 1 : nil)
    }

    public init(_ code: ServerCode, _ detail: String, retryAfterSeconds: Int? = nil, allow: [String] = []) {
        self.init(code.rawValue, detail, retryAfterSeconds: retryAfterSeconds)
        self.allow = allow
    }

    public init(_ error: ServiceError) {
        self.init(error.code, error.message)
    }

    public init(_ error: LedgerError) {
        self.init(error.code.rawValue, error.message)
    }

    /// The problem's `type`: a URN naming the code, stable like the code.
    public static func type(of code: String) -> String { "urn:microfund:problem:" + code }

    /// What the code means in English.
    public static func title(of code: String) -> String {
        if let known = LedgerError.Code(rawValue: code) { return known.meaning(.en) }
        if let known = ServerCode(rawValue: code) { return known.meaning(.en) }
        if let known = ReportCode(rawValue: code) { return known.meaning(.en) }
        if let known = MatchError.Code(rawValue: code) { return known.meaning(.en) }
        if code == ServiceError.invalidTime { return "not a time MicroFund reads" }
        return "refused"
    }

    public var json: JSONValue {
        .object([
            "type": .string(Self.type(of: code)), "title": .string(Self.title(of: code)),
            "status": .integer(Int64(status.code)), "detail": .string(LedgerError.oneLine(detail)), "code": .string(code),
        ])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if !allow.isEmpty { headers[.allow] = allow.joined(separator: ", ") }
        let bytes = (try? CanonicalJSON.encode(json)) ?? Array(#"{"code":"internal_error"}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes + [0x0A])))
    }
}
