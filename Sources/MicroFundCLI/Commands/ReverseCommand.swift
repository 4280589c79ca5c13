import ArgumentParser
import MicroFundLedger

/// `microfund reverse --entry N --reason TEXT`: a correction (冲正).
struct ReverseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reverse",
        abstract: Words.say("Correct a mistaken donation, refund or delivery confirmation (冲正): post its mirror transfers; the original stays, marked reversed.", "冲正错误的捐赠、退款或交付确认：记入反向转账；原条目保留并标记为已冲正。"),
        discussion: """
            Signed by whoever had the authority for the original: a fund manager for donations and refunds, \
            the need's coordinator or an admin for a delivery confirmation. A payout is reversed by a committee \
            motion, not here. An entry is reversed once; one whose money was refunded, paid or reserved since \
            is refused with reversal_blocked.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions
    @Option(help: ArgumentHelp("The entry number to reverse (the # of its acknowledgement).", valueName: "seq"))
    var entry: UInt64
    @Option(help: ArgumentHelp("Why, in a sentence: kept in the journal and shown beside the entry.", valueName: "text"))
    var reason: String

    func run() throws {
        try signing.submit(data: data, kind: .entryReverse) { ledger, id, author, time in
            .reverseEntry(ledger: ledger, id: id, author: author, timestamp: time, entry: entry, reason: reason)
        }
    }
}
