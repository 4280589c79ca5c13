import Foundation
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundStore

/// Every report in every format for the demo ledger, and its hledger and
/// beancount exports: what `Reports/demo/` holds, so a newcomer sees what
/// the product produces (a test keeps the copy up to date).
enum DemoReports {
    /// The party whose contribution statement the demo writes.
    static let contributor = "pixel-studio"

    static func write(reader: any LedgerReader, state: LedgerState, into directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let maker = ReportQuery(reader: reader, state: state, language: Words.language)
        let clock = LocalClock.of(state)
        var count = 0
        func save(_ name: String, _ text: String) throws {
            try Output.write(text, to: directory + "/" + name)
            count += 1
        }
        for kind in Report.Kind.allCases {
            let report = try maker.make(kind, at: nil, date: nil, party: kind == .contribution ? contributor : nil, now: WallClock.now)
            try save("\(kind.rawValue).json", try JSONRenderer.render(report) + "\n")
            for language in Language.allCases {
                try save("\(kind.rawValue).\(language.rawValue).txt", TextRenderer.render(report, language: language, clock: clock))
                try save("\(kind.rawValue).\(language.rawValue).csv", CSVRenderer.render(report, language: language, clock: clock))
                try save("\(kind.rawValue).\(language.rawValue).html", HTMLRenderer.render(report, language: language, clock: clock))
            }
        }
        let export = try LedgerExport.journal(reader, state: state)
        try save("ledger.hledger", export.render(.hledger))
        try save("ledger.beancount", export.render(.beancount))
        return count
    }
}
