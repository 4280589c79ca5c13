public import ArgumentParser
import Foundation
public import MicroFundLedger
import MicroFundCrypto
import MicroFundMatching
import MicroFundService
import MicroFundClient

/// The language the command line speaks: `--lang zh|en` where a command
/// was given one, otherwise the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`:
/// `zh_*` is Chinese, anything else English). Codes never change with it.
public enum Words {
    /// Set once, before parsing, by `MicroFundCommand.run(arguments:)`.
    nonisolated(unsafe) public static var language = Language.of(environment: ProcessInfo.processInfo.environment)

    /// The language `arguments` ask for with `--lang X` or `--lang=X`, or
    /// nil (then the locale decides).
    static func requested(in arguments: [String]) -> Language? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst("--lang=".count))) }
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) }
        }
        return nil
    }

    /// `en` or `zh` in the command line's language.
    static func say(_ en: String, _ zh: String) -> String {
        language.pick(en, zh)
    }

    /// What any stable code means (the ledger's, the crypto wrapper's, the
    /// matcher's, the reports' and the command line's own), or nil for a
    /// code MicroFund does not have.
    public static func meaning(ofCode code: String, in language: Language) -> String? {
        if let known = LedgerError.Code(rawValue: code) { return known.meaning(language) }
        if let known = CommandFailure.Code(rawValue: code) { return known.meaning(language) }
        if let known = ReportCode(rawValue: code) { return known.meaning(language) }
        if let known = CryptoError.Code(rawValue: code) { return known.meaning(language) }
        if let known = MatchError.Code(rawValue: code) { return known.meaning(language) }
        if let known = ServerCode(rawValue: code) { return known.meaning(language) }
        if let known = ClientCode(rawValue: code) { return known.meaning(language) }
        return nil
    }

    /// Every code of every layer, for the test that keeps them all said in
    /// both languages.
    /// A code two layers share (`key_unknown`) is listed once.
    public static var allCodes: [String] {
        var seen = Set<String>()
        return (LedgerError.Code.allCases.map(\.rawValue) + CommandFailure.Code.allCases.map(\.rawValue) + ReportCode.allCases.map(\.rawValue)
            + CryptoError.Code.allCases.map(\.rawValue) + MatchError.Code.allCases.map(\.rawValue) + ServerCode.allCases.map(\.rawValue) + ClientCode.allCases.map(\.rawValue)).filter { seen.insert($0).inserted }
    }
}

extension CommandFailure.Code {
    func meaning(_ language: Language) -> String {
        switch self {
        case .usage: language.pick("the command line is not right", "命令用法有误")
        case .notInitialized: language.pick("no ledger in this data directory", "该数据目录中没有账本")
        case .alreadyInitialized: language.pick("this data directory already holds a ledger", "该数据目录已有账本")
        case .verifyFailed: language.pick("verification failed", "核验未通过")
        case .inputEmpty: language.pick("the input is empty", "输入为空")
        case .invalidAmount: language.pick("not an amount MicroFund reads", "金额格式无法识别")
        case .invalidTime: language.pick("not a time MicroFund reads", "时间格式无法识别")
        case .notADonation: language.pick("the entry is not a donation", "该条目不是捐赠")
        case .keyPermissions: language.pick("the key file can be read by others", "密钥文件可被他人读取")
        case .publicKeyGiven: language.pick("a public key cannot sign", "公钥不能用于签名")
        case .keyUnknown: language.pick("the key is not registered", "密钥未登记")
        case .fileUnreadable: language.pick("the file cannot be read", "无法读取文件")
        case .fileExists: language.pick("the file exists already", "文件已存在")
        case .fileTooLarge: language.pick("the file is too large", "文件过大")
        case .ioError: language.pick("reading or writing failed", "读写失败")
        case .invalidFixture: language.pick("the fixture is not valid", "示例数据文件无效")
        case .benchFailed: language.pick("the benchmark failed", "基准测试失败")
        }
    }
}

/// `--lang zh|en`.
extension Language: ExpressibleByArgument {}
