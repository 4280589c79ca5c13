import ArgumentParser
import MicroFundLedger

/// `microfund tick`: the journal entry that voids what is overdue.
struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Void every pledge past its deadline at the ledger's time, with a signed ledger.tick entry anyone's verify replays.", "按账本时间作废所有逾期认捐，记入一条已签名的 ledger.tick 条目，人人可重放核验。")
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions

    func run() async throws {
        // Nothing overdue is the usual answer, not an error: scripts and
        // cron run tick without `|| true`.
        let nothing = "nothing is due: no pending pledge or open motion is past its deadline; nothing was written"
        try await signing.submit(data: data, kind: .tick, answers: [.nothingDue: nothing]) { ledger, id, author, time in
            .tick(ledger: ledger, id: id, author: author, timestamp: time)
        }
    }
}
