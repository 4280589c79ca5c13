public import MicroFundLedger

/// The HTTP front end's own stable codes (docs/http.md §5), beside the
/// ledger's, the reports' and the matcher's. Never renamed or reused.
public enum ServerCode: String, CaseIterable, Sendable {
    /// No route has that path.
    case routeUnknown = "route_unknown"
    /// The path exists but not with that method.
    case methodNotAllowed = "method_not_allowed"
    /// A path or query parameter is not what the route takes (a sequence
    /// number that is not a number, an unknown format or language, a limit
    /// out of range, a parameter the route does not know).
    case requestInvalid = "request_invalid"
    /// The request body is over the limit (1 MiB by default).
    case bodyTooLarge = "body_too_large"
    /// A batch holds more envelopes than the limit (1,024 by default).
    case batchTooLarge = "batch_too_large"
    /// The body's `Content-Type` is not one the route takes.
    case unsupportedMediaType = "unsupported_media_type"
    /// The body did not arrive within the request time limit.
    case requestTimeout = "request_timeout"
    /// The write queue is full: try again after `Retry-After` seconds.
    case overloaded
    /// The service is stopping: try again (elsewhere, or after it restarts).
    case shuttingDown = "shutting_down"
    /// No transaction with that id is in the journal.
    case transactionUnknown = "transaction_unknown"
    /// The server failed in a way it did not foresee; nothing was accepted.
    case internalError = "internal_error"

    /// What the code means (in English, a problem's `title`).
    public func meaning(_ language: Language) -> String {
        switch self {
        case .routeUnknown: language.pick("no such route", "没有这个路径")
        case .methodNotAllowed: language.pick("method not allowed on this route", "该路径不接受此方法")
        case .requestInvalid: language.pick("a path or query parameter is invalid", "路径或查询参数无效")
        case .bodyTooLarge: language.pick("request body too large", "请求体过大")
        case .batchTooLarge: language.pick("batch holds too many envelopes", "批量中的信封过多")
        case .unsupportedMediaType: language.pick("unsupported content type", "不支持的内容类型")
        case .requestTimeout: language.pick("request body not received in time", "未能及时收到请求体")
        case .overloaded: language.pick("the write queue is full", "写入队列已满")
        case .shuttingDown: language.pick("the service is shutting down", "服务正在停止")
        case .transactionUnknown: language.pick("no such transaction", "没有这笔交易")
        case .internalError: language.pick("internal server error", "服务内部错误")
        }
    }
}
