public import MicroFundLedger
import MicroFundCrypto

/// Reports as one self-contained HTML page: inline CSS, tables, and inline
/// SVG charts (the fund's balance over time on the balance sheet, coverage
/// bars per need on the coverage report). No scripts, no external fonts,
/// styles or images, so the page opens offline and prints as it shows.
public enum HTMLRenderer {
    /// `clock` shows times in the ledger's zone (UTC when left out).
    public static func render(_ report: Report, language: Language, clock: LocalClock = .utc) -> String {
        let title = Labels.text(report.kind.rawValue, language)
        var body = "<h1>\(escape(title))</h1>\n<p class=\"point\">\(escape(report.ledger)) · \(escape(Header.point(report, language, clock)))</p>\n"
        if report.kind == .balance, let history = report.sections.first(where: { $0.id == "history" }) {
            body += "<figure>\(Charts.line(history, clock))<figcaption>\(escape(Labels.text("history", language)))</figcaption></figure>\n"
        }
        if report.kind == .coverage, let needs = report.sections.first(where: { $0.id == "needs" }) {
            body += "<figure>\(Charts.coverage(needs, language))<figcaption>\(escape(Labels.text("coverage", language)))</figcaption></figure>\n"
        }
        for section in report.sections {
            if section.id == "proofs" {
                body += proofs(section, report, language, clock)
                continue
            }
            body += "<h2>\(escape(Labels.text(section.id, language)))</h2>\n" + table(section, language, clock)
        }
        if !report.checks.isEmpty {
            body += "<ul class=\"checks\">" + report.checks.map { check in
                "<li class=\"\(check.holds ? "holds" : "fails")\">\(escape(Labels.text(check.id, language))): \(escape(Labels.text(check.holds ? "holds" : "fails", language)))</li>"
            }.joined() + "</ul>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) — \(escape(report.ledger))</title>
            <style>
            body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; overflow-wrap: break-word; }
            @media (max-width: 480px) { body { margin: 1em auto; padding: 0 0.5em; } th, td { padding: 0.25em 0.4em; } }
            svg text { font-family: inherit; }
            .table { overflow-x: auto; max-width: 100%; margin: 0.5em 0 1.5em; }
            table { border-collapse: collapse; }
            svg { max-width: 100%; height: auto; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            th { white-space: nowrap; }
            .point { color: #555; font-size: 0.9em; word-break: break-all; }
            tr.reversed td { text-decoration: line-through; color: #777; }
            .holds { color: #176117; } .fails { color: #a11; font-weight: bold; }
            figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }
            details.proofs { margin: 1em 0; } details.proofs summary { cursor: pointer; font-weight: bold; min-height: 44px; line-height: 44px; }
            pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; padding: 0.5em; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Audit paths are for checking, not reading: folded behind a details
    /// element with the one line that checks each entry against the
    /// checkpoint, so a donor sees a statement and not base64.
    static func proofs(_ section: Section, _ report: Report, _ language: Language, _ clock: LocalClock) -> String {
        let command = "microfund proof inclusion --seq ENTRY --size \(report.size) > proof.json && microfund verify-proof --proof proof.json --checkpoint checkpoint.txt --vkey VKEY"
        let explain = language.pick(
            "Each entry below is in the journal of \(report.size) entries named by the checkpoint. Check one yourself (ENTRY is its number; checkpoint.txt and VKEY are the fund's published checkpoint and key):",
            "以下每条分录都在检查点所指的 \(report.size) 条日志中。可自行核验（ENTRY 为分录号；checkpoint.txt 与 VKEY 为基金公布的检查点和公钥）：")
        return "<details class=\"proofs\"><summary>\(escape(Labels.text(section.id, language)))</summary>\n<p>\(escape(explain))</p>\n<pre><code>\(escape(command))</code></pre>\n"
            + table(section, language, clock) + "</details>\n"
    }

    /// A table in a box that scrolls sideways on a narrow screen, so the
    /// page itself never does.
    static func table(_ section: Section, _ language: Language, _ clock: LocalClock) -> String {
        let section = Labels.arranged(section, language)
        guard !section.rows.isEmpty else { return "<p>—</p>\n" }
        var out = "<div class=\"table\"><table>\n<tr>" + section.columns.map { "<th>\(escape(Labels.column($0, language)))</th>" }.joined() + "</tr>\n"
        for (index, row) in section.rows.enumerated() {
            out += (section.struck.contains(index) ? "<tr class=\"reversed\">" : "<tr>") + row.map { cell in
                let numeric = if case .amount = cell { true } else if case .count = cell { true } else { false }
                return "<td\(numeric ? " class=\"number\"" : "")>\(escape(CellText.display(cell, language, clock)))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table></div>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Inline SVG charts drawn from report sections.
enum Charts {
    /// The fund's total at each sampled entry, as a line over the entries.
    /// The first and last sampled entries' dates under the axis.
    static func line(_ history: Section, _ clock: LocalClock) -> String {
        let values = history.rows.compactMap { row -> Int128? in if case .amount(_, let value) = row.last { value } else { nil } }
        guard values.count >= 1 else { return "" }
        let width = 640.0, height = 200.0, pad = 30.0
        let top = Double(max(values.max()!, 1))
        let step = values.count > 1 ? (width - 2 * pad) / Double(values.count - 1) : 0
        let points = values.enumerated().map { i, value in
            "\(format(pad + Double(i) * step)),\(format(height - pad - (height - 2 * pad) * Double(value) / top))"
        }.joined(separator: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 \(Int(width)) \(Int(height))" role="img">\
            \(axisDates(history, clock, width: width, height: height, pad: pad))\
            <line x1="\(Int(pad))" y1="\(Int(height - pad))" x2="\(Int(width - pad))" y2="\(Int(height - pad))" stroke="#999"/>\
            <polyline fill="none" stroke="#2a6" stroke-width="2" points="\(points)"/>\
            <text x="\(Int(pad))" y="\(Int(pad) - 8)" font-size="12" fill="#555">\(HTMLRenderer.escape(Asset.cny.format(values.max()!)))</text>\
            </svg>
            """
    }

    /// One bar per need and asset: the share of the requirement pledged or
    /// delivered, up to 100%.
    static func coverage(_ needs: Section, _ language: Language) -> String {
        // Each need on its own line, its bar under it: long titles never
        // run into the bar.
        let rowHeight = 36.0, bar = 420.0
        var out = ""
        var y = 0.0
        for row in needs.rows {
            guard row.count >= 6, case .amount(let asset, let required) = row[3], case .amount(_, let pledged) = row[4],
                  case .amount(_, let delivered) = row[5], required > 0
            else { continue }
            let share = min(1, Double(pledged + delivered) / Double(required))
            let name = HTMLRenderer.escape(CellText.display(row[0], language, .utc) + " · " + asset.rawValue)
            out += "<text x=\"0\" y=\"\(format(y + 13))\" font-size=\"12\">\(name)</text>"
            out += "<rect x=\"0\" y=\"\(format(y + 18))\" width=\"\(Int(bar))\" height=\"12\" fill=\"#eee\"/>"
            out += "<rect x=\"0\" y=\"\(format(y + 18))\" width=\"\(format(bar * share))\" height=\"12\" fill=\"#2a6\"/>"
            out += "<text x=\"\(Int(bar + 6))\" y=\"\(format(y + 28))\" font-size=\"12\">\(Int((share * 100).rounded()))%</text>"
            y += rowHeight
        }
        let height = max(y, rowHeight)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 \(Int(bar + 50)) \(Int(height))\" role=\"img\">\(out)</svg>"
    }

    /// The local dates of the first and last points, at the axis's ends.
    static func axisDates(_ history: Section, _ clock: LocalClock, width: Double, height: Double, pad: Double) -> String {
        let times = history.rows.compactMap { row in row.lazy.compactMap { if case .time(let time) = $0 { time } else { nil } }.first }
        guard let first = times.first, let last = times.last else { return "" }
        let y = Int(height - pad + 16)
        return "<text x=\"\(Int(pad))\" y=\"\(y)\" font-size=\"12\" fill=\"#555\">\(clock.date(first))</text>"
            + "<text x=\"\(Int(width - pad))\" y=\"\(y)\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">\(clock.date(last))</text>"
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
