import Foundation
import Testing

/// `Reports/demo/` is what `microfund demo --reports` writes today, and no
/// report or export shows the fixture's personal fields.
@Suite("Reports/demo")
struct DemoReportsTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func written(_ scratch: Scratch) throws -> [String: Data] {
        let directory = scratch.file("reports")
        let demo = try microfund("demo", "--data", scratch.file("demo"), "--reports", directory,
                                 "--fixture", root.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json").path)
        #expect(demo.status == 0, "\(demo.stderr)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    @Test("the committed copies are up to date: regenerate with `microfund demo --reports Reports/demo`")
    func upToDate() throws {
        let scratch = try Scratch()
        let fresh = try written(scratch)
        let committed = root.appendingPathComponent("Reports/demo").path
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: committed))
        #expect(names == Set(fresh.keys), "Reports/demo has other files than the demo writes")
        #expect(fresh.count == 44)
        for (name, data) in fresh.sorted(by: { $0.key < $1.key }) {
            let old = FileManager.default.contents(atPath: committed + "/" + name)
            #expect(old == data, "Reports/demo/\(name) is out of date")
        }
    }

    @Test("no report in any format, nor either export, shows a resident's personal fields")
    func privacy() throws {
        let scratch = try Scratch()
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json"))) as? [String: Any]
        let parties = (fixture?["parties"] as? [[String: Any]]) ?? []
        let personal = parties.compactMap { $0["contact"] as? [String: String] }.flatMap(\.values)
        #expect(personal.count >= 6)
        // Each field, and its parts (a name's characters, an address's number), searched.
        var needles = personal
        for field in personal { needles += field.split(separator: " ").map(String.init).filter { $0.count >= 3 && !$0.allSatisfy(\.isNumber) } }
        let files = try written(scratch)
        for (name, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            for needle in needles { #expect(!text.contains(needle), "\(name) shows \(needle)") }
        }
        // The HTML pages load nothing from elsewhere.
        for (name, data) in files where name.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            for external in ["<script", "src=", "href=", "url(", "@import", "<link"] { #expect(!text.contains(external), "\(name) has \(external)") }
        }
    }
}
