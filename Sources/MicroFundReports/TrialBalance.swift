import MicroFundLedger

/// Every account with its four balances at a point, and per asset the sums
/// that double entry keeps at zero.
extension ReportSource {
    public func trialBalance() -> Report {
        var accounts = Section(id: "accounts", columns: ["account", "asset", "debits_posted", "credits_posted", "debits_pending", "credits_pending", "balance"])
        var sums: [Asset: (posted: Int128, pending: Int128)] = [:]
        for (path, account) in balances.sorted(by: { $0.key < $1.key }) {
            let asset = path.asset
            accounts.rows.append([
                .text(path.description), .text(asset.rawValue), .amount(asset, Int128(account.debitsPosted)), .amount(asset, Int128(account.creditsPosted)),
                .amount(asset, Int128(account.debitsPending)), .amount(asset, Int128(account.creditsPending)), .amount(asset, Int128(account.balance)),
            ])
            let sum = sums[asset] ?? (0, 0)
            sums[asset] = (sum.posted + Int128(account.balance), sum.pending + Int128(account.creditsPending) - Int128(account.debitsPending))
        }
        var totals = Section(id: "sums", columns: ["asset", "posted", "pending"])
        var checks: [Report.Check] = []
        for asset in sums.keys.sorted() {
            let sum = sums[asset]!
            totals.rows.append([.text(asset.rawValue), .amount(asset, sum.posted), .amount(asset, sum.pending)])
            checks.append(.init(id: "zero_sum_\(asset.rawValue)", holds: sum.posted == 0 && sum.pending == 0))
        }
        return report(.trial, [accounts, totals], checks: checks)
    }
}
