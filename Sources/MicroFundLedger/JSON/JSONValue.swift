/// A JSON value as the wire protocol admits it.
///
/// Numbers keep their lexeme: the protocol allows only integers, and a
/// value that is not one (or is too large) must be reported precisely rather
/// than silently rounded through `Double`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { value } else { nil }
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { value } else { nil }
    }

    /// An integer value, for building envelopes in code.
    public static func integer(_ value: Int64) -> JSONValue {
        .number(JSONNumber(lexeme: String(value)))
    }
}

/// A JSON number, kept as written.
public struct JSONNumber: Sendable, Equatable {
    /// The number exactly as it appeared in the input.
    public let lexeme: String

    public init(lexeme: String) {
        self.lexeme = lexeme
    }

    /// Whether the lexeme has neither a fraction nor an exponent.
    public var isInteger: Bool {
        !lexeme.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as `Int64` when it is an integer that fits; nil otherwise.
    public var int64: Int64? {
        isInteger ? Int64(lexeme) : nil
    }

    /// 2^53 − 1: the largest integer every JSON implementation holds exactly
    /// (RFC 8785 §3.2.2.3, I-JSON RFC 7493 §2.2).
    public static let maximumSafeInteger: Int64 = 9_007_199_254_740_991
}
