public import MicroFundLedger

/// The `balance` command's forms of every account's balances: a table
/// with the trial balance under it, and the JSON of docs/protocol.md §11.1.
public enum AccountBalances {
    /// The balances as one JSON object (docs/protocol.md §11):
    /// members in RFC 8785 order, every figure an exact decimal integer.
    /// Figures are 64-bit and may exceed 2^53 − 1 (pending amounts add up),
    /// so they are written digit for digit rather than through the
    /// protocol's I-JSON number rules, which would refuse them.
    public static func json(_ rows: [(key: AccountPath, value: Account)], sequence: UInt64) -> String {
        let accounts = rows.map { path, account in
            #"{"account":\#(CanonicalJSON.quoted(path.description)),"asset":"\#(path.asset.rawValue)","balance":\#(account.balance),"#
                + #""creditsPending":\#(account.creditsPending),"creditsPosted":\#(account.creditsPosted),"#
                + #""debitsPending":\#(account.debitsPending),"debitsPosted":\#(account.debitsPosted)}"#
        }
        return #"{"accounts":[\#(accounts.joined(separator: ","))],"seq":\#(sequence)}"#
    }


    public static func table(_ rows: [(key: AccountPath, value: Account)], sequence: UInt64, trialBalance: Bool) -> String {
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
}
