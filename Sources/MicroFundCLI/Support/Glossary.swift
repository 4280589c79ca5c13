/// The fund's terms in both languages, at the end of `microfund --help`:
/// the words every other message and report uses.
enum Glossary {
    static let terms: [(en: String, zh: String, meaningEn: String, meaningZh: String)] = [
        ("pool", "公共资金池", "cash any approved need may draw on", "可用于任何已立项需求的资金"),
        ("earmark", "定向资金", "cash given for one need, spent only on it", "指定给某一需求、只能用于该需求的资金"),
        ("reserve", "运维储备金", "the share of each payout kept for a space's upkeep", "每笔拨付中留作场地日后运维的部分"),
        ("quorum", "法定票数", "the committee approvals a motion needs to pass", "动议通过所需的委员赞成票数"),
        ("hearing", "决策听证", "the public meeting where residents support or object", "居民表达支持或反对的公开会议"),
        ("coordinator", "协调人", "the party who runs a need and confirms deliveries", "负责推进需求并确认交付的参与方"),
        ("pledge", "认捐", "a promise of resources to a need, with a deadline", "向需求承诺提供资源，有期限"),
        ("reversal", "冲正", "a signed correction that undoes a mistaken entry", "撤销错误条目的已签名更正"),
    ]

    static var text: String {
        "Glossary / 术语表:\n" + terms.map { "  \($0.en) · \($0.zh)\n      \($0.meaningEn)\n      \($0.meaningZh)" }.joined(separator: "\n")
    }
}
