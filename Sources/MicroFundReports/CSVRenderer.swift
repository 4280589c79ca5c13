public import MicroFundLedger

/// Reports as CSV (RFC 4180): one table per section, each preceded by a
/// row naming it, with a blank line between; amounts as plain decimals in
/// the display unit (yuan, hours, m²·days) with the unit in the header.
public enum CSVRenderer {
    /// `clock` shows times in the ledger's zone (UTC when left out).
    public static func render(_ report: Report, language: Language, clock: LocalClock = .utc) -> String {
        var out = row([Labels.text(report.kind.rawValue, language), report.ledger, "\(report.size)", report.time.map(clock.format) ?? ""])
        for section in report.sections.map({ Labels.arranged($0, language) }) {
            out += "\r\n" + row([Labels.text(section.id, language)])
            let units = section.columns.indices.map { i -> String in
                let assets = Set(section.rows.compactMap { if case .amount(let asset, _) = $0[i] { asset } else { nil } })
                return assets.count == 1 ? " (\(unit(assets.first!)))" : ""
            }
            out += row(section.columns.enumerated().map { Labels.column($1, language) + units[$0] })
            for cells in section.rows { out += row(cells.map { value($0, language, clock) }) }
        }
        return out
    }

    static func value(_ cell: Cell, _ language: Language, _ clock: LocalClock) -> String {
        switch cell {
        case .amount(let asset, let amount): decimal(asset, amount)
        default: CellText.display(cell, language, clock)
        }
    }

    static func unit(_ asset: Asset) -> String {
        switch asset {
        case .cny: "CNY"
        case .labour, .expertise: "h"
        case .space: "m²·d"
        }
    }

    /// Yuan with two decimals, hours with up to two (minutes / 60), m²·days whole.
    static func decimal(_ asset: Asset, _ amount: Int128) -> String {
        let sign = amount < 0 ? "-" : ""
        let magnitude = amount.magnitude
        switch asset {
        case .cny:
            let cents = magnitude % 100
            return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        case .labour, .expertise:
            let hours = magnitude / 60, minutes = magnitude % 60
            if minutes == 0 { return "\(sign)\(hours)" }
            // Exact when the minutes make hundredths; otherwise six places.
            let millionths = minutes * 1_000_000 / 60
            var fraction = String(millionths)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(hours).\(fraction)"
        case .space:
            return "\(sign)\(magnitude)"
        }
    }

    static func row(_ cells: [String]) -> String {
        cells.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.flatMap { $0 == "\"" ? "\"\"" : String($0) } + "\"" : cell
        }.joined(separator: ",") + "\r\n"
    }
}
