import Foundation
import MicroFundLedger
import MicroFundMatching
import MicroFundServer
import MicroFundService
import Testing

/// docs/http.md §5 is the contract clients switch on: every stable code
/// with the HTTP status it answers with.
@Suite struct ProblemTableTests {
    static var allCodes: [String] {
        LedgerError.Code.allCases.map(\.rawValue) + ServerCode.allCases.map(\.rawValue) + ReportCode.allCases.map(\.rawValue)
            + MatchError.Code.allCases.map(\.rawValue) + [ServiceError.invalidTime]
    }

    /// The table's rows: `| `code` | status | … |`.
    static func documented() throws -> [String: Int] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/http.md"), encoding: .utf8)
        guard let start = text.range(of: "## 5. Errors") else { return [:] }
        var table: [String: Int] = [:]
        for line in text[start.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[0].hasPrefix("`"), let status = Int(cells[1]) else { continue }
            for code in cells[0].split(separator: ",") {
                table[code.trimmingCharacters(in: CharacterSet(charactersIn: "` "))] = status
            }
        }
        return table
    }

    /// Catches a code added to the ledger, the server or the reports
    /// without a row in the docs, a row the code does not answer with, and
    /// a status changed on one side only.
    @Test func docsTableEqualsTheCode() throws {
        let documented = try Self.documented()
        let expected = Dictionary(uniqueKeysWithValues: Self.allCodes.map { ($0, ProblemStatus.code(of: $0)) })
        let lines = expected.sorted { $0.key < $1.key }.filter { documented[$0.key] != $0.value }.map { "| `\($0.key)` | \($0.value) |" }
        #expect(lines.isEmpty, "docs/http.md §5 should have:\n\(lines.joined(separator: "\n"))")
        let extra = Set(documented.keys).subtracting(expected.keys)
        #expect(extra.isEmpty, "docs/http.md §5 lists codes the service does not have: \(extra.sorted())")
    }

    /// The table is not vacuous: every class the issue names appears.
    @Test func statusesFollowTheRules() {
        #expect(ProblemStatus.code(of: "malformed_json") == 400)
        #expect(ProblemStatus.code(of: "signature_invalid") == 401)
        #expect(ProblemStatus.code(of: "forbidden") == 403)
        #expect(ProblemStatus.code(of: "need_unknown") == 404)
        #expect(ProblemStatus.code(of: "id_conflict") == 409)
        #expect(ProblemStatus.code(of: "overdraft") == 409)
        #expect(ProblemStatus.code(of: "body_too_large") == 413)
        #expect(ProblemStatus.code(of: "unsupported_media_type") == 415)
        #expect(ProblemStatus.code(of: "payout_cap") == 422)
        #expect(ProblemStatus.code(of: "overloaded") == 503)
        #expect(ProblemStatus.code(of: "no_such_code") == 500)
    }
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
