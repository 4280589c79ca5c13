/// The four kinds of resource a fund tracks, each in an integer unit.
public enum Asset: String, Sendable, CaseIterable, Hashable, Comparable {
    /// Cash, in fen (0.01 yuan).
    case cny = "CNY"
    /// Volunteer labour, in minutes.
    case labour = "LABOUR"
    /// Professional expertise, in minutes.
    case expertise = "EXPERTISE"
    /// Space made available, in square-metre-days.
    case space = "SPACE"

    /// The unit one stored integer counts.
    public var unit: String {
        switch self {
        case .cny: "fen"
        case .labour, .expertise: "minute"
        case .space: "m²·day"
        }
    }

    public static func < (lhs: Asset, rhs: Asset) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The amount as people read it: ¥1,234.56, 12.5 h, 4,500 m²·d.
    public func format(_ amount: Int64) -> String {
        format(Int128(amount))
    }

    /// The amount as people read it, for sums of many amounts: 128 bits
    /// hold the sum of any number of 64-bit balances a ledger can have, so
    /// formatting never overflows.
    public func format(_ amount: Int128) -> String {
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        switch self {
        case .cny:
            let cents = magnitude % 100
            return "\(sign)¥\(Asset.grouped(magnitude / 100)).\(cents < 10 ? "0" : "")\(cents)"
        case .labour, .expertise:
            // Exact, so every figure printed reads back to the same
            // minutes: tenths of an hour when the minutes make them
            // (12.5 h), otherwise hours and minutes (12 h 35 min).
            guard magnitude % 6 != 0 else {
                let tenths = magnitude / 6
                let fraction = tenths % 10 == 0 ? "" : ".\(tenths % 10)"
                return "\(sign)\(Asset.grouped(tenths / 10))\(fraction) h"
            }
            let hours = magnitude / 60
            return "\(sign)\(hours == 0 ? "" : "\(Asset.grouped(hours)) h ")\(magnitude % 60) min"
        case .space:
            return "\(sign)\(Asset.grouped(magnitude)) m²·d"
        }
    }

    /// `value` with a comma every three digits: 4500 → "4,500".
    public static func grouped(_ value: UInt64) -> String {
        grouped(UInt128(value))
    }

    /// `value` with a comma every three digits.
    public static func grouped(_ value: UInt128) -> String {
        let digits = Array(String(value))
        var out = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
