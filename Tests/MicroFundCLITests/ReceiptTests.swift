import Foundation
import MicroFundReports
import Testing

/// Memos, references and receipts, from the command line to the exports.
@Suite struct ReceiptTests {
    /// A ledger with a fund manager and a donor; returns the data directory.
    private func ledger(_ scratch: Scratch) throws -> String {
        let data = scratch.file("ledger")
        #expect(try microfund("init", "--data", data, "--origin", "fund.example.org/receipts").status == 0)
        for (party, name, role) in [("fund", "社区基金", "fund_manager"), ("studio", "像素工作室", "")] {
            #expect(try microfund("keygen", "--out", scratch.file("\(party).pem")).status == 0)
            var arguments = ["party", "register", "--data", data, "--key", data + "/keys/admin.pem", "--party", party, "--kind", "enterprise",
                             "--name", name, "--public-key", scratch.file("\(party).pem.pub")]
            if !role.isEmpty { arguments += ["--role", role] }
            #expect(try microfund(arguments).status == 0)
        }
        return data
    }

    /// A second donation with the same receipt number is refused and
    /// changes nothing; a refund may cite it (kinds are separate). Catches
    /// a ledger that does not keep references, keeps them across kinds, or
    /// forgets them on reopening (the store must load them).
    @Test func referenceIsBookedOncePerKind() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let key = scratch.file("fund.pem")
        let first = try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "15,000", "--memo", "春季义卖", "--reference", "收据0042")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("memo: 春季义卖; reference: 收据0042"))
        let before = try microfund("balance", "--data", data, "--json").stdout
        let again = try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "5", "--reference", "收据0042")
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error[reference_duplicate]:"), "\(again.stderr)")
        #expect(try microfund("balance", "--data", data, "--json").stdout == before)
        let refund = try microfund("refund", "--data", data, "--key", key, "--donor", "studio", "--amount", "5", "--reference", "收据0042")
        #expect(refund.status == 0, "\(refund.stderr)")
        let long = try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "5", "--reference", String(repeating: "x", count: 65))
        #expect(long.stderr.hasPrefix("error[invalid_field]:"), "\(long.stderr)")
        let memo = try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "5", "--memo", String(repeating: "备", count: 201))
        #expect(memo.stderr.hasPrefix("error[invalid_field]:"), "\(memo.stderr)")
        #expect(try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "5", "--reference", String(repeating: "x", count: 64)).status == 0)
        #expect(try microfund("verify", "--data", data).status == 0)
    }

    /// The receipt names donor, amount in figures and capitals, local date,
    /// memo, reference, entry and the check command; the HTML one prints
    /// on A5. Catches a receipt for an entry that is not a donation.
    @Test func receiptForADonation() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let gift = try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "15000",
                                 "--memo", "春季义卖", "--reference", "收据0042", "--time", "2026-12-07T09:30:00+08:00")
        #expect(gift.status == 0, "\(gift.stderr)")
        let text = try microfund("receipt", "--data", data, "--entry", "4")
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["像素工作室", "¥15,000.00", "人民币壹万伍仟元整", "+08:00", "春季义卖", "收据0042", "#4", "microfund proof inclusion --seq 4", "verify-proof"] {
            #expect(text.stdout.contains(expected), "\(expected) in \(text.stdout)")
        }
        #expect(!text.stdout.contains("作废"))
        let english = try microfund("receipt", "--data", data, "--entry", "4", "--lang", "en", "--format", "html")
        #expect(english.stdout.contains("size: A5"))
        #expect(english.stdout.contains("Donation receipt"))
        #expect(!english.stdout.contains("<script"))
        let party = try microfund("receipt", "--data", data, "--entry", "3")
        #expect(party.stderr.hasPrefix("error[not_a_donation]:"))
        #expect(try microfund("receipt", "--data", data, "--entry", "99").stderr.hasPrefix("error[entry_unknown]:"))
    }

    /// A donation reversed since gets a receipt that says it is void, with
    /// the reversal's entry and reason, in its title and first line.
    /// Catches a receipt that hands a donor proof of a gift undone.
    @Test func receiptOfAReversedDonationIsVoid() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let key = scratch.file("fund.pem")
        #expect(try microfund("donate", "--data", data, "--key", key, "--donor", "studio", "--amount", "1,500").status == 0)
        #expect(try microfund("reverse", "--data", data, "--key", key, "--entry", "4", "--reason", "应为 150 元").status == 0)
        let text = try microfund("receipt", "--data", data, "--entry", "4", "--lang", "zh").stdout
        #expect(text.hasPrefix("捐赠收据（已作废）") && text.contains("已冲正作废：第 5 条（原因：应为 150 元）"), "\(text)")
        let html = try microfund("receipt", "--data", data, "--entry", "4", "--lang", "en", "--format", "html").stdout
        #expect(html.contains("<h1>Donation receipt (void)</h1>") && html.contains("void: reversed by entry 5 (reason: 应为 150 元)"), "\(html)")
    }

    /// The exports carry memo and reference, and the accountants' tools
    /// read them: hledger's description note and tag, beancount's
    /// narration and metadata.
    @Test func exportsCarryMemoAndReference() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        #expect(try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "50",
                              "--memo", "义卖, 第二场", "--reference", "BOC-2026,0042").status == 0)
        let hledgerFile = scratch.file("books.journal"), beanFile = scratch.file("books.beancount")
        #expect(try microfund("export", "hledger", "--data", data, "--out", hledgerFile).status == 0)
        #expect(try microfund("export", "beancount", "--data", data, "--out", beanFile).status == 0)
        let register = try tool("hledger", "-f", hledgerFile, "register", "tag:reference=BOC-2026，0042", "-O", "csv")
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("义卖, 第二场"), "\(register.stdout)")
        #expect(try tool("bean-check", beanFile).status == 0)
        let query = try tool("bean-query", beanFile, "SELECT narration, entry_meta('reference') WHERE account ~ 'Pool'")
        #expect(query.stdout.contains("义卖, 第二场") && query.stdout.contains("BOC-2026,0042"), "\(query.stdout) \(query.stderr)")
    }
}
