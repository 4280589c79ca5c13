import ArgumentParser
import MicroFundLedger

/// `microfund tick`: the journal entry that voids what is overdue.
struct Tick: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Void every pledge past its deadline at the ledger's time, with a signed ledger.tick entry anyone's verify replays."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var signing: SigningOptions

    func run() throws {
        try signing.submit(data: data, kind: .tick) { ledger, id, author, time in
            .tick(ledger: ledger, id: id, author: author, timestamp: time)
        }
    }
}
