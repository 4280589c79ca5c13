import MicroFundCrypto
public import MicroFundLedger

/// What an accepted envelope did, in the words of the people who use the
/// fund: `accepted #57: ¥15,000.00 from Pixel Game Studio to 辽源花园 (earmarked)`.
/// Names come from the ledger as it stands after the envelope.
public enum Acknowledgement {
    /// `before` is the ledger as it stood before the envelope, for what
    /// only a comparison tells: a vote that repeats an earlier one.
    public static func line(_ envelope: Envelope, sequence: UInt64, duplicate: Bool, state: LedgerState, before: LedgerState? = nil, language: Language) -> String {
        let head = duplicate ? language.pick("already accepted as #\(sequence)", "已接受，为第 \(sequence) 条") : language.pick("accepted #\(sequence)", "已接受第 \(sequence) 条")
        var words = describe(envelope, state: state, language: language)
        if !duplicate, let before, case .motionApprove(let id) = envelope.body, before.motions[id]?.lifecycle.approvals.contains(envelope.author) == true {
            words += language.pick(" (already approved; counts once)", "（此前已赞成，只计一次）")
        }
        return "\(head)\(language.pick(": ", "：" ))\(LedgerError.oneLine(words))"
    }

    public static func describe(_ envelope: Envelope, state: LedgerState, language l: Language) -> String {
        func party(_ id: String) -> String { state.parties[id]?.name ?? id }
        func need(_ id: String) -> String { state.needs[id]?.title ?? id }
        let clock = LocalClock.of(state)
        func place(_ path: AccountPath) -> String {
            switch path {
            case .earmark(let id, _): l.pick("\(need(id)) (earmarked)", "\(need(id))（定向）")
            case .pool: l.pick("the pool", "公共资金池")
            case .reserve(let id, _): l.pick("the maintenance reserve of \(need(id))", "\(need(id)) 的运维储备金")
            case .need(let id, _): need(id)
            case .party(let id, _), .paid(let id, _): party(id)
            }
        }
        func roles(_ list: some Sequence<Role>) -> String {
            list.sorted().map { $0.name(l) }.joined(separator: l.pick(", ", "、"))
        }
        switch envelope.body {
        case .genesis(let origin, let admin, _, _):
            return l.pick("ledger \(origin) founded by \(admin.name)", "账本 \(origin) 由 \(admin.name) 创立")
        case .tick:
            let expired = state.pledges.values.filter { $0.settledAt == state.sequence && $0.state == .expired }.count
            return l.pick("\(expired) overdue pledge\(expired == 1 ? "" : "s") expired", "\(expired) 项逾期认捐已作废")
        case .partyRegister(let registration):
            return l.pick("\(registration.name) registered" + (registration.roles.isEmpty ? "" : " as " + roles(registration.roles)),
                          "\(registration.name) 已登记" + (registration.roles.isEmpty ? "" : "，角色：" + roles(registration.roles)))
        case .partyUpdate(let update):
            let list = roles(state.parties[update.party]?.roles ?? [])
            return l.pick("\(party(update.party)) updated" + (list.isEmpty ? ", no roles" : ", roles: \(list)"),
                          "\(party(update.party)) 已更新" + (list.isEmpty ? "，无角色" : "，角色：\(list)"))
        case .keyRotate(let id, let publicKey, let revoke):
            let newID = (try? Ed25519PublicKey(rawRepresentation: publicKey)).flatMap { try? KeyIdentifier.of($0) }.map { " \($0)" } ?? ""
            return l.pick("\(party(id)) has a new key\(newID), which signs from the next entry on" + (revoke.map { "; key \($0) is revoked and signs nothing more" } ?? ""),
                          "\(party(id)) 启用新密钥\(newID)，自下一条起用于签名" + (revoke.map { "；密钥 \($0) 已吊销，不再有效" } ?? ""))
        case .keyRevoke(let id, let keyID):
            return l.pick("key \(keyID) of \(party(id)) is revoked: it signs nothing from the next entry on",
                          "\(party(id)) 的密钥 \(keyID) 已吊销：自下一条起不再有效")
        case .needCreate(let id, _, let coordinator, _, _):
            return l.pick("\(need(id)) proposed by \(party(envelope.author)), coordinated by \(party(coordinator))",
                          "\(party(envelope.author)) 提议了 \(need(id))，协调人为 \(party(coordinator))")
        case .needVoice(let id, let supports, _):
            let tally = state.hearingTally(of: id)
            return l.pick("\(party(envelope.author)) \(supports ? "supports" : "objects to") \(need(id)) at its hearing (\(tally.support) for, \(tally.object) against)",
                          "\(party(envelope.author)) 在决策听证中\(supports ? "支持" : "反对") \(need(id))（支持 \(tally.support)，反对 \(tally.object)）")
        case .donationRecord(let donor, let amount, let destination, let note):
            return l.pick("\(Asset.cny.format(amount)) from \(party(donor)) to \(place(destination))", "收到 \(party(donor)) 捐赠 \(Asset.cny.format(amount))，存入\(place(destination))")
                + noteWords(note, l)
        case .donationRefund(let donor, let amount, let source, let note):
            return l.pick("\(Asset.cny.format(amount)) back to \(party(donor)) from \(place(source))", "从\(place(source))退还 \(party(donor)) \(Asset.cny.format(amount))")
                + noteWords(note, l)
        case .pledgeMake(let id, let asset, let amount, _, let line, let offer):
            let deadline = state.pledges[envelope.id].map { clock.format($0.deadline) } ?? "?"
            return l.pick("\(party(envelope.author)) pledges \(asset.format(amount)) of \(asset.noun(.en))\(offer.map { " from offer \($0)" } ?? "") to \(need(id))\(line.map { " (line \($0))" } ?? ""), by \(deadline)",
                          "\(party(envelope.author)) 向 \(need(id))\(line.map { "（需求项 \($0)）" } ?? "") 认捐\(asset.noun(.zh)) \(asset.format(amount))\(offer.map { "，出自资源供给 \($0)" } ?? "")，期限 \(deadline)")
        case .offerPublish(let offer):
            return l.pick("\(party(envelope.author)) offers \(OfferText.quantity(offer)) of \(offer.asset.noun(.en))\(offer.skill.map { " (\($0))" } ?? ""), \(OfferText.reach(offer, clock: clock))",
                          "\(party(envelope.author)) 提供\(offer.asset.noun(.zh)) \(OfferText.quantity(offer))\(offer.skill.map { "（\($0)）" } ?? "")，\(OfferText.reach(offer, clock: clock))")
        case .offerWithdraw(let offer):
            return l.pick("offer \(offer) withdrawn", "资源供给 \(offer) 已撤回")
        case .pledgeConfirm(let id, let amount):
            guard let pledge = state.pledges[id] else { return l.pick("pledge \(id) confirmed", "认捐 \(id) 已确认") }
            return l.pick("\(party(envelope.author)) confirms \(pledge.asset.format(amount)) of \(pledge.asset.noun(.en)) from \(party(pledge.party)) to \(need(pledge.need))",
                          "\(party(envelope.author)) 确认 \(party(pledge.party)) 已向 \(need(pledge.need)) 交付\(pledge.asset.noun(.zh)) \(pledge.asset.format(amount))")
        case .motionPropose(let action, _, let note):
            let motion = state.motions[envelope.id]
            let tally = motion.map { l.pick(", \($0.lifecycle.quorum) approvals needed by \(clock.format($0.deadline))", "，须在 \(clock.format($0.deadline)) 前获 \($0.lifecycle.quorum) 票赞成") } ?? ""
            return l.pick("\(party(envelope.author)) proposes to ", "\(party(envelope.author)) 提出动议：")
                + motionWords(action, need: action.need.map(need) ?? "", payee: party, language: l) + tally + noteWords(note, l)
        case .motionApprove(let id), .motionReject(let id):
            guard let motion = state.motions[id] else { return l.pick("vote on motion \(id)", "对动议 \(id) 投票") }
            let approves = if case .motionApprove = envelope.body { true } else { false }
            let outcome: String
            switch motion.lifecycle.state {
            case .passed:
                if case .disburse(let id, let payee, _, _) = motion.action {
                    let paid = motion.reservations.filter { if case .paid = $0.credit { true } else { false } }.reduce(Int64(0)) { $0 + $1.amount }
                    let reserve = motion.reservations.filter { if case .reserve = $0.credit { true } else { false } }.reduce(Int64(0)) { $0 + $1.amount }
                    outcome = l.pick("; the motion passed: \(Asset.cny.format(paid)) paid to \(party(payee)) for \(need(id)), \(Asset.cny.format(reserve)) to its maintenance reserve",
                                     "；动议通过：为 \(need(id)) 向 \(party(payee)) 支付 \(Asset.cny.format(paid))，\(Asset.cny.format(reserve)) 转入其运维储备金")
                } else if case .reversePayout(_, let original, _) = motion.action, let payout = state.motions[original], case .disburse(_, let payee, let amount, let source) = payout.action {
                    let entry = payout.settledAt.map(String.init) ?? "?"
                    outcome = l.pick("; the motion passed: \(Asset.cny.format(amount)) of motion \(original) (\(party(payee)) and the reserve) returned to \(source.description); entry \(entry) is marked reversed",
                                     "；动议通过：动议 \(original) 支付的 \(Asset.cny.format(amount))（\(party(payee)) 及运维储备金部分）已退回 \(source.description)；第 \(entry) 条标记为已冲正")
                } else if let id = motion.action.need {
                    let stage = state.needs[id]?.stage
                    outcome = l.pick("; the motion passed: \(need(id)) is now \(stage?.text ?? "?")", "；动议通过：\(need(id)) 进入\(stage?.name(.zh) ?? "?")阶段")
                } else {
                    outcome = l.pick("; the motion passed: the new policy is in force", "；动议通过：新规则生效")
                }
            case .rejected: outcome = l.pick("; the motion can no longer pass", "；该动议已不能通过")
            case .open: outcome = l.pick("; \(motion.lifecycle.approvals.count) of \(motion.lifecycle.quorum) approvals", "；已获 \(motion.lifecycle.approvals.count)/\(motion.lifecycle.quorum) 票赞成")
            case .withdrawn, .expired: outcome = ""
            }
            return l.pick("\(party(envelope.author)) \(approves ? "approves" : "rejects") motion \(id)", "\(party(envelope.author)) \(approves ? "赞成" : "反对")动议 \(id)") + outcome
        case .entryReverse(let entry, let reason):
            return l.pick("entry \(entry) reversed by \(party(envelope.author)): its transfers are undone (reason: \(reason)); the entry stays in the journal, marked reversed",
                          "\(party(envelope.author)) 冲正了第 \(entry) 条：其转账已撤销（原因：\(reason)）；原条目仍在日志中，标记为已冲正")
        case .motionWithdraw(let id):
            return l.pick("motion \(id) withdrawn by \(party(envelope.author))", "\(party(envelope.author)) 撤回了动议 \(id)")
        case .pledgeCancel(let id):
            guard let pledge = state.pledges[id] else { return l.pick("pledge \(id) cancelled", "认捐 \(id) 已取消") }
            return l.pick("\(party(pledge.party))'s pledge of \(pledge.asset.format(pledge.amount)) to \(need(pledge.need)) cancelled",
                          "\(party(pledge.party)) 向 \(need(pledge.need)) 认捐的 \(pledge.asset.format(pledge.amount)) 已取消")
        }
    }

    public static func motionWords(_ action: Motion.Action, need: String, payee name: (String) -> String = { $0 }, language l: Language) -> String {
        switch action {
        case .advance(_, let stage): l.pick("move \(need) to \(stage.rawValue)", "\(need) 进入\(stage.name(.zh))阶段")
        case .openDispute: l.pick("open a dispute on \(need)", "就 \(need) 启动矛盾协调")
        case .resolveDispute: l.pick("resolve the dispute on \(need)", "结束 \(need) 的矛盾协调")
        case .disburse(_, let payee, let amount, let source):
            l.pick("pay \(Asset.cny.format(amount)) to \(name(payee)) for \(need), from \(source.description)",
                   "为 \(need) 向 \(name(payee)) 支付 \(Asset.cny.format(amount))，从 \(source.description) 支出")
        case .changePolicy: l.pick("change the fund's policy", "修改基金规则")
        case .reversePayout(_, let motion, let reason):
            l.pick("reverse the payout of motion \(motion) for \(need), its money back to where it came from (reason: \(reason))",
                   "冲正动议 \(motion) 为 \(need) 所做的支付，款项退回原账户（原因：\(reason)）")
        }
    }

    /// `; memo: 春季义卖; reference: 收据 0042`, or nothing.
    public static func noteWords(_ note: EntryNote, _ l: Language) -> String {
        (note.memo.map { l.pick("; memo: \($0)", "；备注：\($0)") } ?? "") + (note.reference.map { l.pick("; reference: \($0)", "；凭证号：\($0)") } ?? "")
    }
}
