import MicroFundLedger

/// What reports print for their keys, in Chinese or English. Keys that are
/// not here (ids) print as they are.
enum Labels {
    static func text(_ key: String, _ language: Language) -> String {
        if key.hasPrefix("zero_sum_") {
            let asset = key.dropFirst("zero_sum_".count)
            return language == .zh ? "\(asset) 合计为零" : "\(asset) sums to zero"
        }
        guard let pair = table[key] else { return vocabulary(key, language) ?? key }
        return language == .zh ? pair.zh : pair.en
    }

    private static let table: [String: (zh: String, en: String)] = [
        // Report titles.
        "balance": ("基金资产负债表", "Fund balance sheet"),
        "statement": ("基金收支表", "Fund statement"),
        "resources": ("资源台账", "Resources"),
        "coverage": ("机会清单覆盖", "Need coverage (opportunity list)"),
        "contribution": ("贡献证明", "Contribution statement"),
        "trial": ("试算平衡表", "Trial balance"),
        // Sections.
        "fund": ("基金账户", "Fund accounts"),
        "paid": ("已支付", "Paid to"),
        "accounts": ("账户", "Accounts"),
        "sums": ("各资产合计", "Sums per asset"),
        "summary": ("摘要", "Summary"),
        "in_by_kind": ("按捐赠方类型收入", "Money in by kind of contributor"),
        "out_by_need": ("按需求支出", "Payouts by need"),
        "refunds": ("退款", "Refunds"),
        "by_party": ("按参与方", "By party"),
        "by_need": ("按需求", "By need"),
        "needs": ("需求", "Needs"),
        "given": ("贡献", "Given"),
        "history": ("基金余额走势", "The fund over time"), "fund_total": ("基金合计", "fund total"), "time": ("时间", "time"),
        "entries": ("对应分录", "Backing entries"),
        "reversed": ("冲正", "Corrections (reversed entries)"), "reversal": ("冲正分录", "reversal"), "reason": ("原因", "reason"),
        "corrections": ("冲正", "corrections"), "reversed_by": ("已冲正", "reversed by"),
        // Columns and lines.
        "account": ("账户", "account"), "need": ("需求", "need"), "balance_column": ("余额", "balance"),
        "pledged_in": ("认捐中", "pledged in"), "reserved": ("已预留", "reserved"), "available": ("可用", "available"),
        "party": ("参与方", "party"), "asset": ("资产", "asset"),
        // MicroFund credits the account that receives (a donation credits
        // the pool): the mirror of the Chinese convention, where money into
        // an asset account is 借 (debit). So its credits read as 借方 and
        // its debits as 贷方, and the fund's money in reads as 借.
        "debits_posted": ("贷方", "debits"), "credits_posted": ("借方", "credits"),
        "debits_pending": ("待记贷方", "pending debits"), "credits_pending": ("待记借方", "pending credits"),
        "posted": ("已入账", "posted"), "pending": ("待定", "pending"), "line": ("项目", "line"), "amount": ("金额", "amount"),
        "opening": ("期初", "opening"), "in": ("收入", "in"), "out": ("支出", "out"), "closing": ("期末", "closing"),
        "total": ("合计", "total"), "contributor_kind": ("捐赠方类型", "contributor kind"),
        "pledged": ("已认捐", "pledged"), "delivered": ("已交付", "delivered"), "cancelled": ("已取消", "cancelled"),
        "expired": ("已过期", "expired"), "outstanding": ("未结", "outstanding"), "stage": ("阶段", "stage"),
        "required": ("需求量", "required"), "paid_out": ("已拨付", "paid out"), "gap": ("缺口", "gap"),
        "overdue_pledges": ("逾期认捐", "overdue pledges"), "given_column": ("贡献量", "given"), "rate": ("折算单价", "rate"),
        "value": ("折合人民币", "value in CNY"), "entry": ("分录", "entry"),
        "proofs": ("包含证明", "Inclusion proofs"), "audit_path": ("审计路径", "audit path"),
        // Kinds of contributor.
        "enterprise": ("企业", "enterprise"), "resident": ("居民", "resident"), "government": ("政府", "government"),
        "social_org": ("社会组织", "social organisation"), "planning_team": ("规划团队", "planning team"), "committee": ("委员会", "committee"),
        // Checks and the header.
        "available_not_negative": ("可用余额非负", "available never below zero"),
        "opening_plus_in_minus_out_is_closing": ("期初 + 收入 − 支出 ± 冲正 = 期末", "opening + in − out ± corrections = closing"),
        "payouts_by_need_match_payees": ("按需求支出之和 = 收款方所得", "payouts by need add up to what payees received"),
        "holds": ("成立", "holds"), "fails": ("不成立", "FAILS"),
        "checkpoint": ("检查点", "checkpoint"), "entries_count": ("条分录", "entries"),
    ]

    /// The fund's own words for raw values a cell holds: a stage
    /// (立项评审 …), an asset (现金 …), a pledge's state. English keeps
    /// the raw value, as the protocol writes it.
    static func vocabulary(_ key: String, _ language: Language) -> String? {
        guard language == .zh else { return nil }
        if let stage = NeedStageMachine.State(text: key) { return stage.name(.zh) }
        if let asset = Asset(rawValue: key) { return asset.noun(.zh) }
        if let state = Pledge.State(rawValue: key) { return state.name(.zh) }
        return nil
    }

    /// The section in the order a reader of `language` expects: in
    /// Chinese 借方 comes before 贷方, so MicroFund's credits (借方, see
    /// above) move ahead of its debits. JSON keeps the protocol's order.
    static func arranged(_ section: Section, _ language: Language) -> Section {
        guard language == .zh else { return section }
        var out = section
        for (debit, credit) in [("debits_posted", "credits_posted"), ("debits_pending", "credits_pending")] {
            guard let d = out.columns.firstIndex(of: debit), let c = out.columns.firstIndex(of: credit) else { continue }
            out.columns.swapAt(d, c)
            for index in out.rows.indices where out.rows[index].count == out.columns.count { out.rows[index].swapAt(d, c) }
        }
        return out
    }

    /// A column's label: `balance` the column, not the report.
    static func column(_ key: String, _ language: Language) -> String {
        text(key == "balance" ? "balance_column" : key == "given" ? "given_column" : key, language)
    }
}
