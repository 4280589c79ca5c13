/// RFC 8785 JSON Canonicalization Scheme (JCS) for the protocol's subset of
/// JSON: objects, arrays, strings, integers of magnitude ≤ 2^53 − 1,
/// booleans and null.
///
/// Within that subset JCS output is fully specified: members sorted by their
/// names' UTF-16 code units (§3.2.3), strings escaped minimally with
/// lower-case `\u00xx` for other control characters (§3.2.2.2), integers in
/// plain decimal (§3.2.2.3, ECMAScript Number.toString), no whitespace.
public enum CanonicalJSON {
    /// `text` as a JSON string literal, escaped as RFC 8785 escapes it: for
    /// JSON written by hand (outcome lines, results, balances).
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        writeString(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) throws(LedgerError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(value, into: &out)
        return out
    }

    /// The canonical bytes of an object, and the same bytes without one of
    /// its top-level members, from a single encoding pass: an envelope's
    /// canonical form and its signing bytes differ only by `sigs`.
    public static func encode(object members: JSONObject, omitting omitted: String) throws(LedgerError) -> (whole: [UInt8], without: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        var cut: Range<Int>?
        for (position, member) in sortedMembers(members).enumerated() {
            let start = out.count
            if position > 0 { out.append(UInt8(ascii: ",")) }
            writeString(member.name, into: &out)
            out.append(UInt8(ascii: ":"))
            try write(member.value, into: &out)
            if member.name == omitted {
                // Cut the member with the comma before it, or after it when first.
                cut = position > 0 ? start..<out.count : start..<(out.count + 1)
            }
        }
        out.append(UInt8(ascii: "}"))
        guard var cut else { return (out, out) }
        if cut.upperBound > out.count - 1 { cut = cut.lowerBound..<(out.count - 1) }
        var without = out
        without.removeSubrange(cut)
        return (out, without)
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) throws(LedgerError) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let flag): out.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .number(let number): try writeNumber(number, into: &out)
        case .string(let text): writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in sortedMembers(members).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.name, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An object's members in JCS order, without looking any name up.
    static func sortedMembers(_ object: JSONObject) -> [(name: String, value: JSONValue)] {
        let members = object.members
        if isCanonicallyOrdered(members.lazy.map(\.name)) { return members }
        let order = sortedNames(members.map(\.name))
        return order.map { name in (name, object[name]!) }
    }

    /// Whether ASCII names already stand in JCS order (stored entries do).
    private static func isCanonicallyOrdered(_ names: some Collection<String>) -> Bool {
        var previous: String?
        for name in names {
            guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            if let previous, !previous.utf8.lexicographicallyPrecedes(name.utf8) { return false }
            previous = name
        }
        return true
    }

    /// Member names in JCS order: lexicographic by UTF-16 code units, which
    /// differs from UTF-8 / scalar order for characters above U+FFFF.
    public static func sortedNames(_ names: some Collection<String>) -> [String] {
        // Stored entries are canonical already: their names come in order.
        if isCanonicallyOrdered(names) { return Array(names) }
        // Below U+10000, UTF-8 byte order is code point order is UTF-16
        // order; only names with 4-byte UTF-8 sequences (bytes ≥ 0xF0) need
        // the slower UTF-16 comparison.
        if names.allSatisfy({ !$0.utf8.contains { $0 >= 0xf0 } }) {
            return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return names.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }

    private static func writeNumber(_ number: JSONNumber, into out: inout [UInt8]) throws(LedgerError) {
        guard number.isInteger else {
            throw LedgerError(.nonIntegerNumber, "the number \(number.lexeme.prefix(32)) is not an integer; the protocol admits integers only")
        }
        guard let value = number.int64, abs(value) <= JSONNumber.maximumSafeInteger else {
            throw LedgerError(.nonIntegerNumber, "the integer \(number.lexeme.prefix(32)) is outside ±(2^53−1)")
        }
        // "-0" canonicalizes to "0" (ECMAScript Number.prototype.toString).
        out.append(contentsOf: Array(String(value).utf8))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5c, 0x22])
            case 0x5c: out.append(contentsOf: [0x5c, 0x5c])
            case 0x08: out.append(contentsOf: [0x5c, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5c, UInt8(ascii: "t")])
            case 0x0a: out.append(contentsOf: [0x5c, UInt8(ascii: "n")])
            case 0x0c: out.append(contentsOf: [0x5c, UInt8(ascii: "f")])
            case 0x0d: out.append(contentsOf: [0x5c, UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0f)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
