import Foundation
import MicroFundCLI
import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import MicroFundClient
import Testing

@Suite("submit: input as a stream, one outcome per line, errors on one line")
struct SubmitInputTests {
    @Test("an empty or whitespace-only input is an error, not silence")
    func emptyInput() async throws {
        let scratch = try Scratch()
        let (data, _) = try await scenarioLedger(scratch)
        for (name, contents) in [("empty", ""), ("blank", "  \n\n\t\r\n")] {
            let file = scratch.file(name)
            try contents.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try microfund("submit", "--data", data, file)
            #expect(result.status != 0, "\(name)")
            #expect(result.stderr.hasPrefix("error[input_empty]"), "\(name): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("--batch takes 1 to 1,024")
    func batchOption() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let file = scratch.file("one.json")
        try writeLines([try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "b", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [scenario.manager])], to: file)
        for bad in ["0", "1025"] {
            let result = try microfund("submit", "--data", data, "--batch", bad, file)
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("error[usage]"), "\(result.stderr)")
        }
        #expect(try microfund("submit", "--data", data, "--batch", "1024", file).stdout == "accepted 7 b\n")
        #expect(try microfund("submit", "--data", data, "--batch", "1", file).stdout == "duplicate 7 b\n")
    }

    @Test("user text in an error cannot forge a line: every error is one line, escaped")
    func forgedLines() async throws {
        let scratch = try Scratch()
        let (data, _) = try await scenarioLedger(scratch)
        let file = scratch.file("forged.json")
        let hostile = #"{"v":1,"ledger":"ledger.example.org/jiangpu","id":"forged","kind":"x\naccepted 999 forged-ack\u2028accepted 998 other","author":"a","ts":"2026-01-01T00:00:00Z","body":{},"sigs":[]}"#
        try hostile.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try microfund("submit", "--data", data, file)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error[unknown_kind]: line 1: forged: x\\u{A}accepted 999 forged-ack\\u{2028}accepted 998 other"))
        #expect(!result.stderr.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\r" })
        // The same for a usage error quoting what was typed.
        let usage = try microfund("balance", "--data", data, "--account", "fund:pool:CNY\naccepted 1 x")
        #expect(usage.stderr.split(separator: "\n").count == 1, "\(usage.stderr)")
    }

    @Test("--json prints one outcome per input line, rejected ones too, with line numbers and ids")
    func jsonOutcomes() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let good = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "g1", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [scenario.manager])
        let forged = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "f1", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [scenario.enterprise])
        let text = [String(decoding: good, as: UTF8.self), "", "{broken", String(decoding: forged, as: UTF8.self), String(decoding: good, as: UTF8.self)].joined(separator: "\n")
        let file = scratch.file("mixed.jsonl")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try microfund("submit", "--json", "--data", data, file)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            #"{"id":"g1","line":1,"outcome":"accepted","seq":7}"#,
            #"{"code":"malformed_json","id":null,"line":3,"message":"expected a member name at byte 1","outcome":"rejected"}"#,
            #"{"code":"author_not_signer","id":"f1","line":4,"message":"no signature by a key of the author street-office","outcome":"rejected"}"#,
            #"{"id":"g1","line":5,"outcome":"duplicate","seq":7}"#,
        ], "\(result.stdout)")
        let plain = try microfund("submit", "--data", data, file)
        #expect(plain.stderr.contains("error[author_not_signer]: line 4: f1: "))
    }

    @Test("a 128 MB input is read as a stream: memory stays far below the input's size", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func boundedMemory() async throws {
        let scratch = try Scratch()
        let (data, scenario) = try await scenarioLedger(scratch)
        let file = scratch.file("large.jsonl")
        let good = try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "after-the-flood", author: "street-office", timestamp: recent(1), donor: "zone-studio", amount: 5, to: .pool(.cny)).signed(by: [scenario.manager])
        FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<128 { handle.write(block) }
        handle.write(Data("\n".utf8) + Data(good) + Data("\n".utf8))
        try handle.close()
        let result = try run(URL(fileURLWithPath: "/usr/bin/time"), ["-f", "maxrss-kb %M", microfundBinary.path, "submit", "--data", data, file])
        #expect(result.status == 1)
        #expect(result.stdout == "accepted 7 after-the-flood\n")
        #expect(result.stderr.hasPrefix("error[envelope_too_large]: line 1: "))
        let kilobytes = result.stderr.split(separator: "\n").last.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
        #expect(try #require(kilobytes) < 96 * 1024, "max RSS \(kilobytes ?? 0) kB for a 128 MB input")
    }
}

/// Every code the software can emit is in docs/protocol.md §9 or §9.1, and
/// every code those tables list is one the software has.
@Suite("docs/protocol.md lists exactly the error codes the software has")
struct ErrorCodeDocumentTests {
    @Test("ledger, crypto and command-line codes are all documented, and nothing else is")
    func codes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let section = try #require(document.components(separatedBy: "## 9. Error codes").last?.components(separatedBy: "## 10.").first)
        // The first column of each table row: one or more `code`s.
        var listed: Set<String> = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for part in cell.split(separator: "`") where part.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) && !part.isEmpty {
                listed.insert(String(part))
            }
        }
        let known = Set(LedgerError.Code.allCases.map(\.rawValue) + CryptoError.Code.allCases.map(\.rawValue) + CommandFailure.Code.allCases.map(\.rawValue)
            + ClientCode.allCases.map(\.rawValue))
        #expect(known.subtracting(listed).isEmpty, "undocumented: \(known.subtracting(listed).sorted())")
        #expect(listed.subtracting(known).isEmpty, "documented but not in the code: \(listed.subtracting(known).sorted())")
    }
}
