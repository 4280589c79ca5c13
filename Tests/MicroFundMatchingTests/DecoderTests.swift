import Foundation
import MicroFundMatching
import Testing

/// A small valid match-instance/1 document; tests break one thing at a time.
let validDocument = #"""
{"schema":"match-instance/1","epoch":"2026-03-02T00:00:00+08:00","time_unit":"minute","horizon":[0,129600],
"earth_radius_m":6371008.8,"default_radius_m":500,"units":{"cash":"fen","labour":"minute","expertise":"minute","space":"m2"},
"priority_weights":{"1":1,"2":2,"3":3,"4":4,"5":5},"skills":["painting"],"disciplines":["legal"],"categories":["greening"],
"communities":[{"id":"c1","lat":31.23,"lon":121.47,"radius_m":500}],
"needs":[
{"id":"n1","community":"c1","category":"greening","priority":4,"lat":31.2304,"lon":121.4737,"window":[0,43200],"lines":[
 {"id":"n1-1","kind":"labour","skill":"painting","quantity":120},
 {"id":"n1-2","kind":"space","area_m2":30,"window":[60,1500]},
 {"id":"n1-3","kind":"cash","quantity":50000}]}
],
"offers":[
{"id":"o1","party":"p1","kind":"labour","skill":"painting","quantity":90,"lat":31.2310,"lon":121.4737,"window":[0,43200],"earmark":null},
{"id":"o2","party":"p2","kind":"space","area_m2":40,"radius_m":800,"lat":31.2300,"lon":121.4740,"window":[0,2000],"earmark":{"categories":["greening"]}},
{"id":"o3","party":"p3","kind":"cash","quantity":20000,"radius_m":null,"lat":31.2,"lon":121.4,"window":[0,129600],"earmark":{"communities":["c1"]}}
]}
"""#

@Suite("Reading match-instance/1")
struct DecoderTests {
    @Test("a valid document reads with defaults, and solves")
    func valid() throws {
        let problem = try ProblemDecoder.decode(Array(validDocument.utf8))
        #expect(problem.needs.count == 1 && problem.offers.count == 3)
        #expect(problem.offers[0].radiusMetres == 500)
        #expect(problem.offers[2].radiusMetres == nil)
        let plan = try Matcher.match(problem)
        #expect(plan.allocations.map(\.offerId) == ["o1", "o2", "o3"])
        #expect(abs(plan.objective - 4 * (90.0 / 120 + 1 + 0.4)) < 1e-12)
    }

    static let broken: [(String, String, MatchError.Code, String)] = [
        (#""schema":"match-instance/1""#, #""schema":"match-instance/2""#, .unsupportedSchema, "match-instance/2"),
        (#""quantity":120"#, #""quantity":-120"#, .invalidQuantity, "line n1-1"),
        (#""quantity":120"#, #""quantity":0"#, .invalidQuantity, "line n1-1"),
        (#""quantity":90"#, #""quantity":90.5"#, .invalidQuantity, "offer o1"),
        (#""quantity":90"#, #""quantity":1000000000001"#, .invalidQuantity, "offer o1"),
        (#""area_m2":40"#, #""area_m2":0"#, .invalidQuantity, "offer o2"),
        (#""kind":"labour","skill":"painting","quantity":90"#, #""kind":"food","skill":"painting","quantity":90"#, .unknownKind, "offer o1"),
        (#""skill":"painting","quantity":120"#, #""skill":"juggling","quantity":120"#, .unknownSkill, "line n1-1"),
        (#""kind":"cash","quantity":50000"#, #""kind":"cash","skill":"painting","quantity":50000"#, .unknownSkill, "line n1-3"),
        (#""category":"greening","priority""#, #""category":"roads","priority""#, .unknownName, "need n1"),
        (#""earmark":{"categories":["greening"]}"#, #""earmark":{"categories":["roads"]}"#, .unknownName, "offer o2"),
        (#""window":[0,2000]"#, #""window":[2000,1000]"#, .invalidWindow, "offer o2"),
        (#""window":[0,2000]"#, #""window":[2000,2000]"#, .invalidWindow, "offer o2"),
        (#""window":[60,1500]"#, #""window":[60,50000]"#, .invalidWindow, "line n1-2"),
        (#""window":[0,129600],"earmark":{"comm"#, #""window":[0,129601],"earmark":{"comm"#, .invalidWindow, "offer o3"),
        (#""lat":31.2310"#, #""lat":91.0"#, .invalidLocation, "offer o1"),
        (#""lon":121.4,"#, #""lon":-181,"#, .invalidLocation, "offer o3"),
        (#""radius_m":800"#, #""radius_m":-1"#, .invalidLocation, "offer o2"),
        (#""priority":4"#, #""priority":6"#, .invalidPriority, "need n1"),
        (#""5":5}"#, #""5":0}"#, .invalidPriority, "priority_weights"),
        (#""id":"o2""#, #""id":"o1""#, .duplicateId, "offer o1"),
        (#""id":"n1-2""#, #""id":"n1-1""#, .duplicateId, "line n1-1"),
        (#""party":"p1","#, "", .malformed, "offer o1: party"),
        (#""needs":["#, #""needs":7,"x":["#, .malformed, "needs"),
        // Epochs the old reader took: an impossible day, an offset beyond a
        // day, no offset at all, no seconds.
        (#""epoch":"2026-03-02T00:00:00+08:00""#, #""epoch":"2026-02-30T00:00:00Z""#, .malformed, "epoch"),
        (#""epoch":"2026-03-02T00:00:00+08:00""#, #""epoch":"2026-03-02T00:00:00+99:00""#, .malformed, "epoch"),
        (#""epoch":"2026-03-02T00:00:00+08:00""#, #""epoch":"2026-03-02T00:00:00""#, .malformed, "epoch"),
        (#""epoch":"2026-03-02T00:00:00+08:00""#, #""epoch":"2026-03-02T00:00+08:00""#, .malformed, "epoch"),
    ]

    @Test("every broken rule gets its code and names the item", arguments: 0..<broken.count)
    func refused(_ index: Int) throws {
        let (from, to, code, names) = Self.broken[index]
        #expect(validDocument.contains(from), "case \(index) does not apply")
        let text = validDocument.replacingOccurrences(of: from, with: to)
        #expect {
            try ProblemDecoder.decode(Array(text.utf8))
        } throws: { error in
            guard let error = error as? MatchError else { return false }
            return error.code == code && error.message.contains(names)
        }
    }

    @Test("not JSON, and more than the byte limit")
    func malformedAndLarge() throws {
        #expect { try ProblemDecoder.decode(Array("{".utf8)) } throws: { ($0 as? MatchError)?.code == .malformed }
        let large = [UInt8](repeating: 0x20, count: ProblemDecoder.byteLimit + 1)
        #expect { try ProblemDecoder.decode(large) } throws: { ($0 as? MatchError)?.code == .tooLarge }
        // Both sides of a limit: a document of exactly the limit is read.
        let document = Array(validDocument.utf8)
        #expect(throws: Never.self) { try ProblemDecoder.decode(document, limit: document.count) }
        #expect { try ProblemDecoder.decode(document, limit: document.count - 1) } throws: { ($0 as? MatchError)?.code == .tooLarge }
    }

    @Test("docs/matching.md lists exactly the error codes")
    func documented() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/matching.md"), encoding: .utf8)
        let listed = Set(text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `match_") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "`" })
        })
        #expect(listed == Set(MatchError.Code.allCases.map(\.rawValue)))
    }
}
