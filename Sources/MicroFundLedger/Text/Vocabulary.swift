/// The fund's own words in both languages: assets, stages, kinds of party,
/// roles and the states of pledges and motions. What reports, listings,
/// acknowledgements and (later) the public pages print for the raw values
/// the protocol keeps.
extension Asset {
    /// 现金、志愿工时、专业服务、场地 / cash, labour, expertise, space (the
    /// words an acknowledgement uses: "6 h of labour").
    public func noun(_ language: Language) -> String {
        switch self {
        case .cny: language.pick("cash", "现金")
        case .labour: language.pick("labour", "志愿工时")
        case .expertise: language.pick("expertise", "专业服务")
        case .space: language.pick("space", "场地")
        }
    }
}

extension NeedStageMachine.Stage {
    /// The meeting a need has passed to stand here (六会): 立项评审 for
    /// approved, … 运维商议 for maintained; a proposed need waits for its first.
    public func name(_ language: Language) -> String {
        switch self {
        case .proposed: language.pick("proposed", "已提议")
        case .approved: language.pick("approved", "立项评审")
        case .hearingPassed: language.pick("hearing passed", "决策听证")
        case .inProgress: language.pick("in progress", "实施推进")
        case .accepted: language.pick("accepted", "验收评估")
        case .maintained: language.pick("maintained", "运维商议")
        }
    }
}

extension NeedStageMachine.State {
    /// A stage's name, or 矛盾协调 (disputed) with the stage it paused.
    public func name(_ language: Language) -> String {
        switch self {
        case .at(let stage): stage.name(language)
        case .disputed(let from): language.pick("disputed (at \(from.name(.en)))", "矛盾协调（\(from.name(.zh))）")
        }
    }
}

extension PartyKind {
    public func name(_ language: Language) -> String {
        switch self {
        case .enterprise: language.pick("enterprise", "企业")
        case .resident: language.pick("resident", "居民")
        case .government: language.pick("government", "政府")
        case .socialOrganisation: language.pick("social organisation", "社会组织")
        case .planningTeam: language.pick("planning team", "规划团队")
        case .committee: language.pick("committee", "委员会")
        }
    }
}

extension Role {
    public func name(_ language: Language) -> String {
        switch self {
        case .admin: language.pick("admin", "管理员")
        case .fundManager: language.pick("fund manager", "基金管理员")
        case .committeeMember: language.pick("committee member", "委员")
        case .coordinator: language.pick("coordinator", "协调人")
        case .auditor: language.pick("auditor", "审计员")
        }
    }
}

extension Pledge.State {
    public func name(_ language: Language) -> String {
        switch self {
        case .pending: language.pick("pending", "待交付")
        case .confirmed: language.pick("confirmed", "已交付")
        case .cancelled: language.pick("cancelled", "已取消")
        case .expired: language.pick("expired", "已过期")
        }
    }
}

extension MotionLifecycle.State {
    public func name(_ language: Language) -> String {
        switch self {
        case .open: language.pick("open", "表决中")
        case .passed: language.pick("passed", "已通过")
        case .rejected: language.pick("rejected", "未通过")
        case .withdrawn: language.pick("withdrawn", "已撤回")
        case .expired: language.pick("expired", "已过期")
        }
    }
}
