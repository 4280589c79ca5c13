import MicroFundLedger
import Testing

private func canonical(_ text: String) throws -> String {
    String(decoding: try CanonicalJSON.encode(JSONParser.parse(Array(text.utf8))), as: UTF8.self)
}

private func code(_ text: String) -> LedgerError.Code? {
    do {
        _ = try CanonicalJSON.encode(JSONParser.parse(Array(text.utf8)))
        return nil
    } catch {
        return error.code
    }
}

@Suite("RFC 8785 canonical JSON")
struct CanonicalJSONTests {
    @Test("RFC 8785 §3.2.2 example without its floats: literals and string escaping")
    func rfcStringExample() throws {
        let input = #"""
        {
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """#
        #expect(try canonical(input) == #"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
    }

    @Test("RFC 8785 §3.2.2 example with its floats is refused: the protocol admits integers only")
    func rfcNumberExampleRefused() {
        let input = #"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]}"#
        #expect(code(input) == .nonIntegerNumber)
    }

    @Test("RFC 8785 §3.2.3 sorting example: UTF-16 code unit order")
    func rfcSortingExample() throws {
        let input = #"""
        {
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """#
        let names = try #require(JSONParser.parse(Array(input.utf8)).objectValue).keys
        // The RFC's stated order of the property names.
        #expect(CanonicalJSON.sortedNames(names).map(\.unicodeScalars.first!.value) == [0x0d, 0x31, 0x80, 0xf6, 0x20ac, 0x1f600, 0xfb33])
        #expect(try canonical(input).hasPrefix(#"{"\r":"Carriage Return","1":"One","\#u{80}":"Control""#))
    }

    @Test("RFC 8785 Appendix B integers in the safe range serialize as plain decimals")
    func integers() throws {
        #expect(try canonical("[0, -0, 1, -1, 9007199254740991, -9007199254740991, 1000000]") == "[0,0,1,-1,9007199254740991,-9007199254740991,1000000]")
        #expect(code("[9007199254740992]") == .nonIntegerNumber)
        #expect(code("[1e2]") == .nonIntegerNumber)
        #expect(code("[1.0]") == .nonIntegerNumber)
    }

    @Test("nested structures and whitespace canonicalize")
    func nested() throws {
        #expect(try canonical(" { \"b\" : [ 1 , { \"z\":null, \"a\":\"x\" } ] , \"a\" : { } } ") == #"{"a":{},"b":[1,{"a":"x","z":null}]}"#)
        #expect(try canonical("\"\\u0000\\u001f\\u007f\"") == "\"\\u0000\\u001f\u{7f}\"")
    }

    @Test("bad JSON gets its own stable code", arguments: [
        ("{\"a\":1,\"a\":2}", LedgerError.Code.duplicateKey),
        ("{\"a\":1", .malformedJSON),
        ("[1,]", .malformedJSON),
        ("{'a':1}", .malformedJSON),
        ("[01]", .malformedJSON),
        ("[1] x", .malformedJSON),
        ("\"a\u{01}b\"", .malformedJSON),
        ("[\"\\ud800\"]", .invalidUTF8),
        ("[\"\\udc00\"]", .invalidUTF8),
        ("[\"\\q\"]", .malformedJSON),
        ("[tru]", .malformedJSON),
        ("", .malformedJSON),
        (String(repeating: "[", count: 33) + String(repeating: "]", count: 33), .malformedJSON),
    ])
    func badJSON(input: String, expected: LedgerError.Code) {
        #expect(code(input) == expected)
    }

    @Test("invalid UTF-8 bytes are refused")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xff, 0x22], [0x22, 0xc3, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22]] {
            #expect(throws: LedgerError(.invalidUTF8, "the input is not valid UTF-8")) { try JSONParser.parse(bytes) }
        }
    }

    @Test("32 levels of nesting are accepted, 33 are not")
    func depthLimit() throws {
        let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(try canonical(ok) == ok)
    }
}

@Suite("JSON objects")
struct JSONObjectTests {
    @Test("small and large objects look up, replace and remove members alike")
    func lookups() {
        for count in [3, 16, 17, 200] {
            var object = JSONObject()
            for index in 0..<count { object["m\(index)"] = .integer(Int64(index)) }
            #expect(object.count == count)
            #expect(object["m\(count - 1)"] == .integer(Int64(count - 1)))
            #expect(object.updateValue(.null, forKey: "m0") == .integer(0))
            object["m1"] = nil
            #expect(object.count == count - 1 && object["m1"] == nil && object["m2"] == .integer(2))
            object["late"] = .bool(true)
            #expect(object["late"] == .bool(true) && object["m\(count - 1)"] == .integer(Int64(count - 1)))
        }
        let a: JSONObject = ["x": .integer(1), "y": .string("z")]
        let b: JSONObject = ["y": .string("z"), "x": .integer(1)]
        #expect(a == b)
        #expect(a != ["x": .integer(1)])
    }

    @Test("an object with thousands of members parses, and a duplicate among them is still found")
    func manyMembers() throws {
        let members = (0..<5_000).map { "\"k\($0)\":\($0)" }
        let text = "{" + members.joined(separator: ",") + "}"
        let parsed = try #require(JSONParser.parse(Array(text.utf8)).objectValue)
        #expect(parsed.count == 5_000 && parsed["k4999"] == .integer(4_999))
        let duplicated = "{" + (members + ["\"k17\":1"]).joined(separator: ",") + "}"
        #expect(throws: LedgerError.self) { try JSONParser.parse(Array(duplicated.utf8)) }
    }
}
