import Foundation
import MicroFundLedger

/// Amounts as people type them, converted exactly to the stored unit:
/// CNY in yuan with up to two decimals (`1234.56`, `¥1,234.56`), LABOUR
/// and EXPERTISE in hours (`6`, `1.5`, `1.25h`) or minutes (`90m`), SPACE
/// in square-metre-days (`4500`). No floating point is involved.
enum AmountText {
    static func parse(_ text: String, asset: Asset) throws -> Int64 {
        let units = try parseUnchecked(text, asset: asset)
        guard units <= JSONNumber.maximumSafeInteger else {
            throw CommandFailure(LedgerError(.amountTooLarge, "\(text) is more than 2^53 − 1 \(asset.unit)s"))
        }
        return units
    }

    private static func parseUnchecked(_ text: String, asset: Asset) throws -> Int64 {
        var cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        let failure = CommandFailure(.invalidAmount, "\(text) is not an amount of \(asset.rawValue): \(hint(asset))")
        switch asset {
        case .cny:
            if cleaned.hasPrefix("¥") { cleaned.removeFirst() }
            return try scaled(cleaned, factor: 100, fractionDigitsMax: 2) ?? { throw failure }()
        case .labour, .expertise:
            if cleaned.hasSuffix("m") {
                return try scaled(String(cleaned.dropLast()), factor: 1, fractionDigitsMax: 0) ?? { throw failure }()
            }
            if cleaned.hasSuffix("h") { cleaned.removeLast() }
            // Hours to minutes: at most two decimals, and whole minutes only.
            guard let hundredths = scaled(cleaned, factor: 100, fractionDigitsMax: 2), hundredths * 60 % 100 == 0 else { throw failure }
            return hundredths * 60 / 100
        case .space:
            return try scaled(cleaned, factor: 1, fractionDigitsMax: 0) ?? { throw failure }()
        }
    }

    static func hint(_ asset: Asset) -> String {
        switch asset {
        case .cny: "yuan with up to two decimals, e.g. 1234.56"
        case .labour, .expertise: "hours such as 6 or 1.5, or minutes such as 90m"
        case .space: "whole square-metre-days, e.g. 4500"
        }
    }

    /// `text` (digits, optionally one '.') times `factor`, exactly; nil if
    /// malformed, non-positive, or too precise.
    private static func scaled(_ text: String, factor: Int64, fractionDigitsMax: Int) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCII), let wholeValue = Int64(whole), wholeValue >= 0 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= fractionDigitsMax, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < fractionDigitsMax { fraction += "0" }
        let (product, overflow) = wholeValue.multipliedReportingOverflow(by: factor)
        guard !overflow else { return nil }
        let value = product + (fraction.isEmpty ? 0 : Int64(fraction)!)
        return value > 0 ? value : nil
    }
}
