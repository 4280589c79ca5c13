/// The name of an account, e.g. `fund:pool:CNY` or `need:liaoyuan-garden:LABOUR`.
///
/// Every path ends in its asset. Fund and need accounts are the fund's
/// own: they may never be overdrawn counting pending debits. A party's
/// account is its source: it goes negative by what the party gave.
public enum AccountPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Unearmarked fund money.
    case pool(Asset)
    /// Money given for one need, spendable only on it.
    case earmark(need: String, Asset)
    /// A need's maintenance reserve.
    case reserve(need: String, Asset)
    /// Non-cash resources delivered to a need.
    case need(String, Asset)
    /// A contributor's source account.
    case party(String, Asset)
    /// What a party was paid by the fund: kept apart from what it gave.
    case paid(String, Asset)

    /// Parses a path; nil if it is not one of the shapes above.
    public init?(_ text: String) {
        // Split on ':' by hand: this runs for every account in every envelope.
        var parts: [Substring] = []
        parts.reserveCapacity(4)
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            if text.utf8[index] == UInt8(ascii: ":") {
                parts.append(text[start..<index])
                guard parts.count < 4 else { return nil }
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        parts.append(text[start..<text.endIndex])
        guard let asset = Asset(rawValue: String(parts[parts.count - 1])) else { return nil }
        switch (parts.count, parts[0]) {
        case (3, "fund") where parts[1] == "pool":
            self = .pool(asset)
        case (4, "fund") where parts[1] == "earmark" && Identifier.isValidName(String(parts[2])) && asset == .cny:
            self = .earmark(need: String(parts[2]), asset)
        case (4, "fund") where parts[1] == "reserve" && Identifier.isValidName(String(parts[2])) && asset == .cny:
            self = .reserve(need: String(parts[2]), asset)
        case (3, "need") where Identifier.isValidName(String(parts[1])) && asset != .cny:
            self = .need(String(parts[1]), asset)
        case (3, "party") where Identifier.isValidName(String(parts[1])):
            self = .party(String(parts[1]), asset)
        case (3, "paid") where Identifier.isValidName(String(parts[1])) && asset == .cny:
            self = .paid(String(parts[1]), asset)
        default:
            return nil
        }
    }

    /// The asset this account holds.
    public var asset: Asset {
        switch self {
        case .pool(let asset), .earmark(_, let asset), .reserve(_, let asset), .need(_, let asset), .party(_, let asset), .paid(_, let asset): asset
        }
    }

    /// Whether debits (posted and pending) may never exceed posted credits.
    public var isOverdraftProtected: Bool {
        switch self {
        case .party, .paid: false
        case .pool, .earmark, .reserve, .need: true
        }
    }

    /// Where a resource pledged or given to `need` lands: cash in the need's
    /// earmark, everything else in the need's own account.
    public static func destination(ofNeed need: String, asset: Asset) -> AccountPath {
        asset == .cny ? .earmark(need: need, .cny) : .need(need, asset)
    }

    public var description: String {
        switch self {
        case .pool(let asset): "fund:pool:\(asset.rawValue)"
        case .earmark(let need, let asset): "fund:earmark:\(need):\(asset.rawValue)"
        case .reserve(let need, let asset): "fund:reserve:\(need):\(asset.rawValue)"
        case .need(let need, let asset): "need:\(need):\(asset.rawValue)"
        case .party(let party, let asset): "party:\(party):\(asset.rawValue)"
        case .paid(let party, let asset): "paid:\(party):\(asset.rawValue)"
        }
    }

    public static func < (lhs: AccountPath, rhs: AccountPath) -> Bool {
        lhs.description < rhs.description
    }
}
