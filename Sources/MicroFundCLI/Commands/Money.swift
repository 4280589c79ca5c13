import ArgumentParser
import MicroFundLedger
import MicroFundService
import MicroFundStore

/// A movement of cash between a donor and the fund: who, how much, and
/// which fund account (the pool, or a need's earmark).
struct CashOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Party id of the donor.", valueName: "party"))
    var donor: String
    @Option(parsing: .unconditional, help: ArgumentHelp("Amount in yuan, e.g. 5000 or 1234.56.", valueName: "yuan"))
    var amount: String
    @Option(help: ArgumentHelp("Earmark for this need instead of the general pool.", valueName: "need"))
    var need: String?

    var account: AccountPath {
        need.map { .earmark(need: $0, .cny) } ?? .pool(.cny)
    }

    /// The amount in fen.
    func fen() throws -> Int64 {
        try AmountText.parse(amount, asset: .cny)
    }
}

/// `--memo` and `--reference`: what a fund manager writes beside money
/// moving, kept in the signed entry and carried by reports and exports.
struct NoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A memo for people, up to 200 characters (e.g. 春季义卖).", valueName: "text"))
    var memo: String?
    @Option(help: ArgumentHelp("The receipt or bank-transfer number, up to 64 characters; booked once per kind.", valueName: "number"))
    var reference: String?

    var note: EntryNote { EntryNote(memo: memo, reference: reference) }
}

/// `microfund donate`: a fund manager records cash from a donor.
struct Donate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: Words.say("Record a cash donation into the pool or a need's earmark (fund managers).", "记录一笔现金捐赠，存入公共资金池或某需求的定向资金（基金管理员）。"))

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions
    @OptionGroup var cash: CashOptions
    @OptionGroup var note: NoteOptions

    func run() async throws {
        let fen = try cash.fen()
        try await signing.submit(data: data, kind: .donationRecord) { ledger, id, author, time in
            .recordDonation(ledger: ledger, id: id, author: author, timestamp: time, donor: cash.donor, amount: fen, to: cash.account, note: note.note)
        }
    }
}

/// `microfund refund`: cash returned to a donor.
struct Refund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: Words.say("Return cash to a donor from the pool or a need's earmark (fund managers).", "从公共资金池或定向资金向捐赠方退款（基金管理员）。"))

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions
    @OptionGroup var cash: CashOptions
    @OptionGroup var note: NoteOptions

    func run() async throws {
        let fen = try cash.fen()
        try await signing.submit(data: data, kind: .donationRefund) { ledger, id, author, time in
            .refundDonation(ledger: ledger, id: id, author: author, timestamp: time, donor: cash.donor, amount: fen, from: cash.account, note: note.note)
        }
    }
}

/// `microfund pledge make|confirm|cancel`.
struct PledgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pledge", abstract: Words.say("Pledge resources to a need, and settle pledges.", "向需求认捐资源，并办理认捐的交付与取消。"),
        subcommands: [Make.self, Confirm.self, Cancel.self, List.self]
    )

    struct Make: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Pledge cash, labour, expertise or space to a need; the envelope id is the pledge id.", "向需求认捐现金、志愿工时、专业服务或场地；信封编号即认捐编号。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The need pledged to.", valueName: "need"))
        var need: String
        @Option(help: ArgumentHelp("CNY, LABOUR, EXPERTISE or SPACE.", valueName: "asset"))
        var asset: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Amount: yuan, hours (or 90m), or m²·days.", valueName: "amount"))
        var amount: String
        @Option(help: ArgumentHelp("Deliver by this time (RFC 3339 with an offset) or by the end of this date; defaults to the policy's pledge lifetime.", valueName: "time"))
        var deadline: String?

        func validate() throws {
            guard Asset(rawValue: asset) != nil else { throw ValidationError("--asset must be CNY, LABOUR, EXPERTISE or SPACE") }
        }

        func run() async throws {
            let asset = Asset(rawValue: asset)!
            let units = try AmountText.parse(amount, asset: asset)
            try await signing.submit(data: data, kind: .pledgeMake) { ledger, id, author, time, clock in
                .makePledge(ledger: ledger, id: id, author: author, timestamp: time, need: need, asset: asset, amount: units,
                            deadline: try deadline.map { try TimeText.parse($0, clock: clock, endOfDay: true, what: "--deadline", language: Words.language) })
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Confirm delivery of a pledge, in full or in part (the need's coordinator).", "确认认捐已交付，全部或部分（需求的协调人）。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The pledge id.", valueName: "id"))
        var pledge: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Amount delivered, at most the pledged amount.", valueName: "amount"))
        var amount: String

        func run() async throws {
            let state = try await data.reader().loadState()
            guard let pledged = state.pledges[pledge] else {
                throw CommandFailure(LedgerError(.pledgeUnknown, "pledge \(pledge) does not exist" + Suggestions.hint(pledge, among: state.pledges.keys), subject: pledge))
            }
            let units = try AmountText.parse(amount, asset: pledged.asset)
            try await signing.submit(data: data, kind: .pledgeConfirm) { ledger, id, author, time in
                .confirmPledge(ledger: ledger, id: id, author: author, timestamp: time, pledge: pledge, amount: units)
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Cancel a pending pledge (the pledging party or the need's coordinator).", "取消待交付的认捐（认捐方或需求的协调人）。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The pledge id.", valueName: "id"))
        var pledge: String

        func run() async throws {
            try await signing.submit(data: data, kind: .pledgeCancel) { ledger, id, author, time in
                .cancelPledge(ledger: ledger, id: id, author: author, timestamp: time, pledge: pledge)
            }
        }
    }
}
