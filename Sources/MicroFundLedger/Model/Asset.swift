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
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        switch self {
        case .cny:
            let cents = magnitude % 100
            return "\(sign)¥\(grouped(magnitude / 100)).\(cents < 10 ? "0" : "")\(cents)"
        case .labour, .expertise:
            let tenths = (magnitude * 10 + 30) / 60
            let fraction = tenths % 10 == 0 ? "" : ".\(tenths % 10)"
            return "\(sign)\(grouped(tenths / 10))\(fraction) h"
        case .space:
            return "\(sign)\(grouped(magnitude)) m²·d"
        }
    }

    private func grouped(_ value: UInt64) -> String {
        Asset.grouped(value)
    }

    /// `value` with a comma every three digits: 4500 → "4,500".
    public static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
