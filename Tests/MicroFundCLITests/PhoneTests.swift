import Foundation
import MicroFundLedger
import Testing

/// Reports on a phone: every HTML report in both languages, and a donation
/// receipt, loaded in a headless Chromium at 360 px (Tests/Browser/
/// phone_check.py, driving the system's /usr/bin/chromium with playwright;
/// `.ci/run` installs both and fonts-noto-cjk).
@Suite("Reports on a 360-px phone, in Chromium")
struct PhoneTests {
    static let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Browser/phone_check.py").path

    /// One JSON line per page: page → problems.
    func check(_ pages: [String]) throws -> (status: Int32, problems: [String: [String]], output: String) {
        let result = try tool(["python3", Self.checker] + pages)
        var problems: [String: [String]] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let object = try? JSONParser.parse(Array(line.utf8)).objectValue, let page = object["page"]?.stringValue else { continue }
            problems[page] = (object["problems"]?.arrayValue ?? []).compactMap { $0.stringValue }
        }
        return (result.status, problems, result.stdout + result.stderr)
    }

    @Test("no report, in Chinese or English, and no receipt scrolls sideways, asks for anything, logs an error or lacks a Chinese font")
    func everyReport() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo"), reports = scratch.file("reports")
        #expect(try microfund("demo", "--data", data, "--reports", reports).status == 0)
        var pages = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".html") }.sorted().map { reports + "/" + $0 }
        #expect(pages.count == 12, "six reports in two languages: \(pages)")
        for language in ["zh", "en"] {
            let receipt = scratch.file("receipt.\(language).html")
            #expect(try microfund("receipt", "--data", data, "--entry", "30", "--format", "html", "--lang", language, "--out", receipt).status == 0)
            pages.append(receipt)
        }
        let result = try check(pages)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.problems.count == pages.count && result.problems.values.allSatisfy(\.isEmpty), "\(result.output)")
    }

    @Test("the check fails on a page that is wider than the phone: a table taken out of its scroll box")
    func catchesOverflow() throws {
        // The control: without it, a checker that passed everything would
        // make the test above pass too.
        let scratch = try Scratch()
        let data = scratch.file("demo"), reports = scratch.file("reports")
        #expect(try microfund("demo", "--data", data, "--reports", reports).status == 0)
        let page = try String(contentsOfFile: reports + "/trial.en.html", encoding: .utf8)
        let broken = page.replacingOccurrences(of: ".table { overflow-x: auto;", with: ".table { overflow-x: visible;")
        #expect(broken != page)
        let path = scratch.file("broken.html")
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try check([path])
        #expect(result.status == 1 && result.problems[path] == ["overflow"], "\(result.output)")
    }
}
