import ArgumentParser
import MicroFundCrypto
import MicroFundLedger
import MicroFundService
import MicroFundReports
import MicroFundStore

/// `microfund receipt --entry SEQ`: the receipt for a recorded donation.
struct ReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: Words.say("Print the receipt of a donation for its donor: amount in figures and in capitals, date, memo, reference, and how to check it.", "为捐赠方打印捐赠收据：金额（小写与大写）、日期、备注、凭证号及核验方法。")
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, html
    }

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The donation's entry number (the # of its acknowledgement).", valueName: "seq"))
    var entry: UInt64
    @Option(help: ArgumentHelp("text or html (printable on A5, readable on a phone).", valueName: "format"))
    var format: Format = .text
    @Option(help: ArgumentHelp("zh or en (default: the locale's, zh for zh_*).", valueName: "lang"))
    var lang: Language?
    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var out: String?

    func run() async throws {
        let reader = try await data.reader()
        let state = try reader.loadDirectory()
        guard let row = try reader.entries(from: entry, limit: 1).first, row.sequence == entry else {
            throw CommandFailure(LedgerError(.entryUnknown, "the journal has no entry \(entry)"))
        }
        let parts = try JournalEntry.decodeParts(row.bytes)
        guard case .donationRecord(let donor, let fen, let destination, let note) = parts.envelope.body else {
            throw CommandFailure(.notADonation, "entry \(entry) is a \(parts.envelope.kind.rawValue), not a donation.record: only donations get receipts")
        }
        let head = try JournalTree.head(of: reader)
        let place: String? = if case .earmark(let need, _) = destination { state.needs[need]?.title ?? need } else { nil }
        let receipt = DonationReceipt(
            fund: state.origin ?? "", sequence: entry, envelopeID: parts.envelope.id, donor: state.parties[donor]?.name ?? donor,
            recordedBy: state.parties[parts.envelope.author]?.name ?? parts.envelope.author, fen: fen, destination: place,
            time: parts.time, note: note, treeSize: head.size, root: head.rootHash, checkCommand: Self.checkCommand(entry: entry, state: state),
            reversal: state.reversals[entry])
        let clock = LocalClock.of(state)
        let language = lang ?? Words.language
        try Output.write(format == .html ? receipt.html(language, clock: clock) : receipt.text(language, clock: clock), to: out)
    }

    /// One line a donor runs beside the fund's published checkpoint: the
    /// entry's RFC 9162 proof checked against it with the operator's key.
    static func checkCommand(entry: UInt64, state: LedgerState) -> String {
        let vkey = (try? state.operatorKey.map { try SignedNote.verifierKey(name: state.origin ?? "", key: $0) }) ?? nil
        return "microfund proof inclusion --seq \(entry) > proof.json && microfund verify-proof --proof proof.json --checkpoint checkpoint.txt --vkey \(vkey ?? "VKEY")"
    }
}
