import Hummingbird
import MicroFundLedger

/// Responses with the media types docs/http.md names.
enum Reply {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) throws(Problem) -> Response {
        let bytes: [UInt8]
        do { bytes = try CanonicalJSON.encode(value) } catch { throw Problem(error) }
        return raw(bytes + [0x0A], type: "application/json", status: status)
    }

    /// JSON already rendered (a report, balances, a proof), newline-terminated.
    static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
        raw(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), type: "application/json", status: status)
    }

    static func text(_ text: String, type: String = "text/plain; charset=utf-8") -> Response {
        raw(Array(text.utf8), type: type)
    }

    static func raw(_ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
