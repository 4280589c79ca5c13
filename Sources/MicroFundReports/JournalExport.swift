public import MicroFundLedger

/// The whole ledger as a plain-text accounting journal that hledger and
/// beancount read: one transaction per journal entry that moved posted
/// money or delivered resources, one posting per side of each transfer.
/// Pending reservations (pledges not yet delivered, payouts not yet
/// approved) are not movements yet and are left out, so every account's
/// balance in the export is its posted balance in MicroFund
/// (credits − debits).
///
/// Accounts: `fund:pool:CNY` → `Assets:Fund:Pool`, `fund:earmark:N:CNY` →
/// `Assets:Fund:Earmark:N`, `fund:reserve:N:CNY` → `Assets:Fund:Reserve:N`,
/// `party:P:A` → `Income:Party:P`, `need:N:A` → `Expenses:Need:N`,
/// `paid:P:CNY` → `Expenses:Paid:P`; an id becomes a component with its
/// first letter capitalised and `.` / `_` written `-x2E-` / `-x5F-` (ids are
/// lower case, so this is one to one). Commodities: CNY in yuan, LABOUR and
/// EXPERTISE in minutes, SPACE in m²·days.
public struct JournalExport: Sendable {
    public struct Entry: Sendable {
        public let sequence: UInt64
        public let time: Timestamp
        public let envelopeID: String
        public let kind: TransactionKind
        public let transfers: [TransferRecord]
        /// The memo and reference of the donation, refund or payout (for a
        /// payout, the proposing motion's) that moved the money.
        public let note: EntryNote

        public init(sequence: UInt64, time: Timestamp, envelopeID: String, kind: TransactionKind, transfers: [TransferRecord], note: EntryNote = .none) {
            self.note = note
            self.sequence = sequence
            self.time = time
            self.envelopeID = envelopeID
            self.kind = kind
            self.transfers = transfers
        }
    }

    public let ledger: String
    public let entries: [Entry]

    public init(ledger: String, entries: [Entry]) {
        self.ledger = ledger
        self.entries = entries
    }

    public enum Dialect: String, Sendable, CaseIterable {
        case hledger, beancount
    }

    public func render(_ dialect: Dialect) -> String {
        var out = dialect == .beancount
            ? "; MicroFund ledger \(ledger), exported for beancount\noption \"title\" \"\(Self.escaped(ledger))\"\noption \"operating_currency\" \"CNY\"\n\n"
            : "; MicroFund ledger \(ledger), exported for hledger\n\n"
        let moving = entries.filter { !$0.transfers.filter(\.isMovement).isEmpty }
        if dialect == .beancount, let first = entries.first {
            let accounts = Set(moving.flatMap { $0.transfers.filter(\.isMovement).flatMap { [Self.account($0.debit), Self.account($0.credit)] } })
            for commodity in Asset.allCases.map(\.rawValue) { out += "\(first.time.date) commodity \(commodity)\n" }
            for account in accounts.sorted() { out += "\(first.time.date) open \(account)\n" }
            out += "\n"
        }
        for entry in moving {
            // The memo is the description's note (hledger's `payee | note`,
            // beancount's payee and narration); the reference a tag or
            // metadata beside the entry number.
            let title = "\(entry.kind.rawValue) \(entry.envelopeID)"
            if dialect == .beancount {
                out += "\(entry.time.date) * \"\(Self.escaped(title))\"" + (entry.note.memo.map { " \"\(Self.escaped($0))\"" } ?? "") + "\n  entry: \(entry.sequence)\n"
                if let reference = entry.note.reference { out += "  reference: \"\(Self.escaped(reference))\"\n" }
            } else {
                // A tag's value ends at a comma: a reference's commas are written full width.
                let reference = entry.note.reference.map { ", reference: " + $0.replacingCommas() } ?? ""
                out += "\(entry.time.date) * \(title)\(entry.note.memo.map { " | \($0)" } ?? "")  ; entry: \(entry.sequence)\(reference)\n"
            }
            for transfer in entry.transfers where transfer.isMovement {
                out += "    \(Self.account(transfer.credit))  \(Self.amount(transfer.asset, Int128(transfer.amount)))\n"
                out += "    \(Self.account(transfer.debit))  \(Self.amount(transfer.asset, -Int128(transfer.amount)))\n"
            }
            out += "\n"
        }
        return out
    }

    /// The export's name for a MicroFund account.
    public static func account(_ path: AccountPath) -> String {
        switch path {
        case .pool: "Assets:Fund:Pool"
        case .earmark(let need, _): "Assets:Fund:Earmark:\(component(need))"
        case .reserve(let need, _): "Assets:Fund:Reserve:\(component(need))"
        case .party(let party, _): "Income:Party:\(component(party))"
        case .need(let need, _): "Expenses:Need:\(component(need))"
        case .paid(let party, _): "Expenses:Paid:\(component(party))"
        }
    }

    static func component(_ id: String) -> String {
        var out = ""
        for (i, character) in id.enumerated() {
            switch character {
            case ".": out += "-x2E-"
            case "_": out += "-x5F-"
            default: out += i == 0 ? character.uppercased() : String(character)
            }
        }
        return out
    }

    /// `1234.56 CNY`, `90 LABOUR`, `-4500 SPACE`.
    static func amount(_ asset: Asset, _ value: Int128) -> String {
        asset == .cny ? CSVRenderer.decimal(.cny, value) + " CNY" : "\(value) \(asset.rawValue)"
    }

    static func escaped(_ text: String) -> String {
        String(text.flatMap { $0 == "\"" || $0 == "\\" ? "\\\($0)" : String($0) })
    }
}

extension String {
    func replacingCommas() -> String { String(map { $0 == "," ? "，" : $0 }) }
}

extension TransferRecord {
    /// Posted money or delivered resources: what the books record.
    var isMovement: Bool { phase == .posted || phase == .postPending }
}

extension Timestamp {
    /// The UTC date, YYYY-MM-DD.
    var date: String { String(text.prefix(10)) }
}
