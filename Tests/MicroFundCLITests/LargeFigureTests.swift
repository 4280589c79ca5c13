import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundTestSupport
import Testing

@Suite("Figures beyond 2^53 − 1 in balances, tables and JSON")
struct LargeFigureTests {
    @Test("205 pledges of 2^53 − 1 minutes: balance prints them exactly, as text and as JSON")
    func hugePendingAmounts() async throws {
        let scratch = try Scratch()
        let scenario = try Scenario()
        let maximum = JSONNumber.maximumSafeInteger
        let pledges = try (0..<205).map { index in
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "huge-\(index)", author: "zone-studio", timestamp: Scenario.time(1), need: scenario.need, asset: .labour, amount: maximum, deadline: Scenario.time(999))
                .signed(by: [scenario.enterprise])
        }
        let (data, _) = try await scenarioLedger(scratch, extra: pledges)
        let total = Int128(maximum) * 205
        #expect(total > Int128(maximum))

        let table = try microfund("balance", "--data", data)
        #expect(table.status == 0, "\(table.stderr)")
        // Minutes as hours and minutes, exactly, in 128 bits.
        let hoursAndMinutes = total % 6 == 0 ? "\(Asset.grouped(UInt128(total / 60))).\(total % 60 / 6) h" : "\(Asset.grouped(UInt128(total / 60))) h \(total % 60) min"
        #expect(table.stdout.contains(hoursAndMinutes), "\(table.stdout)")

        let json = try microfund("balance", "--data", data, "--json")
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains(#""creditsPending":\#(total)"#))
        #expect(json.stdout.contains(#""debitsPending":\#(total)"#))
        // The output is one JSON document a standard parser reads.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["accounts"] as? [Any])?.isEmpty == false)
        #expect(try microfund("balance", "--data", data, "--account", "need:\(scenario.need):LABOUR").status == 0)
    }

    @Test("formatting the extremes of 64 and 128 bits never traps")
    func formatExtremes() {
        #expect(Asset.cny.format(Int64.max) == "¥92,233,720,368,547,758.07")
        #expect(Asset.cny.format(Int64.min) == "-¥92,233,720,368,547,758.08")
        #expect(Asset.labour.format(Int64.max) == "153,722,867,280,912,930 h 7 min")
        #expect(Asset.labour.format(Int64(90)) == "1.5 h")
        #expect(Asset.labour.format(Int64(-3)) == "-3 min")
        #expect(Asset.labour.format(Int64(-66)) == "-1.1 h")
        #expect(Asset.space.format(Int128(Int64.max) * 4) == "36,893,488,147,419,103,228 m²·d")
        #expect(Asset.expertise.format(Int128.min + 1).hasSuffix(" min"))
    }
}
