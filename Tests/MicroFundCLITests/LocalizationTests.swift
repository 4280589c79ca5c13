import Foundation
import MicroFundCLI
import MicroFundLedger
import Testing

/// Chinese first: the locale decides the language of messages,
/// acknowledgements, help and reports; `--lang` overrides it; codes never
/// change with it.
@Suite("Chinese first")
struct LocalizationTests {
    static func hasCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    @Test("every code of every layer is said in both languages: Chinese in Chinese, English without it")
    func everyCodeTranslated() throws {
        // Would catch a code added without its words (the switches make it
        // not compile) or a meaning left in the wrong language.
        #expect(Words.allCodes.count > 100)
        for code in Words.allCodes {
            let zh = try #require(Words.meaning(ofCode: code, in: .zh), "\(code)")
            let en = try #require(Words.meaning(ofCode: code, in: .en), "\(code)")
            #expect(Self.hasCJK(zh) && !Self.hasCJK(en) && !en.isEmpty && zh != en, "\(code): \(zh) / \(en)")
        }
        #expect(Words.meaning(ofCode: "no_such_code", in: .zh) == nil)
    }

    @Test("the locale's language: LC_ALL, then LC_MESSAGES, then LANG; zh_* is Chinese, anything else English")
    func localePrecedence() {
        #expect(Language.of(environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.of(environment: ["LANG": "zh_TW"]) == .zh)
        #expect(Language.of(environment: ["LANG": "zh"]) == .zh)
        #expect(Language.of(environment: ["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.of(environment: [:]) == .en)
        #expect(Language.of(environment: ["LANG": "C.UTF-8"]) == .en)
        #expect(Language.of(environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.of(environment: ["LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"]) == .zh)
        #expect(Language.of(environment: ["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US"]) == .zh)
        #expect(Language.of(environment: ["LANG": "zz_CN"]) == .en)
    }

    @Test("a Chinese locale gets Chinese errors with the same code; --lang en and an English locale get English")
    func errors() throws {
        let scratch = try Scratch()
        let zh = try microfund(locale: "zh_CN.UTF-8", "donate", "--data", scratch.file("none"), "--donor", "x", "--amount", "1,00", "--key", "k.pem")
        #expect(zh.status != 0 && zh.stderr.hasPrefix("error[invalid_amount]: 金额格式无法识别：") && zh.stderr.contains("最多两位小数"), "\(zh.stderr)")
        let en = try microfund(locale: "en_GB.UTF-8", "donate", "--data", scratch.file("none"), "--donor", "x", "--amount", "1,00", "--key", "k.pem")
        #expect(en.stderr.hasPrefix("error[invalid_amount]: ") && !Self.hasCJK(en.stderr.replacingOccurrences(of: "元", with: "").replacingOccurrences(of: "小时", with: "").replacingOccurrences(of: "分钟", with: "")), "\(en.stderr)")
        let time = try microfund(locale: "zh_CN.UTF-8", "report", "balance", "--data", scratch.file("none"), "--date", "2026-02-30")
        #expect(time.stderr.hasPrefix("error[") && Self.hasCJK(time.stderr), "\(time.stderr)")
    }

    @Test("acknowledgements, help and reports follow the locale; --lang overrides it")
    func acknowledgementsAndReports() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        let made = try microfund(locale: "zh_CN.UTF-8", "init", "--data", data, "--origin", "test.example/zh", "--admin-name", "街道办")
        #expect(made.status == 0 && made.stdout.contains("已接受第 1 条") && made.stdout.contains("创立"), "\(made.stdout)\(made.stderr)")
        let balance = try microfund(locale: "zh_CN.UTF-8", "report", "balance", "--data", data)
        #expect(balance.stdout.hasPrefix("基金资产负债表"), "\(balance.stdout)")
        let english = try microfund(locale: "zh_CN.UTF-8", "report", "balance", "--data", data, "--lang", "en")
        #expect(english.stdout.hasPrefix("Fund balance sheet"), "\(english.stdout)")
        let locale = try microfund(locale: "en_GB.UTF-8", "report", "balance", "--data", data)
        #expect(locale.stdout.hasPrefix("Fund balance sheet"), "\(locale.stdout)")
        let help = try microfund(locale: "zh_CN.UTF-8", "--help")
        #expect(help.stdout.contains("社区微更新基金") && help.stdout.contains("公共资金池") && help.stdout.contains("earmark"))
    }

    @Test("every command's --help abstract is Chinese in a Chinese locale and English otherwise")
    func helpAbstracts() throws {
        // Would catch a command added with an English-only abstract.
        func abstracts(_ locale: String) throws -> [String: String] {
            let dump = try run(microfundBinary, ["--experimental-dump-help"], locale: locale)
            let root = try #require(try JSONParser.parse(Array(dump.stdout.utf8)).objectValue?["command"]?.objectValue)
            var out: [String: String] = [:]
            func walk(_ command: JSONObject, _ path: String) {
                let name = path + " " + (command["commandName"]?.stringValue ?? "?")
                out[name] = command["abstract"]?.stringValue ?? ""
                for case .object(let child) in command["subcommands"]?.arrayValue ?? [] { walk(child, name) }
            }
            walk(root, "")
            return out
        }
        let zh = try abstracts("zh_CN.UTF-8"), en = try abstracts("en_GB.UTF-8")
        #expect(zh.count > 50 && Set(zh.keys) == Set(en.keys))
        for (command, text) in zh where !command.hasSuffix(" help") {
            #expect(Self.hasCJK(text), "\(command): \(text)")
            let english = en[command] ?? ""
            #expect(!english.isEmpty && english != text, "\(command): \(english)")
        }
    }

    @Test("Chinese reports: stages and assets in the fund's words, a period as dates, and the trial balance's 借方 first holding money in")
    func chineseReports() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let coverage = try microfund(locale: "zh_CN.UTF-8", "report", "coverage", "--data", data)
        #expect(coverage.stdout.contains("运维商议") && coverage.stdout.contains("志愿工时") && coverage.stdout.contains("现金"))
        #expect(!coverage.stdout.contains("maintained") && !coverage.stdout.contains("LABOUR"))
        let statement = try microfund(locale: "zh_CN.UTF-8", "report", "statement", "--data", data, "--from", "2026-04-01")
        #expect(statement.stdout.contains("期间：2026-04-") && !statement.stdout.contains("之后"), "\(statement.stdout.prefix(400))")
        let english = try microfund("report", "statement", "--data", data, "--from", "2026-04-01")
        #expect(english.stdout.contains("; period: 2026-04-") && !english.stdout.contains("after entry"))
        // The pool: donations are MicroFund credits, which Chinese books read as 借方 (debit), printed before 贷方.
        let trial = try microfund(locale: "zh_CN.UTF-8", "report", "trial", "--data", data, "--format", "csv")
        let lines = trial.stdout.components(separatedBy: "\r\n")
        let header = try #require(lines.first { $0.hasPrefix("账户,") }).components(separatedBy: ",")
        let debit = try #require(header.firstIndex { $0.hasPrefix("借方") }), credit = try #require(header.firstIndex { $0.hasPrefix("贷方") })
        #expect(debit < credit)
        let pool = try #require(lines.first { $0.hasPrefix("fund:pool:CNY,") }).components(separatedBy: ",")
        let json = try microfund("report", "trial", "--data", data, "--format", "json")
        let rows = try #require(try JSONParser.parse(Array(json.stdout.utf8)).objectValue?["sections"]?.arrayValue?.first?.objectValue?["rows"]?.arrayValue)
        let poolRow = try #require(rows.first { $0.arrayValue?.first?.stringValue == "fund:pool:CNY" }?.arrayValue)
        guard case .object(let credits) = poolRow[3], case .number(let fen)? = credits["amount"], let value = fen.int64 else { Issue.record("no credits"); return }
        #expect(pool[debit] == String(format: "%lld.%02lld", value / 100, value % 100), "\(pool) vs \(value)")
        #expect(value > 0)
    }
}
