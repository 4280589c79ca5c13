import Foundation
import Testing

@Suite("microfund match --input")
struct MatchInputTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the fixture's result passes the independent Python checker and reaches OR-Tools' P")
    func fixture() throws {
        let scratch = try Scratch()
        let instance = root.appendingPathComponent("Fixtures/matching/i100x1k.json").path
        let result = try microfund("match", "--input", instance, "--json")
        #expect(result.status == 0, "\(result.stderr)")
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: scratch.file("result.json")))
        let check = try tool("python3", root.appendingPathComponent("Fixtures/reference/match_check.py").path, instance, scratch.file("result.json"))
        #expect(check.status == 0, "\(check.stdout)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let p = try #require(object["P"] as? Double)
        #expect(abs(p - 483.52017963329115) <= 1e-9 * p)
        let text = try microfund("match", "--input", instance)
        #expect(text.stdout.contains("o0000142 (p000"))
        #expect(text.stdout.hasSuffix("P = \(p), fulfilment 70.38%, 710 allocations\n"))
    }

    @Test("a bad problem: its code on stderr, nothing on stdout, exit 1")
    func refused() throws {
        let scratch = try Scratch()
        let bad = scratch.file("bad.json")
        try Data(#"{"schema":"match-instance/1","needs":[{"id":"n1","community":"c","category":"g","priority":3,"lat":31,"lon":121,"window":[10,5],"lines":[]}],"offers":[]}"#.utf8)
            .write(to: URL(fileURLWithPath: bad))
        let run = try microfund("match", "--input", bad, "--json")
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "error[match_invalid_window]: need n1: window ends at 5, not after its start 10\n")
        let missing = try microfund("match", "--input", scratch.file("absent.json"))
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error[file_unreadable]"))
    }
}
