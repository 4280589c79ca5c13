public import MicroFundCrypto

/// What each stable code means, in a short phrase per language: the first
/// words of an error line in that language (`error[overdraft]: 余额不足：…`),
/// a problem's title over HTTP, a page's message. A `switch` with no
/// default, so a new code does not compile until it is said in both.
extension LedgerError.Code {
    public func meaning(_ language: Language) -> String {
        let (en, zh) = words
        return language.pick(en, zh)
    }

    private var words: (String, String) {
        switch self {
        case .envelopeTooLarge: ("the envelope is too large", "信封过大")
        case .invalidUTF8: ("the input is not valid UTF-8", "输入不是有效的 UTF-8 文本")
        case .malformedJSON: ("the input is not valid JSON", "输入不是有效的 JSON")
        case .duplicateKey: ("a JSON object repeats a member", "JSON 对象中有重复的字段")
        case .nonIntegerNumber: ("a number is not a whole number", "数字必须是整数")
        case .unsupportedVersion: ("this envelope version is not supported", "不支持该信封版本")
        case .unknownKind: ("unknown kind of transaction", "未知的交易类型")
        case .missingField: ("a required field is missing", "缺少必填字段")
        case .unknownField: ("a field is not part of this kind", "该类型不含此字段")
        case .invalidField: ("a field's value is not valid", "字段取值无效")
        case .invalidTimestamp: ("the time is not a valid RFC 3339 UTC time", "时间不是有效的 RFC 3339 UTC 时间")
        case .amountNotInteger: ("an amount must be a whole number of minor units", "金额必须是最小单位的整数")
        case .amountNotPositive: ("the amount must be positive", "金额必须大于零")
        case .amountTooLarge: ("the amount is too large", "金额过大")
        case .invalidAccount: ("not a valid account", "账户无效")
        case .wrongLedger: ("the envelope was signed for another ledger", "该信封是为另一本账签署的")
        case .timestampSkew: ("the envelope's time is too far from the ledger's", "信封时间与账本时间相差过大")
        case .signatureMissing: ("the envelope is not signed", "信封没有签名")
        case .signatureMalformed: ("a signature is malformed", "签名格式错误")
        case .keyUnknown: ("the signing key is not registered", "签名密钥未登记")
        case .keyRevoked: ("the signing key is revoked", "签名密钥已吊销")
        case .signatureInvalid: ("a signature does not verify", "签名验证失败")
        case .authorNotSigner: ("the author did not sign the envelope", "作者本人没有签名")
        case .idConflict: ("this id was already used for another envelope", "该编号已被另一信封使用")
        case .genesisRequired: ("the ledger must begin with its genesis", "账本必须以创世条目开始")
        case .genesisRepeated: ("the ledger already has its genesis", "账本已有创世条目")
        case .forbidden: ("this party may not do this", "该参与方无权进行此操作")
        case .partyUnknown: ("no such party", "参与方不存在")
        case .partyExists: ("the party is already registered", "参与方已登记")
        case .keyExists: ("the key is already registered", "密钥已登记")
        case .needUnknown: ("no such need", "需求不存在")
        case .needExists: ("a need with this id exists", "已有同编号的需求")
        case .accountUnknown: ("no such account", "账户不存在")
        case .assetMismatch: ("the account holds another asset", "账户的资产类型不符")
        case .pledgeUnknown: ("no such pledge", "认捐不存在")
        case .pledgeNotPending: ("the pledge is no longer pending", "认捐已不在待交付状态")
        case .pledgeExceeded: ("more than the pledge promised", "超出认捐数量")
        case .pledgeExpired: ("the pledge is past its deadline", "认捐已过期限")
        case .deadlinePassed: ("the deadline has passed", "期限已过")
        case .offerUnknown: ("no such offer", "资源供给不存在")
        case .offerExists: ("an offer with this id exists", "已有同编号的资源供给")
        case .offerWithdrawn: ("the offer was withdrawn", "资源供给已撤回")
        case .offerExhausted: ("the offer has too little left", "资源供给余量不足")
        case .lineUnknown: ("the need has no such requirement line", "需求没有该需求项")
        case .offerMismatch: ("the pledge, its line and its offer do not match", "认捐、需求项与资源供给不匹配")
        case .nothingDue: ("nothing is due", "没有到期的事项")
        case .overdraft: ("not enough available in the account", "账户可用余额不足")
        case .balanceOverflow: ("the balance would overflow", "余额将溢出")
        case .motionUnknown: ("no such motion", "动议不存在")
        case .motionClosed: ("the motion is closed", "动议已结束")
        case .motionExpired: ("the motion is past its deadline", "动议已过期限")
        case .alreadyVoted: ("this member already voted the other way", "该委员已投了相反的票")
        case .conflictOfInterest: ("this member may not count toward the motion", "该委员因利益冲突不计入此动议")
        case .quorumUnreachable: ("too few members may count to reach the quorum", "可计票的委员不足以达到法定人数")
        case .stageSkip: ("a need moves only to its next stage", "需求只能进入下一阶段")
        case .needDisputed: ("the need is disputed", "需求处于矛盾协调中")
        case .hearingClosed: ("the need's hearing is not open", "需求的决策听证未开放")
        case .hearingRequired: ("the need's public hearing must pass first", "需求须先通过决策听证")
        case .payoutCap: ("more than the need's stage allows to be paid", "超出需求当前阶段允许的拨付额")
        case .earmarkMisuse: ("earmarked money goes only to its own need", "定向资金只能用于其指定的需求")
        case .lastAdminKey: ("the ledger would have no admin able to sign", "账本将没有可签名的管理员")
        case .referenceDuplicate: ("this receipt or transfer number is already booked", "该收据或转账编号已登记")
        case .notReversible: ("this entry cannot be reversed this way", "该条目不能以此方式冲正")
        case .alreadyReversed: ("the entry was reversed already", "该条目已冲正")
        case .reversalBlocked: ("the money was used since; the reversal would overdraw", "资金已被动用，冲正将导致透支")
        case .checkpointMalformed: ("the checkpoint is malformed", "检查点格式错误")
        case .checkpointSignatureInvalid: ("the checkpoint's signature does not verify", "检查点签名验证失败")
        case .proofMalformed: ("the proof is malformed", "证明格式错误")
        case .proofInvalid: ("the proof does not verify", "证明验证失败")
        case .entryUnknown: ("no such journal entry", "日志中没有该条目")
        case .storeFailure: ("the store failed", "存储出错")
        case .storeBusy: ("the ledger is busy; retry", "账本忙，请重试")
        case .storeReadOnly: ("the ledger can only be read here", "此处账本只读")
        case .ledgerCorrupt: ("the ledger's files are damaged", "账本文件已损坏")
        }
    }
}

extension CryptoError.Code {
    public func meaning(_ language: Language) -> String {
        switch self {
        case .keyGenerationFailed: language.pick("a key could not be made", "无法生成密钥")
        case .invalidKey: language.pick("not a valid Ed25519 key", "不是有效的 Ed25519 密钥")
        case .invalidPEM: language.pick("not a valid PEM key file", "不是有效的 PEM 密钥文件")
        case .signingFailed: language.pick("signing failed", "签名失败")
        case .digestFailed: language.pick("hashing failed", "哈希计算失败")
        }
    }
}
