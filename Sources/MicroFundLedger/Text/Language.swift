/// The languages MicroFund speaks: Chinese first, English beside it. Codes,
/// ids, field names and JSON never change with the language; only the
/// words around them do.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The language a process's locale asks for, by POSIX precedence:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set and not
    /// empty decides. `zh`, `zh_CN.UTF-8`, `zh_TW`, `zh-Hans` → Chinese;
    /// anything else (`C`, `POSIX`, `en_GB.UTF-8`, unset) → English. The
    /// environment comes in as a value: the core reads no process state.
    public static func of(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let lowered = value.lowercased()
            return lowered == "zh" || lowered.hasPrefix("zh_") || lowered.hasPrefix("zh-") || lowered.hasPrefix("zh.") ? .zh : .en
        }
        return .en
    }

    /// `en` or `zh` of a pair, for words written side by side.
    public func pick(_ en: String, _ zh: String) -> String {
        self == .zh ? zh : en
    }
}
