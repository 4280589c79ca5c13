public import AsyncHTTPClient
import Foundation
public import MicroFundLedger
public import MicroFundService
import NIOCore
import NIOHTTP1

/// A running `microfund serve` (docs/http.md), reached over HTTP with
/// async-http-client: the remote gateway the CLI uses with `--server`.
/// Envelopes are signed before they come here; keys never leave the
/// client. A refusal comes back as the server's problem, with its code.
public struct RemoteLedger: Sendable {
    /// `http://host:port`, without a trailing slash.
    public let base: String
    private let client: HTTPClient
    /// Seconds a request may take, from connecting to the last byte.
    public let timeoutSeconds: Int64

    public init(_ url: String, client: HTTPClient = .shared, timeoutSeconds: Int64 = 60) throws(ServiceError) {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        guard let parsed = URL(string: base), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil,
              parsed.path.isEmpty, parsed.query == nil
        else {
            throw ServiceError(ClientCode.serverInvalid.rawValue, "\(url) is not a server address such as http://127.0.0.1:8080")
        }
        self.base = base
        self.client = client
        self.timeoutSeconds = timeoutSeconds
    }

    /// An answer as received: status, content type and body.
    public struct Answer: Sendable {
        public let status: Int
        public let contentType: String
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// The problem+json refusal, as the code and detail it carries.
        public var problem: ServiceError? {
            guard status >= 400 else { return nil }
            guard contentType.hasPrefix("application/problem+json"), let object = try? JSONParser.parse(body).objectValue,
                  let code = object["code"]?.stringValue
            else {
                return ServiceError(ClientCode.serverAnswerInvalid.rawValue, "the server answered \(status) without a problem document")
            }
            return ServiceError(code, object["detail"]?.stringValue ?? "")
        }
    }

    /// `GET path?query`; any status is returned, not thrown.
    public func get(_ path: String, query: [(String, String)] = [], accept: String? = nil) async throws(ServiceError) -> Answer {
        try await send(.GET, path, query: query, body: nil, type: nil, accept: accept)
    }

    public func post(_ path: String, body: [UInt8], type: String, query: [(String, String)] = []) async throws(ServiceError) -> Answer {
        try await send(.POST, path, query: query, body: body, type: type, accept: nil)
    }

    /// The body of a 2xx answer, or the problem it carries thrown.
    public func fetch(_ path: String, query: [(String, String)] = []) async throws(ServiceError) -> Answer {
        let answer = try await get(path, query: query)
        if let problem = answer.problem { throw problem }
        return answer
    }

    private func send(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: [UInt8]?, type: String?, accept: String?) async throws(ServiceError) -> Answer {
        var request = HTTPClientRequest(url: base + path + Self.queryString(query))
        request.method = method
        request.headers.add(name: "User-Agent", value: "microfund")
        if let accept { request.headers.add(name: "Accept", value: accept) }
        if let body, let type {
            request.headers.add(name: "Content-Type", value: type)
            request.body = .bytes(body)
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(timeoutSeconds))
            let bytes = try await response.body.collect(upTo: 1 << 30)
            return Answer(
                status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type") ?? "",
                headers: response.headers.map { ($0.name, $0.value) }, body: Array(bytes.readableBytesView))
        } catch {
            throw ServiceError(ClientCode.serverUnreachable.rawValue, "cannot reach \(base): \(error)")
        }
    }

    /// `?a=1&b=x`, each value percent-encoded.
    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
    }

    /// A path segment percent-encoded (an id, an account path).
    public static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The remote gateway's own stable codes (docs/protocol.md §9.1).
public enum ClientCode: String, CaseIterable, Sendable {
    /// `--server` (or `MICROFUND_SERVER`) is not an http(s) address.
    case serverInvalid = "server_invalid"
    /// The server could not be reached, or the connection broke.
    case serverUnreachable = "server_unreachable"
    /// The server's answer was not what docs/http.md says it sends.
    case serverAnswerInvalid = "server_answer_invalid"

    public func meaning(_ language: Language) -> String {
        switch self {
        case .serverInvalid: language.pick("not a server address", "不是有效的服务器地址")
        case .serverUnreachable: language.pick("the server cannot be reached", "无法连接服务器")
        case .serverAnswerInvalid: language.pick("the server's answer is not as documented", "服务器的应答不合约定")
        }
    }
}
