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
            balances: [
                .pool(.cny): Account(debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: closing),
                .party("studio", .cny): Account(debitsPending: 0, debitsPosted: 1_000, creditsPending: 0, creditsPosted: 0),
            ],
            transfers: { range in transfers.filter { range.contains($0.0) }.map { (sequence: $0.0, record: $0.1) } },
            balancesAt: { _ in [:] })
    }

    let gift = TransferRecord(debit: .party("studio", .cny), credit: .pool(.cny), amount: 1_000, phase: .posted)

    @Test("the identity holds when the fund's and the donors' stored balances agree, and is reported broken when they do not")
    func identity() throws {
        let agreeing = try source(closing: 1_000, transfers: [(2, gift)]).statement(from: 0)
        #expect(agreeing.checks.first == .init(id: "opening_plus_in_minus_out_is_closing", holds: true))
        // The pool says 1,001 came in; the donor's account says 1,000 left it.
        let disagreeing = try source(closing: 1_001, transfers: [(2, gift)]).statement(from: 0)
        #expect(disagreeing.checks.first == .init(id: "opening_plus_in_minus_out_is_closing", holds: false))
        #expect(TextRenderer.render(disagreeing, language: .en).contains("opening + in − out ± corrections = closing: FAILS"))
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

@Suite("Payouts by need")
struct PayoutTests {
    @Test("payouts found by need must add up to what payees' accounts received")
    func payoutsMatchPayees() throws {
        let paid = TransferRecord(debit: .pool(.cny), credit: .paid("hub", .cny), amount: 950, phase: .postPending, pendingID: "m1#paid")
        let reserve = TransferRecord(debit: .pool(.cny), credit: .reserve(need: "garden", .cny), amount: 50, phase: .postPending, pendingID: "m1#reserve")
        func source(received: Int64) -> ReportSource {
            ReportSource(
                ledger: "test.example/ledger", state: LedgerState(), sequence: 2, time: nil, root: [],
                balances: [.paid("hub", .cny): Account(debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: received),
                           .reserve(need: "garden", .cny): Account(debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 50),
                           .pool(.cny): Account(debitsPending: 0, debitsPosted: 1_000, creditsPending: 0, creditsPosted: 1_000 + received - 950)],
                transfers: { _ in [(sequence: UInt64(2), record: paid), (sequence: UInt64(2), record: reserve)] },
                balancesAt: { _ in [.pool(.cny): Account(debitsPending: 0, debitsPosted: 0, creditsPending: 0, creditsPosted: 1_000 + received - 950)] })
        }
        let good = try source(received: 950).statement(from: 1)
        #expect(good.checks.map(\.holds) == [true, true])
        let byNeed = try #require(good.sections.first { $0.id == "out_by_need" })
        #expect(byNeed.rows.count == 1 && byNeed.rows[0].last == .amount(.cny, 950))
        let bad = try source(received: 900).statement(from: 1)
        #expect(bad.checks.last == .init(id: "payouts_by_need_match_payees", holds: false))
    }
}
