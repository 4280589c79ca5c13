import Foundation
import MicroFundCLI
import MicroFundCrypto
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundSQLite
import MicroFundStore
import Testing

/// Reports from the demo ledger, checked by accountants' own tools and by
/// `report verify`, and refused inputs with their codes.
@Suite("Reports and exports")
struct ReportTests {
    /// The demo ledger, built once per test.
    func demo(_ scratch: Scratch) throws -> (data: String, state: LedgerState) {
        let data = scratch.file("demo")
        let built = try microfund("demo", "--data", data)
        #expect(built.status == 0, "\(built.stderr)")
        return (data, try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState())
    }

    /// MicroFund's posted balance of every account that moved, keyed as the
    /// export names it: (account, commodity).
    func postedBalances(_ state: LedgerState) -> [String: Int128] {
        var out: [String: Int128] = [:]
        for (path, account) in state.accounts where account.debitsPosted != 0 || account.creditsPosted != 0 {
            let balance = Int128(account.creditsPosted) - Int128(account.debitsPosted)
            if balance != 0 { out[JournalExport.account(path) + " " + path.asset.rawValue] = balance }
        }
        return out
    }

    /// "27000.00" CNY → 2700000 fen; other commodities are whole units.
    func units(_ number: String, _ commodity: String) -> Int128? {
        let text = number.trimmingCharacters(in: .whitespaces)
        guard commodity == "CNY" else { return Int128(text) }
        let negative = text.hasPrefix("-")
        let parts = text.drop { $0 == "-" }.split(separator: ".")
        guard parts.count == 2, let yuan = Int128(parts[0]), let fen = Int128(parts[1]), parts[1].count == 2 else { return nil }
        return (negative ? -1 : 1) * (yuan * 100 + fen)
    }

    @Test("hledger reads the export and its balance of every account equals MicroFund's")
    func hledger() throws {
        let scratch = try Scratch()
        let (data, state) = try demo(scratch)
        let file = scratch.file("ledger.journal")
        #expect(try microfund("export", "hledger", "--data", data, "--out", file).status == 0)
        var theirs: [String: Int128] = [:]
        for asset in Asset.allCases {
            let run = try tool("hledger", "-f", file, "balance", "--flat", "-N", "cur:\(asset.rawValue)", "-O", "csv")
            #expect(run.status == 0, "\(run.stderr)")
            for line in run.stdout.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                guard cells.count == 2 else { continue }
                let amount = cells[1].split(separator: " ")
                guard amount.count == 2, let value = units(String(amount[0]), String(amount[1])) else {
                    Issue.record("cannot read \(line)")
                    continue
                }
                if value != 0 { theirs[cells[0] + " " + amount[1]] = value }
            }
        }
        #expect(!theirs.isEmpty)
        #expect(theirs == postedBalances(state))
    }

    @Test("bean-check accepts the beancount export and bean-query's sums equal MicroFund's")
    func beancount() throws {
        let scratch = try Scratch()
        let (data, state) = try demo(scratch)
        let file = scratch.file("ledger.beancount")
        #expect(try microfund("export", "beancount", "--data", data, "--out", file).status == 0)
        let check = try tool("bean-check", file)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let query = try tool("bean-query", "-f", "csv", file, "SELECT account, sum(number) AS total, currency GROUP BY account, currency")
        #expect(query.status == 0, "\(query.stderr)")
        var theirs: [String: Int128] = [:]
        for line in query.stdout.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard cells.count == 3, let value = units(cells[1], cells[2]) else { continue }
            if value != 0 { theirs[cells[0] + " " + cells[2]] = value }
        }
        #expect(theirs == postedBalances(state))
    }

    @Test("report verify accepts a JSON report and catches an edited one, another ledger's and a non-report")
    func verify() throws {
        let scratch = try Scratch()
        let (data, _) = try demo(scratch)
        for kind in ["balance", "statement", "resources", "coverage", "trial"] {
            let file = scratch.file("\(kind).json")
            #expect(try microfund("report", kind, "--data", data, "--format", "json", "--at", "60", "--out", file).status == 0)
            let ok = try microfund("report", "verify", "--data", data, file)
            #expect(ok.status == 0 && ok.stdout.hasPrefix("ok: \(kind) report at entry 60"), "\(ok.stderr)")
        }
        let file = scratch.file("contribution.json")
        #expect(try microfund("report", "contribution", "--data", data, "--party", "pixel-studio", "--format", "json", "--out", file).status == 0)
        #expect(try microfund("report", "verify", "--data", data, file).status == 0)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let edited = scratch.file("edited.json")
        try text.replacingOccurrences(of: "\"amount\":1500000", with: "\"amount\":1600000").write(toFile: edited, atomically: true, encoding: .utf8)
        #expect(text != (try String(contentsOfFile: edited, encoding: .utf8)))
        let caught = try microfund("report", "verify", "--data", data, edited)
        #expect(caught.status == 1 && caught.stderr.hasPrefix("error[report_mismatch]"), "\(caught.stderr)")
        let foreign = scratch.file("foreign.json")
        try text.replacingOccurrences(of: "demo.microfund.example/shanghai", with: "other.example/ledger").write(toFile: foreign, atomically: true, encoding: .utf8)
        #expect(try microfund("report", "verify", "--data", data, foreign).stderr.hasPrefix("error[report_other_ledger]"))
        try "{\"schema\":\"x\"}".write(toFile: scratch.file("junk.json"), atomically: true, encoding: .utf8)
        #expect(try microfund("report", "verify", "--data", data, scratch.file("junk.json")).stderr.hasPrefix("error[report_malformed]"))
    }

    @Test("bad points, periods and parties get their codes and no output")
    func refusals() throws {
        let scratch = try Scratch()
        let (data, _) = try demo(scratch)
        let cases: [([String], String)] = [
            (["contribution", "--party", "ghost"], "party_unknown"),
            (["balance", "--date", "2000-01-01"], "report_date_out_of_range"),
            (["balance", "--date", "2999-01-01"], "report_date_out_of_range"),
            (["statement", "--from", "2026-06-01", "--to", "2026-05-01"], "report_period_invalid"),
            (["balance", "--at", "0"], "entry_unknown"),
            (["balance", "--at", "93"], "entry_unknown"),
        ]
        for (arguments, code) in cases {
            let run = try microfund(["report"] + arguments + ["--data", data])
            #expect(run.status == 1 && run.stdout.isEmpty && run.stderr.hasPrefix("error[\(code)]"), "\(arguments): \(run.stderr)")
        }
        #expect(try microfund("report", "nonsense", "--data", data).status == 64)
    }

    @Test("a statement checks its identity; past balances come from stored versions")
    func statementAndHistory() throws {
        let scratch = try Scratch()
        let (data, _) = try demo(scratch)
        let may = try microfund("report", "statement", "--data", data, "--from", "2026-05-01", "--to", "2026-05-31")
        #expect(may.status == 0 && may.stdout.contains("opening + in − out ± corrections = closing: holds"), "\(may.stdout)")
        let zh = try microfund("report", "statement", "--data", data, "--lang", "zh")
        #expect(zh.stdout.contains("期初 + 收入 − 支出 ± 冲正 = 期末: 成立"))
        // Before the first donation (entry 26 is the last registration), the fund is empty.
        let early = try microfund("report", "balance", "--data", data, "--at", "25", "--format", "csv")
        #expect(early.stdout.contains("total,,0.00,0.00,0.00,0.00"), "\(early.stdout)")
        let trial = try microfund("report", "trial", "--data", data, "--date", "2026-04-01")
        #expect(trial.stdout.contains("CNY sums to zero: holds") && trial.stdout.contains("LABOUR sums to zero: holds"), "\(trial.stdout)")
    }
}

@Suite("docs/reports.md")
struct ReportDocumentTests {
    @Test("lists exactly the report commands' own codes")
    func codes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/reports.md"), encoding: .utf8)
        let listed = Set(text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `report_") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "`" })
        })
        #expect(listed == Set(ReportCode.allCases.map(\.rawValue)))
    }
}

@Suite("Contribution proofs and one need's coverage")
struct ReportDetailTests {
    @Test("each entry backing a contribution comes with an audit path to the named root, which verifies")
    func proofs() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let run = try microfund("report", "contribution", "--data", data, "--party", "jiangpu-property", "--format", "json", "--at", "80")
        let report = try #require(try JSONParser.parse(Array(run.stdout.utf8)).objectValue)
        let root = try #require(report["checkpoint"]?.objectValue?["root"]?.stringValue.flatMap { ByteEncoding.bytes(base64: $0) })
        let sections = (report["sections"]?.arrayValue ?? []).compactMap { $0.objectValue }
        let proofSection = sections.first { $0["id"]?.stringValue == "proofs" }
        let proofs = proofSection?["rows"]?.arrayValue ?? []
        #expect(proofs.count >= 2)
        let store = try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName)
        for row in proofs {
            let cells = try #require(row.arrayValue)
            guard case .number(let number)? = cells.first, let entry = number.int64 else { Issue.record("no entry"); continue }
            let path = try #require(cells.last?.stringValue).split(separator: " ").compactMap { ByteEncoding.bytes(base64: String($0)) }
            let stored = try #require(try store.entries(from: UInt64(entry), limit: 1).first)
            let leaf = try Merkle.leafHash(stored.bytes)
            #expect(Merkle.verifyInclusion(leafHash: leaf, index: UInt64(entry - 1), size: 80, proof: path, root: root), "entry \(entry)")
            #expect(!Merkle.verifyInclusion(leafHash: leaf, index: UInt64(entry), size: 80, proof: path, root: root))
        }
    }

    @Test("coverage at a past entry shows each need's stage as it was then, and verifies; need show lists the history")
    func pastStages() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let need = try #require(try SQLiteStore.open(path: data + "/" + SQLiteStore.fileName).loadState().needs["liaoyuan-garden"])
        #expect(need.stages.count >= 3)
        // Would catch coverage printing today's stage at every point.
        for (previous, change) in zip(need.stages, need.stages.dropFirst()) {
            for (point, stage) in [(change.sequence - 1, previous.stage), (change.sequence, change.stage)] {
                let out = scratch.file("coverage-\(point).json")
                #expect(try microfund("report", "coverage", "--data", data, "--need", need.id, "--at", "\(point)", "--format", "json", "--out", out).status == 0)
                let report = try #require(try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out)))).objectValue)
                let rows = report["sections"]?.arrayValue?.first?.objectValue?["rows"]?.arrayValue ?? []
                #expect(!rows.isEmpty && rows.allSatisfy { $0.arrayValue?[1].stringValue == stage.text }, "at \(point): \(rows)")
                #expect(try microfund("report", "verify", "--data", data, out).status == 0)
            }
        }
        let shown = try microfund("need", "show", "--data", data, "--need", need.id)
        for change in need.stages {
            #expect(shown.stdout.contains(change.stage.text) && shown.stdout.contains(" \(change.sequence) "), "\(change)")
        }
    }

    @Test("coverage of one need shows only its lines; an unknown need is need_unknown")
    func oneNeed() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let one = try microfund("report", "coverage", "--data", data, "--need", "liaoyuan-garden")
        #expect(one.status == 0 && one.stdout.contains("Liaoyuan micro-garden") && !one.stdout.contains("Hongmei pocket garden"))
        let unknown = try microfund("report", "coverage", "--data", data, "--need", "ghost")
        #expect(unknown.status == 1 && unknown.stdout.isEmpty && unknown.stderr.hasPrefix("error[need_unknown]"))
        let json = scratch.file("one.json")
        #expect(try microfund("report", "coverage", "--data", data, "--need", "liaoyuan-garden", "--format", "json", "--out", json).status == 0)
        #expect(try microfund("report", "verify", "--data", data, json).status == 0)
    }
}

@Suite("Reports checked by an independent replay")
struct IndependentReportTests {
    @Test("Fixtures/reference/report_check.py recomputes trial, balance and statement reports from the exported journal")
    func independent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let checker = root.appendingPathComponent("Fixtures/reference/report_check.py").path
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let journal = scratch.file("journal.jsonl")
        try microfund("journal", "export", "--data", data).stdout.write(toFile: journal, atomically: true, encoding: .utf8)
        for at in ["30", "66", "92"] {
            for kind in ["trial", "balance", "statement"] {
                let file = scratch.file("\(kind)-\(at).json")
                #expect(try microfund("report", kind, "--data", data, "--at", at, "--format", "json", "--out", file).status == 0)
                let check = try tool("python3", checker, journal, file)
                #expect(check.status == 0 && check.stdout.hasPrefix("ok: \(kind) report at entry \(at)"), "\(check.stdout)")
            }
        }
        // A report whose figures were changed is caught by the checker too.
        let file = scratch.file("trial-92.json")
        let edited = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\"amount\":5000000,", with: "\"amount\":5000001,")
        #expect(edited != (try String(contentsOfFile: file, encoding: .utf8)))
        try edited.write(toFile: scratch.file("edited.json"), atomically: true, encoding: .utf8)
        #expect(try tool("python3", checker, journal, scratch.file("edited.json")).status == 1)
    }
}
