import Foundation
import MicroFundClient
import MicroFundLedger
import MicroFundServer
import MicroFundService
import Testing

/// `microfund serve` answers every question the CLI answers with the same
/// bytes, takes signed envelopes through the one write path, and refuses
/// with problem+json and the CLI's codes.
@Suite(.serialized) struct ServeTests {
    /// Catches a route whose answer drifts from the CLI's: a checkpoint,
    /// proof, report or balance rendered differently by the server, or a
    /// point (`at`, `date`, `from`/`to`) read differently.
    @Test func readsAreTheCLIsBytes() async throws {
        let served = try ServedLedgerProcess()
        let remote = try served.remote
        let data = served.data
        func same(_ path: String, _ query: [(String, String)] = [], _ cli: [String], type: String) async throws {
            let answer = try await remote.get(path, query: query)
            let local = try microfund(cli + ["--data", data])
            #expect(answer.status == 200, "\(path) \(answer.text)")
            #expect(answer.contentType.hasPrefix(type), "\(path): \(answer.contentType)")
            #expect(answer.text == local.stdout || answer.text == local.stdout + "\n", "\(path) differs from \(cli.joined(separator: " "))")
        }
        try await same("/v1/checkpoint", [], ["checkpoint"], type: "text/plain")
        try await same("/v1/vkey", [], ["checkpoint", "--vkey"], type: "text/plain")
        try await same("/v1/proofs/inclusion/7", [], ["proof", "inclusion", "--seq", "7"], type: "application/json")
        try await same("/v1/proofs/inclusion/7", [("size", "40")], ["proof", "inclusion", "--seq", "7", "--size", "40"], type: "application/json")
        try await same("/v1/proofs/consistency", [("from", "10"), ("to", "60")], ["proof", "consistency", "--from", "10", "--to", "60"], type: "application/json")
        try await same("/v1/accounts", [], ["balance", "--json"], type: "application/json")
        try await same("/v1/accounts/fund%3Apool%3ACNY", [], ["balance", "--json", "--account", "fund:pool:CNY"], type: "application/json")
        try await same("/v1/policy", [], ["policy", "show", "--json"], type: "application/json")
        try await same("/v1/match", [("time", "2026-06-01T09:00:00+08:00")], ["match", "--json", "--time", "2026-06-01T09:00:00+08:00"], type: "application/json")
        try await same("/v1/export/hledger", [], ["export", "hledger"], type: "text/plain")
        for format in ["json", "text", "csv", "html"] {
            for language in ["zh", "en"] {
                try await same("/v1/reports/balance", [("format", format), ("lang", language)], ["report", "balance", "--format", format, "--lang", language], type: ReportFormat(rawValue: format)!.mediaType)
            }
        }
        try await same("/v1/reports/statement", [("from", "2026-03-01"), ("to", "2026-05-31"), ("lang", "en"), ("format", "text")],
                       ["report", "statement", "--from", "2026-03-01", "--to", "2026-05-31", "--lang", "en"], type: "text/plain")
        try await same("/v1/reports/contribution", [("party", "pixel-studio")], ["report", "contribution", "--party", "pixel-studio", "--format", "json"], type: "application/json")
        try await same("/v1/reports/coverage", [("need", "liaoyuan-garden"), ("at", "60")], ["report", "coverage", "--need", "liaoyuan-garden", "--at", "60", "--format", "json"], type: "application/json")
        try await same("/v1/reports/trial", [("date", "2026-04-30")], ["report", "trial", "--date", "2026-04-30", "--format", "json"], type: "application/json")
        // The journal page is `journal export`'s lines, paged.
        let lines = try journalLines(data)
        let page = try await remote.get("/v1/journal", query: [("from", "5"), ("limit", "3")])
        #expect(page.text == lines[4..<7].joined(separator: "\n") + "\n")
        #expect(page.header("MicroFund-Journal-Size") == String(lines.count))
        #expect(try await remote.get("/v1/journal", query: [("from", String(lines.count + 1))]).body.isEmpty)
        // A transaction by id is its journal line.
        let third = try JSONParser.parse(Array(lines[2].utf8)).objectValue!["envelope"]!.objectValue!["id"]!.stringValue!
        #expect(try await remote.get("/v1/transactions/" + RemoteLedger.segment(third)).text == lines[2] + "\n")
        #expect(served.stop() == 0)
        #expect(served.log.contains("route=/v1/reports/{kind}"), "one log line per request names the route pattern")
    }

    /// Catches a route listed in docs/openapi.yaml that the router lacks,
    /// or one the router has that the contract does not list.
    @Test func everyDocumentedRouteIsServed() async throws {
        let spec = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var documented: Set<String> = []
        var path: String?
        for line in spec.split(separator: "\n") {
            if line.hasPrefix("  /") { path = String(line.dropFirst(2).dropLast()) }
            else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), let method = ["get", "post", "put", "delete", "patch"].first(where: { line == "    \($0):" }) {
                documented.insert(method.uppercased() + " " + path)
            }
            if line.hasPrefix("components:") { break }
        }
        let catalogue = Set(RouteCatalogue.routes.map { "\($0.method) \($0.path)" })
        #expect(documented == catalogue, "documented only: \(documented.subtracting(catalogue).sorted()); served only: \(catalogue.subtracting(documented).sorted())")
        let served = try ServedLedgerProcess()
        let remote = try served.remote
        let examples = ["{id}": "pixel-studio", "{seq}": "3", "{path}": "fund:pool:CNY", "{kind}": "balance", "{tool}": "beancount"]
        for route in RouteCatalogue.routes where route.method == "GET" {
            var concrete = route.path
            for (name, value) in examples { concrete = concrete.replacingOccurrences(of: name, with: value) }
            let answer = try await remote.get(concrete, query: concrete.hasSuffix("consistency") ? [("from", "2")] : [])
            #expect(answer.code != "route_unknown", "\(concrete) is not routed")
            #expect(answer.status < 500, "\(concrete): \(answer.status) \(answer.text)")
        }
        served.stop()
    }

    /// Catches a write path that acknowledges before it is durable, a
    /// duplicate answered as new, an id reused for other content accepted,
    /// or a refusal that changes the journal.
    @Test func writesThroughTheAPI() async throws {
        let served = try ServedLedgerProcess()
        let remote = try served.remote
        let data = served.data
        let before = try journalLines(data)
        let signed = try microfund("donate", "--data", data, "--key", data + "/keys/community-fund.pem", "--donor", "pixel-studio",
                                   "--amount", "88.80", "--envelope-id", "api-donation-1", "--print-only").stdout
        let envelope = Array(signed.utf8)
        let first = try await remote.post("/v1/transactions", body: envelope, type: "application/json", query: [("lang", "en")])
        #expect(first.status == 201, "\(first.text)")
        #expect(first.json?["seq"] == .integer(Int64(before.count + 1)))
        #expect(first.json?["kind"]?.stringValue == "donation.record")
        #expect(first.json?["summary"]?.stringValue?.contains("88.80") == true)
        // Acknowledged means in the journal, already.
        #expect(try journalLines(data).count == before.count + 1)
        let again = try await remote.post("/v1/transactions", body: envelope, type: "application/json")
        #expect(again.status == 200)
        #expect(again.json?["outcome"]?.stringValue == "duplicate")
        #expect(again.json?["seq"] == first.json?["seq"])
        let after = try journalLines(data)
        // Refusals: each leaves the journal byte for byte as it was.
        let other = signed.replacingOccurrences(of: "8880", with: "8881")
        let refusals: [(body: String, type: String, status: Int, code: String)] = [
            (other, "application/json", 401, "signature_invalid"),
            (signed, "text/plain", 415, "unsupported_media_type"),
            ("{", "application/json", 400, "malformed_json"),
            ("", "application/json", 400, "request_invalid"),
            ("\n\n", "application/x-ndjson", 400, "request_invalid"),
        ]
        for refusal in refusals {
            let answer = try await remote.post("/v1/transactions", body: Array(refusal.body.utf8), type: refusal.type)
            #expect(answer.status == refusal.status, "\(refusal.code): \(answer.status) \(answer.text)")
            #expect(answer.code == refusal.code)
            #expect(answer.contentType == "application/problem+json")
        }
        // The same id with other, properly signed content is a conflict.
        let conflicting = try microfund("donate", "--data", data, "--key", data + "/keys/community-fund.pem", "--donor", "pixel-studio",
                                        "--amount", "99", "--envelope-id", "api-donation-1", "--print-only").stdout
        let conflict = try await remote.post("/v1/transactions", body: Array(conflicting.utf8), type: "application/json")
        #expect(conflict.status == 409)
        #expect(conflict.code == "id_conflict")
        #expect(try journalLines(data) == after)
        // A batch: one outcome per line, in order, numbered by input line.
        let second = try microfund("donate", "--data", data, "--key", data + "/keys/community-fund.pem", "--donor", "lantern-studio",
                                   "--amount", "12", "--envelope-id", "api-donation-2", "--print-only").stdout
        let batch = signed.trimmingCharacters(in: .newlines) + "\n" + "not json\n\n" + second
        let answer = try await remote.post("/v1/transactions", body: Array(batch.utf8), type: "application/x-ndjson")
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/x-ndjson")
        let outcomes = answer.text.split(separator: "\n").map { try? JSONParser.parse(Array($0.utf8)).objectValue }
        #expect(outcomes.map { $0?["outcome"]?.stringValue } == ["duplicate", "rejected", "accepted"])
        #expect(outcomes.map { $0?["line"] } == [.integer(1), .integer(2), .integer(4)])
        #expect(try journalLines(data).count == after.count + 1)
        #expect(try microfund("verify", "--data", data).status == 0)
        #expect(served.stop() == 0)
    }

    /// Catches a refusal that is not problem+json, or that carries a
    /// status other than the table's, and limits that are not enforced.
    @Test func limitsAndProblems() async throws {
        let served = try ServedLedgerProcess(arguments: ["--body-max", "2048", "--batch-max", "2"])
        let remote = try served.remote
        let before = try journalLines(served.data)
        let big = try await remote.post("/v1/transactions", body: Array(repeating: 0x20, count: 4_096), type: "application/json")
        #expect(big.status == 413 && big.code == "body_too_large")
        let batch = try await remote.post("/v1/transactions", body: Array("{}\n{}\n{}\n".utf8), type: "application/x-ndjson")
        #expect(batch.status == 413 && batch.code == "batch_too_large")
        let cases: [(String, [(String, String)], Int, String)] = [
            ("/nowhere", [], 404, "route_unknown"),
            ("/v1/accounts", [("at", "x")], 400, "request_invalid"),
            ("/v1/accounts", [("at", "100000")], 404, "entry_unknown"),
            ("/v1/accounts", [("bogus", "1")], 400, "request_invalid"),
            ("/v1/accounts/nowhere", [], 400, "invalid_account"),
            ("/v1/accounts/fund%3Aearmark%3Anobody%3ACNY", [], 404, "account_unknown"),
            ("/v1/parties/nobody", [], 404, "party_unknown"),
            ("/v1/needs/nothing", [], 404, "need_unknown"),
            ("/v1/motions/nothing", [], 404, "motion_unknown"),
            ("/v1/transactions/nothing", [], 404, "transaction_unknown"),
            ("/v1/proofs/inclusion/100000", [], 404, "entry_unknown"),
            ("/v1/proofs/consistency", [], 400, "request_invalid"),
            ("/v1/reports/nothing", [], 404, "route_unknown"),
            ("/v1/reports/balance", [("format", "pdf")], 400, "request_invalid"),
            ("/v1/reports/balance", [("at", "3"), ("date", "2026-04-01")], 400, "request_invalid"),
            ("/v1/reports/balance", [("date", "yesterday")], 400, "invalid_time"),
            ("/v1/reports/balance", [("date", "2020-01-01")], 400, "report_date_out_of_range"),
            ("/v1/reports/statement", [("from", "2026-05-01"), ("to", "2026-04-01")], 400, "report_period_invalid"),
            ("/v1/reports/contribution", [("party", "nobody")], 404, "party_unknown"),
            ("/v1/match", [("time", "soon")], 400, "invalid_time"),
        ]
        for (path, query, status, code) in cases {
            let answer = try await remote.get(path, query: query)
            #expect(answer.status == status, "\(path) \(query): \(answer.status) \(answer.text)")
            #expect(answer.code == code, "\(path) \(query)")
            #expect(answer.contentType == "application/problem+json")
            #expect(answer.json?["status"] == .integer(Int64(status)))
            #expect(answer.json?["type"]?.stringValue == "urn:microfund:problem:\(code)")
        }
        let wrongMethod = try await remote.post("/v1/accounts", body: [], type: "application/json")
        #expect(wrongMethod.status == 405 && wrongMethod.header("Allow") == "GET")
        #expect(try journalLines(served.data) == before)
        let metrics = try await remote.get("/metrics").text
        #expect(metrics.contains("hb_requests{"))
        let entries = metrics.split(separator: "\n").first { $0.hasPrefix("microfund_journal_entries ") }
        #expect(entries.flatMap { Double($0.split(separator: " ")[1]) } == Double(before.count))
        #expect(served.stop() == 0)
    }

    /// Catches `submit --server` numbering outcomes by the batch's lines
    /// instead of the file's, or exiting 0 past a refusal.
    @Test func submitThroughTheServer() async throws {
        let served = try ServedLedgerProcess()
        let data = served.data
        let signed = try microfund("donate", "--data", data, "--key", data + "/keys/community-fund.pem", "--donor", "pixel-studio",
                                   "--amount", "5", "--envelope-id", "remote-submit-1", "--print-only").stdout
        let file = served.scratch.file("batch.jsonl")
        try Data((signed + "\n{\"v\":1}\n" + signed).utf8).write(to: URL(fileURLWithPath: file))
        let size = try journalLines(data).count
        let run = try microfund("submit", "--server", served.url, "--json", file)
        #expect(run.status == 1, "one line is refused: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)).objectValue }
        #expect(lines.map { $0["outcome"]?.stringValue } == ["accepted", "rejected", "duplicate"])
        #expect(lines.map { $0["line"] } == [.integer(1), .integer(3), .integer(4)])
        #expect(lines.first?["seq"] == .integer(Int64(size + 1)))
        #expect(served.stop() == 0)
    }
}
