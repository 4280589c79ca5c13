import ArgumentParser
import MicroFundLedger
import MicroFundClient
import MicroFundService
import MicroFundReports
import MicroFundStore

/// `microfund balance`: every account's balances, or one account's.
struct Balance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Print account balances and the per-asset trial balance.", "打印账户余额及各资产的试算平衡。")
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

    func run() async throws {
        if json, let remote = try data.remote() {
            let path = account.map { "/v1/accounts/" + RemoteLedger.segment($0) } ?? "/v1/accounts"
            StandardOutput.write(try await remote.fetch(path).text)
            return
        }
        let state = try await data.reader().loadState()
        var rows = state.accounts.sorted { $0.key < $1.key }
        if let account {
            let path = AccountPath(account)!
            guard let found = state.accounts[path] else {
                throw CommandFailure(LedgerError(.accountUnknown, "\(account) has never held anything"))
            }
            rows = [(path, found)]
        }
        if json {
            StandardOutput.write(AccountBalances.json(rows, sequence: state.sequence))
        } else {
            StandardOutput.write(AccountBalances.table(rows, sequence: state.sequence, trialBalance: account == nil))
            if let overdue = BalanceReport.overdue(state, at: WallClock.now) { StandardOutput.write(overdue) }
        }
    }
}

/// Renders balances for people and for programs.
enum BalanceReport {
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
