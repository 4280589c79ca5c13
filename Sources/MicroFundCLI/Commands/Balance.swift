import ArgumentParser
import MicroFundLedger
import MicroFundStore

/// `microfund balance`: every account's balances, or one account's.
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print account balances and the per-asset trial balance."
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Only this account, e.g. fund:pool:CNY.", valueName: "path"))
    var account: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if let account, AccountPath(account) == nil {
            throw ValidationError("\(account) is not an account path such as fund:pool:CNY or need:liaoyuan-garden:LABOUR")
        }
    }

    func run() throws {
        let state = try data.directory.read().loadState()
        var rows = state.accounts.sorted { $0.key < $1.key }
        if let account {
            let path = AccountPath(account)!
            guard let found = state.accounts[path] else {
                throw CommandFailure(LedgerError(.accountUnknown, "\(account) has never held anything"))
            }
            rows = [(path, found)]
        }
        if json {
            StandardOutput.write(BalanceReport.json(rows, sequence: state.sequence))
        } else {
            StandardOutput.write(BalanceReport.table(rows, sequence: state.sequence, trialBalance: account == nil))
            if let overdue = BalanceReport.overdue(state, at: WallClock.now) { StandardOutput.write(overdue) }
        }
    }
}

/// Renders balances for people and for programs.
enum BalanceReport {
    /// The balances as one JSON object (docs/protocol.md §11):
    /// members in RFC 8785 order, every figure an exact decimal integer.
    /// Figures are 64-bit and may exceed 2^53 − 1 (pending amounts add up),
    /// so they are written digit for digit rather than through the
    /// protocol's I-JSON number rules, which would refuse them.
    static func json(_ rows: [(key: AccountPath, value: Account)], sequence: UInt64) -> String {
        let accounts = rows.map { path, account in
            #"{"account":\#(JSONText.quoted(path.description)),"asset":"\#(path.asset.rawValue)","balance":\#(account.balance),"#
                + #""creditsPending":\#(account.creditsPending),"creditsPosted":\#(account.creditsPosted),"#
                + #""debitsPending":\#(account.debitsPending),"debitsPosted":\#(account.debitsPosted)}"#
        }
        return #"{"accounts":[\#(accounts.joined(separator: ","))],"seq":\#(sequence)}"#
    }


    static func table(_ rows: [(key: AccountPath, value: Account)], sequence: UInt64, trialBalance: Bool) -> String {
        var table = TextTable(["account", "balance", "pending in", "pending out"])
        for (path, account) in rows {
            table.rows.append([
                path.description, path.asset.format(account.balance),
                path.asset.format(account.creditsPending), path.asset.format(account.debitsPending),
            ])
        }
        var out = "balances at sequence \(sequence)\n" + table.rendered
        if trialBalance {
            out += "\ntrial balance (each asset sums to zero):"
            for asset in Asset.allCases {
                // 128 bits: a partial sum of 64-bit balances can exceed 2^63 − 1.
                let sum = rows.filter { $0.key.asset == asset }.reduce(Int128(0)) { $0 + Int128($1.value.balance) }
                out += " \(asset.rawValue) \(sum)"
            }
        }
        return out
    }

    /// A line saying what is past its deadline by this machine's clock and
    /// not yet voided, or nil when nothing is.
    static func overdue(_ state: LedgerState, at now: Timestamp) -> String? {
        let overdue = state.overduePledges(at: now).map(\.id) + state.overdueMotions(at: now).map(\.id)
        guard !overdue.isEmpty else { return nil }
        let pledges = state.overduePledges(at: now).count, motions = overdue.count - pledges
        let what = [pledges > 0 ? "\(pledges) pledge\(pledges == 1 ? "" : "s")" : nil, motions > 0 ? "\(motions) motion\(motions == 1 ? "" : "s")" : nil].compactMap { $0 }.joined(separator: " and ")
        let names = overdue.prefix(5).joined(separator: ", ") + (overdue.count > 5 ? ", …" : "")
        return "overdue: \(what) past the deadline (\(names)); `microfund tick` voids them"
    }
}
