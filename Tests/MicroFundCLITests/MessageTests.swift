import Foundation
import Testing

/// Messages that say what to do, each measured wrong on an earlier binary.
@Suite struct MessageTests {
    /// A ledger with a fund manager, a coordinator, two committee members,
    /// a donor and an approved need.
    private func ledger(_ scratch: Scratch) throws -> String {
        let data = scratch.file("ledger")
        let admin = data + "/keys/admin.pem"
        #expect(try microfund("init", "--data", data, "--origin", "fund.example.org/messages").status == 0)
        for (party, kind, role) in [("fund", "social_org", "fund_manager"), ("hub", "social_org", "coordinator"), ("studio", "enterprise", ""),
                                    ("li", "resident", "committee_member"), ("chen", "resident", "committee_member")] {
            #expect(try microfund("keygen", "--out", scratch.file("\(party).pem")).status == 0)
            var arguments = ["party", "register", "--data", data, "--key", admin, "--party", party, "--kind", kind, "--name", party.capitalized, "--public-key", scratch.file("\(party).pem.pub")]
            if !role.isEmpty { arguments += ["--role", role] }
            #expect(try microfund(arguments).status == 0)
        }
        #expect(try microfund("need", "create", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--title", "Gate wall", "--coordinator", "hub", "--require", "CNY=30000").status == 0)
        #expect(try microfund("motion", "propose", "--data", data, "--key", scratch.file("hub.pem"), "--type", "need.advance", "--need", "gate-wall", "--stage", "approved", "--envelope-id", "approve").status == 0)
        for member in ["li", "chen"] {
            #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("\(member).pem"), "--motion", "approve").status == 0)
        }
        return data
    }

    @Test func keysAreNamedForWhatTheyAre() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        // Catches a permission check (key_permissions) before the kind of key.
        let publicKey = try microfund("donate", "--data", data, "--key", scratch.file("fund.pem.pub"), "--donor", "studio", "--amount", "5")
        #expect(publicKey.stderr.hasPrefix("error[public_key_given]:") && publicKey.stderr.contains("sign with the private key (\(scratch.file("fund.pem")))"), "\(publicKey.stderr)")
        let operatorKey = try microfund("donate", "--data", data, "--key", data + "/keys/operator.pem", "--donor", "studio", "--amount", "5")
        #expect(operatorKey.stderr.contains("the operator key signs checkpoints only"), "\(operatorKey.stderr)")
        #expect(!operatorKey.stderr.contains("--author"))
    }

    /// The first line says what is wrong, with the nearest id; the envelope
    /// id (which the person never typed) is on the second line only.
    @Test func refusalsSuggestAndKeepTheEnvelopeIdOffTheFirstLine() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let typo = try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studoi", "--amount", "5")
        let lines = typo.stderr.split(separator: "\n")
        #expect(lines.first == "error[party_unknown]: studoi is not a registered party; did you mean studio?", "\(typo.stderr)")
        #expect(lines.count == 2 && lines[1].contains("donation.record-") && lines[1].contains("nothing was written"))
        let far = try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "zzzzzz", "--amount", "5")
        #expect(!far.stderr.contains("did you mean"))
        let motion = try microfund("motion", "show", "--data", data, "--motion", "aprove")
        #expect(motion.stderr.contains("did you mean approve?"), "\(motion.stderr)")
        let command = try microfund("donat", "--data", data)
        #expect(command.status >= 2 && command.stderr.contains("did you mean microfund donate?"), "\(command.stderr)")
        let nested = try microfund("pledge", "mak")
        #expect(nested.stderr.contains("did you mean microfund pledge make?"), "\(nested.stderr)")
    }

    /// An overdraft names what the account has, and from an empty earmark
    /// that the pool exists. Catches the bare "would be overdrawn".
    @Test func overdraftSaysWhatIsAvailable() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        #expect(try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "800").status == 0)
        let payout = try microfund("disburse", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--payee", "studio", "--amount", "100")
        #expect(payout.stderr.hasPrefix("error[overdraft]:"), "\(payout.stderr)")
        #expect(payout.stderr.contains("it has ¥0.00 available (posted less pending)"))
        #expect(payout.stderr.contains("fund:pool:CNY) has ¥800.00 available") && payout.stderr.contains("--from pool"))
        #expect(try microfund("disburse", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--payee", "studio", "--amount", "100", "--from", "pool", "--envelope-id", "pay").status == 0)
        #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("li.pem"), "--motion", "pay").stdout.contains("1 of 2 approvals"))
        let again = try microfund("motion", "approve", "--data", data, "--key", scratch.file("li.pem"), "--motion", "pay")
        #expect(again.stdout.contains("already approved; counts once") && again.stdout.contains("1 of 2 approvals"), "\(again.stdout)")
    }

    /// Signing offline needs no data directory, and says in words what
    /// was signed (on stderr: stdout is the envelope).
    @Test func offlineSigningNeedsNoLedger() throws {
        let scratch = try Scratch()
        #expect(try microfund("keygen", "--out", scratch.file("fund.pem")).status == 0)
        let signed = try microfund("donate", "--key", scratch.file("fund.pem"), "--author", "fund", "--donor", "studio", "--amount", "15,000",
                                   "--print-only", "--ledger", "fund.example.org/offline", "--data", scratch.file("none"))
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.hasPrefix("{") && signed.stdout.contains(#""amount":1500000"#))
        #expect(signed.stderr.contains("signed, not submitted: ¥15,000.00 from studio to the pool, as fund for ledger fund.example.org/offline"), "\(signed.stderr)")
        let noAuthor = try microfund("donate", "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "5",
                                     "--print-only", "--ledger", "fund.example.org/offline", "--data", scratch.file("none"))
        #expect(noAuthor.stderr.contains("pass --author"))
    }
}
