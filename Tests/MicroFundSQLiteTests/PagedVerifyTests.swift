import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// `verify` reads, decodes and checks pages ahead of its replay; these
/// ledgers are small, so small pages put every boundary case in reach.
@Suite("verify across page boundaries")
struct PagedVerifyTests {
    /// 6 setup entries, then donations, with a party registered at sequence
    /// 12 whose key signs from sequence 13 on: keys introduced in one page
    /// sign in the very next pages, which were launched before it replayed.
    private func ledger() async throws -> TestLedger {
        let test = try await TestLedger()
        let s = test.scenario
        let newcomer = try Scenario.key(77)
        var envelopes: [[UInt8]] = []
        for index in 1...5 {
            envelopes.append(try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d\(index)", author: "street-office", timestamp: Scenario.time(Int64(index)), donor: "zone-studio", amount: 1_000, to: .pool(.cny)).signed(by: [s.manager]))
        }
        envelopes.append(try EnvelopeDraft.registerParty(
            ledger: Scenario.origin, id: "register-treasurer", author: "committee", timestamp: Scenario.time(6),
            party: PartyDraft(id: "treasurer", kind: .government, name: "Deputy treasurer", publicKey: newcomer.publicKey, roles: [.fundManager])
        ).signed(by: [s.admin]))
        for index in 6...15 {
            envelopes.append(try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d\(index)", author: "treasurer", timestamp: Scenario.time(Int64(index)), donor: "resident-wang", amount: 500, to: .pool(.cny)).signed(by: [newcomer]))
        }
        #expect(await test.ledger.submit(envelopes).allSatisfy { $0.error == nil })
        return test
    }

    @Test("every page size gives the same valid report", arguments: [1, 2, 3, 5, 6, 7, 11, 12, 13, 21, 22, 23, 2_048])
    func everyPageSize(pageCount: Int) async throws {
        let test = try await ledger()
        defer { test.remove() }
        let report = try LedgerVerifier.verify(test.store, pageCount: pageCount)
        #expect(report.isValid, "\(report.failure?.description ?? "")")
        #expect(report.entryCount == 22)
    }

    @Test("a tampered entry is named whatever the page size", arguments: [1, 2, 3, 4, 7, 8, 2_048])
    func tamperedAtAnyPageSize(pageCount: Int) async throws {
        let test = try await ledger()
        defer { test.remove() }
        #expect(try test.sqlite("DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = 16") == 0)
        #expect(try LedgerVerifier.verify(test.store, pageCount: pageCount).failure?.sequence == 16)
    }

    @Test("a signature by the newly registered key that does not verify is caught in the replay", arguments: [1, 4, 2_048])
    func badSignatureLaterPage(pageCount: Int) async throws {
        let test = try await ledger()
        defer { test.remove() }
        // Flip one base64 character of the signature of entry 20 (signed by
        // the key registered at 12): only the replay can check it when the
        // page holding 20 was launched before 12 was decoded.
        let text = "CAST(entry AS TEXT)", at = "instr(CAST(entry AS TEXT), '\"sig\":\"')"
        let flip = """
            DROP TRIGGER journal_no_update;
            UPDATE journal SET entry = CAST(substr(\(text), 1, \(at) + 6) || (CASE WHEN substr(\(text), \(at) + 7, 1) = 'A' THEN 'B' ELSE 'A' END) || substr(\(text), \(at) + 8) AS BLOB) WHERE seq = 20;
            """
        #expect(try test.sqlite(flip) == 0)
        let failure = try LedgerVerifier.verify(test.store, pageCount: pageCount).failure
        #expect(failure?.sequence == 20)
        #expect(failure?.reason.contains("signature") == true, "\(failure?.description ?? "")")
    }
}
