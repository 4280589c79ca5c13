/// A strict JSON parser (RFC 8259) for untrusted envelopes.
///
/// Stricter than most parsers on purpose, because a signature covers the
/// canonical form and two readings of one input must be impossible:
/// duplicate member names, invalid UTF-8, lone surrogates and raw control
/// characters are errors, and nesting is bounded.
///
/// In canonical mode, for stored journal entries, it also insists that the
/// input is already in RFC 8785 form (no whitespace, members in order,
/// minimal escapes, integers in plain decimal), so a reader can take
/// signed bytes straight from the input instead of encoding them again.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let depthMax = 32

    private let bytes: [UInt8]
    private let canonical: Bool
    private var index = 0
    private var depth = 0

    private init(bytes: [UInt8], canonical: Bool) {
        self.bytes = bytes
        self.canonical = canonical
    }

    /// Parses one JSON text; whitespace may surround it, nothing else may.
    /// With `canonical`, the text must be exactly its own RFC 8785 form,
    /// or parsing fails with `ledger_corrupt`.
    public static func parse(_ bytes: [UInt8], canonical: Bool = false) throws(LedgerError) -> JSONValue {
        // ASCII is valid UTF-8 (most protocol text is ASCII): only other
        // input pays for a full validation.
        guard bytes.allSatisfy({ $0 < 0x80 }) || String(validating: bytes, as: UTF8.self) != nil else {
            throw LedgerError(.invalidUTF8, "the input is not valid UTF-8")
        }
        var parser = JSONParser(bytes: bytes, canonical: canonical)
        try parser.skipWhitespace()
        let value = try parser.parseValue()
        try parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.malformed("unexpected data after the JSON value")
        }
        return value
    }

    private func malformed(_ message: String) -> LedgerError {
        LedgerError(.malformedJSON, "\(message) at byte \(index)")
    }

    /// The error for input that is JSON but not canonical JSON.
    private func notCanonical(_ message: String) -> LedgerError {
        LedgerError(.ledgerCorrupt, "not in canonical form: \(message) at byte \(index)")
    }

    private mutating func skipWhitespace() throws(LedgerError) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d:
                if canonical { throw notCanonical("whitespace") }
                index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(LedgerError) -> JSONValue {
        guard index < bytes.count else { throw malformed("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw malformed("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(LedgerError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw malformed("unexpected end of input") }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
            throw malformed("invalid literal")
        }
        index += count
    }

    private mutating func enter() throws(LedgerError) {
        depth += 1
        guard depth <= JSONParser.depthMax else {
            throw LedgerError(.malformedJSON, "nesting deeper than \(JSONParser.depthMax)")
        }
    }

    private mutating func parseObject() throws(LedgerError) -> JSONValue {
        try enter()
        index += 1
        var members = JSONObject(capacity: 8)
        try skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        // The previous member's name, as its raw bytes when they need no
        // unescaping (then byte order is code point order), for the order
        // check of canonical mode.
        var previous: (name: String, raw: Range<Int>?)?
        while true {
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw malformed("expected a member name") }
            let nameStart = index + 1
            let name = try parseString()
            if canonical {
                let raw = bytes[nameStart..<(index - 1)].contains(UInt8(ascii: "\\")) ? nil : nameStart..<(index - 1)
                if let previous, !Self.precedes(previous, (name, raw), in: bytes) {
                    throw notCanonical("member \"\(name.prefix(64))\" out of order")
                }
                previous = (name, raw)
            }
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw malformed("expected ':'") }
            index += 1
            try skipWhitespace()
            let value = try parseValue()
            if canonical {
                // Names in strictly ascending order cannot repeat.
                members.append(name, value)
            } else if members.updateValue(value, forKey: name) != nil {
                throw LedgerError(.duplicateKey, "member name \"\(name.prefix(64))\" appears twice")
            }
            try skipWhitespace()
            guard index < bytes.count else { throw malformed("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw malformed("expected ',' or '}'") }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    /// Whether member name `first` sorts strictly before `second` in RFC 8785
    /// order (UTF-16 code units), comparing raw bytes when both allow it.
    private static func precedes(_ first: (name: String, raw: Range<Int>?), _ second: (name: String, raw: Range<Int>?), in bytes: [UInt8]) -> Bool {
        if let a = first.raw, let b = second.raw {
            // Below U+10000 UTF-8 byte order is UTF-16 order; lead bytes
            // 0xF0 and up start the characters where they differ.
            var (i, j) = (a.lowerBound, b.lowerBound)
            while i < a.upperBound, j < b.upperBound {
                let (x, y) = (bytes[i], bytes[j])
                if x != y {
                    if x >= 0xf0 || y >= 0xf0 { break }
                    return x < y
                }
                (i, j) = (i + 1, j + 1)
            }
            if i == a.upperBound || j == b.upperBound { return i == a.upperBound && j < b.upperBound }
        }
        return first.name.utf16.lexicographicallyPrecedes(second.name.utf16)
    }

    private mutating func parseArray() throws(LedgerError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        try skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            try skipWhitespace()
            elements.append(try parseValue())
            try skipWhitespace()
            guard index < bytes.count else { throw malformed("unexpected end of input") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw malformed("expected ',' or ']'") }
            index += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func parseNumber() throws(LedgerError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw malformed("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw malformed("invalid fraction") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw malformed("invalid exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let number = JSONNumber(lexeme: String(decoding: bytes[start..<index], as: UTF8.self))
        if canonical {
            // The protocol's numbers are integers within ±(2^53 − 1), written
            // as ECMAScript writes them: no fraction, exponent or "-0".
            guard let value = number.int64, abs(value) <= JSONNumber.maximumSafeInteger, String(value) == number.lexeme else {
                throw notCanonical("number \(number.lexeme.prefix(32))")
            }
        }
        return number
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func parseString() throws(LedgerError) -> String {
        index += 1
        // Fast path: no escapes before the closing quote (the input is
        // already known to be valid UTF-8).
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            defer { index = end + 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw malformed("unterminated string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                let escape = index
                try parseEscape(into: &out)
                if canonical, !isCanonicalEscape(bytes[escape..<index], decoded: out.last!) {
                    throw notCanonical("escape other than RFC 8785's")
                }
            case 0x00..<0x20:
                throw malformed("raw control character in string")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    /// RFC 8785 escapes only `"`, `\\` and control characters, those with a
    /// short form by it and the rest as lower-case `\\u00xx`.
    private func isCanonicalEscape(_ escape: ArraySlice<UInt8>, decoded: UInt8) -> Bool {
        switch decoded {
        case 0x22, 0x5c, 0x08, 0x09, 0x0a, 0x0c, 0x0d: escape.first != UInt8(ascii: "u")
        case 0x00..<0x20: escape.count == 5 && escape.allSatisfy { !(UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0) }
        default: false
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(LedgerError) {
        guard index < bytes.count else { throw malformed("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5c)
        case UInt8(ascii: "/"): out.append(0x2f)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw LedgerError(.invalidUTF8, "lone high surrogate in string")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw LedgerError(.invalidUTF8, "unpaired surrogate in string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw LedgerError(.invalidUTF8, "lone low surrogate in string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw malformed("invalid escape") }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw malformed("invalid escape")
        }
    }

    private mutating func parseHex4() throws(LedgerError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw malformed("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw malformed("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
