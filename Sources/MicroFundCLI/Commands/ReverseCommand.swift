import ArgumentParser
import MicroFundLedger
import MicroFundService
import MicroFundStore

/// `microfund reverse --entry N --reason TEXT`: a correction (冲正); with
/// `--payout MOTION`, the committee motion that reverses a payout.
struct ReverseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: Words.say("Correct a mistaken donation, refund, delivery confirmation or payout (冲正): post its mirror transfers; the original stays, marked reversed.", "冲正错误的捐赠、退款、交付确认或支付：记入反向转账；原条目保留并标记为已冲正。"),
        discussion: Words.say("""
            --entry is signed by whoever had the authority for the original: a fund manager for donations and refunds, \
            the need's coordinator or an admin for a delivery confirmation. --payout proposes a payout.reverse motion: \
            the payout's money goes back to where it came from when the committee approves it with the quorum the \
            payout had. An entry is reversed once; one whose money was refunded, paid or reserved since is refused \
            with reversal_blocked.
            """, """
            --entry 由对原条目有权限者签名：捐赠与退款由基金管理人，交付确认由该需求的协调人或管理员。--payout 提出 \
            payout.reverse 动议：委员会以原支付所需的票数通过后，款项退回原账户。每个条目只能冲正一次；其款项此后已被退款、\
            支付或预留的，以 reversal_blocked 拒绝。
            """)
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions
    @Option(help: ArgumentHelp("The entry number to reverse (the # of its acknowledgement).", valueName: "seq"))
    var entry: UInt64?
    @Option(help: ArgumentHelp("The passed disburse motion whose payout to reverse (proposes a payout.reverse motion).", valueName: "motion"))
    var payout: String?
    @Option(help: ArgumentHelp("With --payout: the payout's need; read from the ledger when omitted.", valueName: "need"))
    var need: String?
    @Option(help: ArgumentHelp("For a payout's reversal: the motion's deadline; defaults to the policy's motion lifetime.", valueName: "time"))
    var deadline: String?
    @Option(help: ArgumentHelp("Why, in a sentence: kept in the journal and shown beside the entry.", valueName: "text"))
    var reason: String

    func validate() throws {
        guard (entry == nil) != (payout == nil) else { throw ValidationError("name what to reverse: --entry SEQ, or --payout MOTION for a payout") }
        guard payout != nil || (need == nil && deadline == nil) else { throw ValidationError("--need and --deadline go with --payout") }
    }

    func run() async throws {
        guard let payout else {
            return try await signing.submit(data: data, kind: .entryReverse) { ledger, id, author, time in
                .reverseEntry(ledger: ledger, id: id, author: author, timestamp: time, entry: entry!, reason: reason)
            }
        }
        let need = if let need { need } else { try await payoutNeed(payout) }
        try await signing.submit(data: data, kind: .motionPropose) { ledger, id, author, time, clock in
            .proposeMotion(ledger: ledger, id: id, author: author, timestamp: time, action: .reversePayout(need: need, motion: payout, reason: reason),
                           deadline: try deadline.map { try TimeText.parse($0, clock: clock, endOfDay: true, what: "--deadline", language: Words.language) })
        }
    }

    /// The need a disburse motion paid for, from the ledger.
    private func payoutNeed(_ motion: String) async throws -> String {
        let state = try await data.reader().loadState()
        guard let found = state.motions[motion] else {
            throw CommandFailure(LedgerError(.motionUnknown, "motion \(motion) does not exist" + Suggestions.hint(motion, among: state.motions.keys), subject: motion))
        }
        guard case .disburse(let need, _, _, _) = found.action else {
            throw CommandFailure(LedgerError(.notReversible, "motion \(motion) is a \(found.action.type) motion: --payout names a passed disburse motion"))
        }
        return need
    }
}
