public import MicroFundLedger
import MicroFundCrypto

/// Reports as people read them in a terminal: a header naming the ledger,
/// the point and the checkpoint, one aligned table per section, the checks.
public enum TextRenderer {
    /// `clock` shows times in the ledger's zone (UTC when left out).
    public static func render(_ report: Report, language: Language, clock: LocalClock = .utc) -> String {
        var out = "\(Labels.text(report.kind.rawValue, language)) — \(report.ledger)\n"
        out += Header.point(report, language, clock) + "\n"
        for section in report.sections {
            out += "\n\(Labels.text(section.id, language))\n"
            out += table(section, language, clock)
        }
        if !report.checks.isEmpty {
            out += "\n" + report.checks.map { "\(Labels.text($0.id, language)): \(Labels.text($0.holds ? "holds" : "fails", language))" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    static func table(_ section: Section, _ language: Language, _ clock: LocalClock) -> String {
        let section = Labels.arranged(section, language)
        let header = section.columns.map { Labels.column($0, language) }
        let rows = section.rows.map { $0.map { CellText.display($0, language, clock) } }
        guard !rows.isEmpty else { return "  —\n" }
        var widths = header.map(TextTable.width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextTable.width(cell)) } }
        let numeric = section.columns.indices.map { i in section.rows.contains { if case .amount = $0[i] { true } else if case .count = $0[i] { true } else { false } } }
        // Trailing blanks are left off: a left-aligned last column is not
        // padded, and empty cells at the end of a row print nothing.
        func line(_ cells: [String]) -> String {
            let used = (cells.lastIndex { !$0.isEmpty } ?? -1) + 1
            var text = ""
            for (i, cell) in cells.prefix(used).enumerated() {
                if i > 0 { text += "  " }
                let pad = String(repeating: " ", count: widths[i] - TextTable.width(cell))
                text += numeric[i] ? pad + cell : (i == used - 1 ? cell : cell + pad)
            }
            return text + "\n"
        }
        return ([line(header)] + rows.map(line)).joined()
    }

}

/// A cell as text: money as ¥1,234.56, time as hours, space in m²·d.
enum CellText {
    static func display(_ cell: Cell, _ language: Language, _ clock: LocalClock) -> String {
        switch cell {
        case .text(let text): Labels.text(text, language)
        case .time(let time): clock.format(time)
        case .name(let name, _): name
        case .amount(let asset, let value): asset.format(value)
        case .count(let value): String(value)
        case .empty: ""
        }
    }
}

/// The line under a report's title.
enum Header {
    static func point(_ report: Report, _ language: Language, _ clock: LocalClock) -> String {
        var text = "\(Labels.text("checkpoint", language)) \(report.size) \(Labels.text("entries_count", language))\(language.pick(", root ", "，根哈希 "))\(ByteEncoding.base64(report.root))"
        if let time = report.time { text += language.pick(", ", "，") + clock.format(time) }
        if let from = report.from {
            text += period(from: from, report, language, clock)
        }
        if let party = report.party { text += language.pick("; ", "；") + party }
        return text
    }

    /// A statement's period as people write it: from its first entry's
    /// local time through the point's, with the entry numbers after.
    static func period(from: UInt64, _ report: Report, _ language: Language, _ clock: LocalClock) -> String {
        let first = from + 1, last = report.size
        guard let start = report.fromTime, let end = report.time else {
            return language.pick("; period: entries \(first) to \(last)", "；期间：第 \(first) 至 \(last) 条")
        }
        return language.pick("; period: \(clock.format(start)) to \(clock.format(end)) (entries \(first) to \(last))",
                             "；期间：\(clock.format(start)) 至 \(clock.format(end))（第 \(first) 至 \(last) 条）")
    }
}
