import MicroFundLedger
import Testing

private func parsesCanonical(_ text: String) -> Bool {
    (try? JSONParser.parse(Array(text.utf8), canonical: true)) != nil
}

private func canonicalCode(_ text: String) -> LedgerError.Code? {
    do {
        _ = try JSONParser.parse(Array(text.utf8), canonical: true)
        return nil
    } catch {
        return error.code
    }
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite("Canonical parsing of stored entries, and slices of canonical bytes")
struct CanonicalParseTests {
    /// Inputs that exercise every rule of RFC 8785 the protocol's subset has.
    static let samples = [
        #"{"literals": [null, true, false], "n": [0, -0, -1, 9007199254740991], "s": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/\b\f\r\t\u0000\u001f\u007f"}"#,
        #"{"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, "\u00f6": 7, "": 8}"#,
        #"{"b": {"z": [], "a": {}}, "a": [[1, [2]], {"y": "}", "x": "]\","}], "ab": "a", "a\u0000": 0}"#,
        "[]", "{}", "\"\"", "0", "-9007199254740991", "true", "null",
    ]

    @Test("the canonical form of every sample parses in canonical mode, to a value with that canonical form", arguments: samples)
    func canonicalFormsParse(sample: String) throws {
        let bytes = try CanonicalJSON.encode(JSONParser.parse(Array(sample.utf8)))
        #expect(try CanonicalJSON.encode(JSONParser.parse(bytes, canonical: true)) == bytes)
    }

    @Test("a sample as written, with whitespace and other escapes, is refused in canonical mode", arguments: samples.prefix(3))
    func nonCanonicalFormsRefused(sample: String) throws {
        #expect(try JSONParser.parse(Array(sample.utf8)) != .null)
        #expect(canonicalCode(sample) == .ledgerCorrupt)
    }

    @Test("each departure from canonical form is refused with ledger_corrupt", arguments: [
        " {}", "{} ", "[1, 2]", "{\"a\" :1}", "{\"a\":\n1}",
        #"{"b":1,"a":2}"#, #"{"aa":1,"a":2}"#,
        // U+1F600 sorts before U+E000 by UTF-16 code units, after it by UTF-8 bytes.
        "{\"\u{E000}\":1,\"\u{1F600}\":2}",
        #"["\/"]"#, #"["\u0041"]"#, #"["\u001F"]"#, #"["\u000a"]"#, #"["\u0022"]"#, #"["\u00e9"]"#, #"["\ud83d\ude00"]"#,
        "[-0]", "[1.0]", "[1e2]", "[9007199254740992]", "[-9007199254740992]",
    ])
    func departuresRefused(input: String) {
        #expect(canonicalCode(input) == .ledgerCorrupt)
        // Each is JSON all the same.
        #expect((try? JSONParser.parse(Array(input.utf8))) != nil)
    }

    @Test("names compared by UTF-16 code units: the emoji before U+E000")
    func utf16Order() {
        #expect(parsesCanonical("{\"\u{1F600}\":2,\"\u{E000}\":1}"))
        #expect(parsesCanonical(#"{"":1,"a":2,"a\u0000":3,"b":4}"#))
    }

    @Test("bad JSON keeps its own code in canonical mode")
    func badJSONCodes() {
        #expect(canonicalCode("{") == .malformedJSON)
        #expect(canonicalCode("[01]") == .malformedJSON)
        // A repeated name is out of order before it is a duplicate.
        #expect(canonicalCode(#"{"a":1,"a":2}"#) == .ledgerCorrupt)
        #expect(canonicalCode(#"["\ud800"]"#) == .invalidUTF8)
    }

    @Test("removing a member from canonical bytes gives the canonical bytes without it", arguments: samples.prefix(3))
    func removingMember(sample: String) throws {
        let object = try #require(JSONParser.parse(Array(sample.utf8)).objectValue)
        let bytes = try CanonicalJSON.encode(.object(object))
        for name in object.keys {
            var without = object
            without[name] = nil
            #expect(CanonicalJSON.removingMember(name, fromCanonical: bytes[...]) == (try CanonicalJSON.encode(.object(without))))
        }
        #expect(CanonicalJSON.removingMember("absent", fromCanonical: bytes[...], prefixedBy: [0x2a]) == [0x2a] + bytes)
    }

    @Test("slices of a larger buffer, and an object's only member")
    func slices() throws {
        let buffer = Array(#"xx{"a":{"b":"},"},"c":[1,"]"]}yy"#.utf8)
        let object = buffer[2..<(buffer.count - 2)]
        #expect(text(CanonicalJSON.removingMember("a", fromCanonical: object)) == #"{"c":[1,"]"]}"#)
        #expect(text(CanonicalJSON.removingMember("c", fromCanonical: object)) == #"{"a":{"b":"},"}}"#)
        #expect(text(CanonicalJSON.removingMember("a", fromCanonical: Array(#"{"a":1}"#.utf8)[...])) == "{}")
        // Backslashes before a quote: an even run ends the string, an odd one escapes it.
        let escapes = Array(#"{"a":"\\","b":"\\\",","c":["\""],"d":0}"#.utf8)[...]
        #expect(text(CanonicalJSON.removingMember("a", fromCanonical: escapes)) == #"{"b":"\\\",","c":["\""],"d":0}"#)
        #expect(text(CanonicalJSON.removingMember("b", fromCanonical: escapes)) == #"{"a":"\\","c":["\""],"d":0}"#)
        #expect(text(CanonicalJSON.removingMember("c", fromCanonical: escapes)) == #"{"a":"\\","b":"\\\",","d":0}"#)
        #expect(try JSONParser.parse(Array(escapes), canonical: true).objectValue?.count == 4)
    }
}
