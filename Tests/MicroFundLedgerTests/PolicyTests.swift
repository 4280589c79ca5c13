import Foundation
import MicroFundLedger
import Testing

@Suite("The fund's policy as data")
struct PolicyTests {
    private func parse(_ text: String) throws(LedgerError) -> Policy {
        try Policy(json: JSONParser.parse(Array(text.utf8)), context: "policy")
    }

    private func code(_ text: String) -> LedgerError.Code? {
        do { _ = try parse(text); return nil } catch { return error.code }
    }

    private let valid = #"{"motionLifetimeDays":14,"pledgeLifetimeDays":30,"rates":{"EXPERTISE":30000,"LABOUR":5000,"SPACE":100},"reserveShare":500,"shareBeforeAcceptance":3000,"tiers":[{"approvals":2,"hearing":false,"upTo":500000},{"approvals":3,"hearing":true,"upTo":5000000}]}"#

    @Test("the defaults round-trip through their JSON form, which is the documented one")
    func defaults() throws {
        #expect(try parse(valid) == .default)
        // A policy without a zone is in Asia/Shanghai, and is written back with it.
        let withZone = valid.replacingFirst(#""tiers""#, with: #""timeZone":"Asia/Shanghai","tiers""#)
        #expect(String(decoding: try CanonicalJSON.encode(Policy.default.json), as: UTF8.self) == withZone.replacingFirst(#""timeZone":"Asia/Shanghai","tiers""#, with: #""tiers""#).replacingFirst("}]}", with: #"}],"timeZone":"Asia/Shanghai"}"#))
        #expect(try parse(withZone) == .default)
    }

    /// Catches a reader that takes any string as a zone, or drops the zone.
    @Test("the time zone: a name of IANA shape, kept as given")
    func timeZone() throws {
        let zoned = { (zone: String) in valid.replacingFirst("}]}", with: "}],\"timeZone\":\(zone)}") }
        #expect(try parse(zoned(#""UTC""#)).timeZone == "UTC")
        #expect(try parse(zoned(#""America/Argentina/Buenos_Aires""#)).timeZone == "America/Argentina/Buenos_Aires")
        for bad in [#""""#, #""Asia/Shang hai""#, #""/etc/passwd""#, #""../x""#, "8", #""\#(String(repeating: "A", count: 65))""#] {
            #expect(code(zoned(bad)) == .invalidField, "\(bad)")
        }
        #expect(code(zoned(#""\#(String(repeating: "A", count: 64))""#)) == nil)
    }

    @Test("approvals by amount: both sides of every tier, then a majority of the committee")
    func tiers() {
        let policy = Policy.default
        #expect(policy.approvals(forAmount: 500_000, committeeSize: 5) == (2, false))
        #expect(policy.approvals(forAmount: 500_001, committeeSize: 5) == (3, true))
        #expect(policy.approvals(forAmount: 5_000_000, committeeSize: 5) == (3, true))
        #expect(policy.approvals(forAmount: 5_000_001, committeeSize: 5) == (3, true))
        #expect(policy.approvals(forAmount: 5_000_001, committeeSize: 4) == (3, true))
        #expect(policy.approvals(forAmount: 5_000_001, committeeSize: 9) == (5, true))
    }

    @Test("every rule of the policy object is checked, each with a stable code")
    func refusals() {
        let cases: [(String, String, LedgerError.Code)] = [
            ("no approvals", #""approvals":2,"hearing":false"#, .invalidField),
            ("approvals 0", #""approvals":0,"hearing":false"#, .invalidField),
            ("approvals 101", #""approvals":101,"hearing":false"#, .invalidField),
            ("hearing not a bool", #""approvals":2,"hearing":1"#, .invalidField),
        ]
        for (name, tierMembers, expected) in cases.dropFirst() {
            #expect(code(valid.replacingFirst(#""approvals":2,"hearing":false"#, with: tierMembers)) == expected, "\(name)")
        }
        #expect(code(valid.replacingFirst(#""upTo":5000000"#, with: #""upTo":500000"#)) == .invalidField, "tiers must rise")
        #expect(code(valid.replacingFirst(#""shareBeforeAcceptance":3000"#, with: #""shareBeforeAcceptance":10001"#)) == .invalidField)
        #expect(code(valid.replacingFirst(#""shareBeforeAcceptance":3000"#, with: #""shareBeforeAcceptance":10000"#)) == nil)
        #expect(code(valid.replacingFirst(#""reserveShare":500,"#, with: "")) == .missingField)
        #expect(code(valid.replacingFirst(#""reserveShare":500,"#, with: #""reserveShare":500,"bonus":1,"#)) == .unknownField)
        #expect(code(valid.replacingFirst(#""pledgeLifetimeDays":30"#, with: #""pledgeLifetimeDays":0"#)) == .invalidField)
        #expect(code(valid.replacingFirst(#""SPACE":100"#, with: #""SPACE":-1"#)) == .invalidField)
        #expect(code(valid.replacingFirst(#""SPACE":100"#, with: #""SPACE":null"#)) == .invalidField)
        let nine = (1...9).map { #"{"approvals":2,"hearing":false,"upTo":\#($0 * 1000)}"# }.joined(separator: ",")
        let eight = (1...8).map { #"{"approvals":2,"hearing":false,"upTo":\#($0 * 1000)}"# }.joined(separator: ",")
        let tiersStart = valid.range(of: #""tiers":["#)!.upperBound
        let withTiers = { (tiers: String) in String(valid[..<tiersStart]) + tiers + "]}" }
        #expect(code(withTiers(eight)) == nil)
        #expect(code(withTiers(nine)) == .invalidField)
    }

    @Test("plain words name every rule")
    func plainWords() {
        let words = Policy.default.plainWords.joined(separator: "\n")
        #expect(words.contains("up to ¥5,000.00: 2 committee approvals"))
        #expect(words.contains("at most 30% of its cash requirement"))
        #expect(words.contains("5% of every payout goes to the need's maintenance reserve"))
        #expect(words.contains("¥50.00 an hour of labour"))
    }
}
