import Foundation
import MicroFundMatching
import Testing

/// Mutated problem files: each is either read and solved feasibly or
/// refused with a code, never a crash.
@Suite("Matching under fuzzed input")
struct FuzzTests {
    @Test("byte flips, deletions, insertions and cuts of a valid document")
    func mutations() throws {
        var random = SeededRandom(seed: 20_261_130)
        let original = Array(validDocument.utf8)
        let alphabet = Array("{}[]\",:-0123456789eE.+ntrufalsx\\ \u{1}".utf8)
        var solved = 0, refused = 0
        for _ in 0..<600 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                default: bytes = Array(bytes[..<at])
                }
                if bytes.isEmpty { bytes = [0x7b] }
            }
            do {
                let problem = try ProblemDecoder.decode(bytes)
                let plan = try Matcher.match(problem)
                #expect(violations(plan, problem) == [])
                solved += 1
            } catch {
                refused += 1
            }
        }
        // Both outcomes happen: the mutations are neither all fatal nor all harmless.
        #expect(solved > 20 && refused > 100, "solved \(solved), refused \(refused)")
    }

    @Test("extreme but valid values: tiny and huge weights, radii, windows and the earth itself")
    func extremes() throws {
        let cases: [(String, String)] = [
            (#""priority_weights":{"1":1,"2":2,"3":3,"4":4,"5":5}"#, #""priority_weights":{"1":0.000001,"2":2,"3":3,"4":1000000,"5":5}"#),
            (#""earth_radius_m":6371008.8"#, #""earth_radius_m":1"#),
            (#""radius_m":800"#, #""radius_m":0"#),
            (#""radius_m":800"#, #""radius_m":20037509"#),
            (#""horizon":[0,129600]"#, #""horizon":[-1000000000,1000000000]"#),
            (#""quantity":90,"#, #""quantity":1000000000000,"#),
        ]
        for (from, to) in cases {
            let text = validDocument.replacingOccurrences(of: from, with: to)
            #expect(text != validDocument, "\(to)")
            let problem = try ProblemDecoder.decode(Array(text.utf8))
            do {
                let plan = try Matcher.match(problem)
                #expect(violations(plan, problem) == [], "\(to)")
            } catch {
                #expect(error.code == .tooLarge, "\(to): \(error)")
            }
        }
    }
}
