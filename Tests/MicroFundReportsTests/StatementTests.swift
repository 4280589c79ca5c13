import MicroFundLedger
import MicroFundReports
import Testing

/// Report arithmetic on hand-made sources, where stored balances and
/// transfers can be made to disagree.
@Suite("Report arithmetic")
struct StatementTests {
    func source(closing: Int64, transfers: [(UInt64, TransferRecord)]) -> ReportSource {
        ReportSource(
            ledger: "test.example/ledger", state: LedgerState(), sequence: 3, time: nil, root: [],
            balances: [.pool(.cny): Account(debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: closing)],
            transfers: { range in transfers.filter { range.contains($0.0) }.map { (sequence: $0.0, record: $0.1) } },
            balancesAt: { _ in [:] })
    }

    let gift = TransferRecord(debit: .party("studio", .cny), credit: .pool(.cny), amount: 1_000, phase: .posted)

    @Test("the identity holds when stored balances agree with the period's transfers, and is reported broken when they do not")
    func identity() throws {
        let agreeing = try source(closing: 1_000, transfers: [(2, gift)]).statement(from: 0)
        #expect(agreeing.checks == [.init(id: "opening_plus_in_minus_out_is_closing", holds: true)])
        let disagreeing = try source(closing: 1_001, transfers: [(2, gift)]).statement(from: 0)
        #expect(disagreeing.checks == [.init(id: "opening_plus_in_minus_out_is_closing", holds: false)])
        #expect(TextRenderer.render(disagreeing, language: .en).contains("opening + in − out = closing: FAILS"))
    }

    @Test("in-kind values at the policy's rates: minutes at a rate per hour, m²·days at a rate per m²·day")
    func valuation() throws {
        let labour = TransferRecord(debit: .party("studio", .labour), credit: .need("garden", .labour), amount: 90, phase: .postPending, pendingID: "p")
        let space = TransferRecord(debit: .party("studio", .space), credit: .need("garden", .space), amount: 10, phase: .postPending, pendingID: "q")
        let report = try source(closing: 1_000, transfers: [(1, gift), (2, labour), (3, space)]).contribution(of: "studio")
        let given = try #require(report.sections.first { $0.id == "given" })
        // ¥10; 1.5 h × ¥50; 10 m²·d × ¥1 (the default rates).
        #expect(given.rows.map { $0.last } == [.amount(.cny, 1_000), .amount(.cny, 7_500), .amount(.cny, 1_000), .amount(.cny, 9_500)])
    }
}
