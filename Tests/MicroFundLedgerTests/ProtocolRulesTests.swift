import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import Testing

/// An envelope's JSON text with the given body and top-level extras, and a
/// well-formed (not valid) signature: decoding stops before signatures.
private func envelopeText(kind: String = "donation.record", body: String, version: String = "1", timestamp: String = "2026-05-01T09:30:00Z", signatures: Int = 1) -> String {
    let sig = #"{"kid":"KID","sig":"\#(String(repeating: "A", count: 86))=="}"#
    let sigs = (0..<signatures).map { index in sig.replacingOccurrences(of: "KID", with: String(format: "%032x", index)) }
    return #"{"v":\#(version),"ledger":"ledger.example.org/jiangpu","id":"x","kind":"\#(kind)","author":"street-office","ts":"\#(timestamp)","body":\#(body),"sigs":[\#(sigs.joined(separator: ","))]}"#
}

private func code(_ text: String) -> LedgerError.Code? {
    do {
        _ = try Envelope.decode(Array(text.utf8))
        return nil
    } catch {
        return error.code
    }
}

private let donationBody = #"{"donor":"zone-studio","amount":5,"to":"fund:pool:CNY"}"#

private func registration(name: String? = nil, extra: String = "") -> String {
    let key = ByteEncoding.base64([UInt8](repeating: 7, count: 32))
    let nameMember = name.map { #","name":"\#($0)""# } ?? #","name":"N""#
    return #"{"id":"p","kind":"resident"\#(nameMember),"publicKey":"\#(key)"\#(extra)}"#
}

@Suite("The protocol document's rules, as the code applies them")
struct ProtocolRulesTests {
    @Test("numbers: anything but an integer within ±(2^53 − 1) is non_integer_number, except amounts, which get their own codes")
    func numbers() {
        #expect(code(envelopeText(body: donationBody)) == nil)
        for version in ["1.0", "1e0", "10E-1", "9007199254740992", "-9007199254740992", String(repeating: "9", count: 70)] {
            #expect(code(envelopeText(body: donationBody, version: version)) == .nonIntegerNumber, "v = \(version)")
        }
        #expect(code(envelopeText(body: donationBody, version: "2")) == .unsupportedVersion)
        #expect(code(envelopeText(body: donationBody, version: "9007199254740991")) == .unsupportedVersion)
        let needBody = #"{"need":"n","title":1.5,"coordinator":"hub","requirements":{}}"#
        #expect(code(envelopeText(kind: "need.create", body: needBody)) == .nonIntegerNumber)
        #expect(code(envelopeText(body: #"{"donor":"zone-studio","amount":5,"to":"fund:pool:CNY","memo":[1,2.5]}"#)) == .nonIntegerNumber)
        for (amount, expected) in [("1.5", LedgerError.Code.amountNotInteger), ("5e2", .amountNotInteger), ("9007199254740992", .amountTooLarge), (String(repeating: "9", count: 70), .amountTooLarge), ("0", .amountNotPositive), ("-1", .amountNotPositive)] {
            #expect(code(envelopeText(body: #"{"donor":"zone-studio","amount":\#(amount),"to":"fund:pool:CNY"}"#)) == expected, "amount = \(amount)")
        }
        let requirement = #"{"need":"n","title":"T","coordinator":"hub","requirements":{"CNY":2.5}}"#
        #expect(code(envelopeText(kind: "need.create", body: requirement)) == .amountNotInteger)
    }

    @Test("null is never a value: optional members are left out")
    func noNull() {
        #expect(code(envelopeText(kind: "party.register", body: registration())) == nil)
        #expect(code(envelopeText(kind: "party.register", body: registration(extra: #","roles":null"#))) == .invalidField)
        #expect(code(envelopeText(kind: "party.register", body: registration(extra: #","organisation":null"#))) == .invalidField)
        #expect(code(envelopeText(body: #"{"donor":"zone-studio","amount":5,"to":"fund:pool:CNY","memo":null}"#)) == .invalidField)
    }

    @Test("display text counts Unicode code points: 200 accepted, 201 refused, whatever the grapheme clusters")
    func codePoints() {
        // "é" as e + U+0301: two code points, one grapheme cluster.
        let decomposed = "e\u{301}"
        #expect(code(envelopeText(kind: "party.register", body: registration(name: String(repeating: decomposed, count: 100)))) == nil)
        #expect(code(envelopeText(kind: "party.register", body: registration(name: String(repeating: decomposed, count: 100) + "x"))) == .invalidField)
        #expect(code(envelopeText(kind: "party.register", body: registration(name: String(repeating: "园", count: 200)))) == nil)
        #expect(code(envelopeText(kind: "party.register", body: registration(name: String(repeating: "园", count: 201)))) == .invalidField)
        #expect(code(envelopeText(kind: "party.register", body: registration(name: "tab\\there"))) == .invalidField)
    }

    @Test("timestamps: 1970 to 9999, no leap second, upper-case T and Z only")
    func timestamps() {
        for good in ["1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2028-02-29T12:00:00Z"] {
            #expect(code(envelopeText(body: donationBody, timestamp: good)) == nil, "\(good)")
        }
        for bad in ["1969-12-31T23:59:59Z", "2026-06-30T23:59:60Z", "2026-05-01t09:30:00Z", "2026-05-01T09:30:00z", "2026-02-29T00:00:00Z", "2026-05-01T09:30:00.Z", "2026-05-01T09:30:00.1234567890Z", "2026-05-01T09:30:00+00:00"] {
            #expect(code(envelopeText(body: donationBody, timestamp: bad)) == .invalidTimestamp, "\(bad)")
        }
    }

    @Test("a raw control character in a string is malformed_json")
    func rawControl() {
        #expect(code(envelopeText(body: "{\"donor\":\"zone\u{1}studio\",\"amount\":5,\"to\":\"fund:pool:CNY\"}")) == .malformedJSON)
    }

    @Test("limits, both sides: 8 and 9 signatures, 65,536 and 65,537 bytes")
    func limits() {
        #expect(code(envelopeText(body: donationBody, signatures: 8)) == nil)
        #expect(code(envelopeText(body: donationBody, signatures: 9)) == .invalidField)
        let text = envelopeText(body: donationBody)
        let exact = text + String(repeating: " ", count: Envelope.byteCountMax - text.utf8.count)
        #expect(exact.utf8.count == 65_536)
        #expect(code(exact) == nil)
        #expect(code(exact + " ") == .envelopeTooLarge)
    }
}
