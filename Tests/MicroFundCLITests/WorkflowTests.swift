import Foundation
import MicroFundLedger
import MicroFundSQLite
import MicroFundTestSupport
import Testing

/// A ledger made with `init` plus a fund manager, a coordinator, a donor and a need.
private func ledger(_ scratch: Scratch) throws -> String {
    let data = scratch.file("ledger")
    #expect(try microfund("init", "--data", data).status == 0)
    let admin = data + "/keys/admin.pem"
    for (party, kind, role) in [("fund", "social_org", "fund_manager"), ("hub", "social_org", "coordinator"), ("studio", "enterprise", "")] {
        #expect(try microfund("keygen", "--out", scratch.file("\(party).pem")).status == 0)
        var arguments = ["party", "register", "--data", data, "--key", admin, "--party", party, "--kind", kind, "--name", party.capitalized, "--public-key", scratch.file("\(party).pem.pub")]
        if !role.isEmpty { arguments += ["--role", role] }
        let result = try microfund(arguments)
        #expect(result.status == 0, "\(result.stderr)")
    }
    let need = try microfund("need", "create", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--title", "Gate wall", "--coordinator", "hub", "--require", "CNY=30000", "--require", "LABOUR=60")
    #expect(need.status == 0, "\(need.stderr)")
    return data
}

@Suite("microfund commands end to end")
struct WorkflowTests {
    @Test("donate, pledge, confirm; balance, verify and journal export agree")
    func workflow() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        // A fixed author time: resubmitting the pledge below must be the same envelope.
        let signedAt = recent().text
        let steps: [[String]] = [
            ["donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "1,234.56"],
            ["donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "500", "--need", "gate-wall", "--co-sign", scratch.file("studio.pem")],
            ["pledge", "make", "--data", data, "--key", scratch.file("studio.pem"), "--need", "gate-wall", "--asset", "LABOUR", "--amount", "6", "--deadline", "2099-01-01T00:00:00Z", "--envelope-id", "pledge-1", "--time", signedAt],
            ["pledge", "confirm", "--data", data, "--key", scratch.file("hub.pem"), "--pledge", "pledge-1", "--amount", "5.5"],
        ]
        // A person's command answers in plain words, with names, not only ids.
        let words = [
            "accepted #6: ¥1,234.56 from Studio to the pool\n",
            "accepted #7: ¥500.00 from Studio to Gate wall (earmarked)\n",
            "accepted #8: Studio pledges 6 h of labour to Gate wall, by 2099-01-01T08:00:00+08:00\n",
            "accepted #9: Hub confirms 5.5 h of labour from Studio to Gate wall\n",
        ]
        for (step, expected) in zip(steps, words) {
            let result = try microfund(step)
            #expect(result.status == 0, "\(step[0]): \(result.stderr)")
            #expect(result.stdout == expected)
        }
        let again = try microfund(steps[2])
        #expect(again.stdout == "already accepted as #8: Studio pledges 6 h of labour to Gate wall, by 2099-01-01T08:00:00+08:00\n")
        let pool = try microfund("balance", "--data", data, "--account", "fund:pool:CNY", "--json")
        #expect(pool.stdout.contains(#""balance":123456"#))
        let labour = try microfund("balance", "--data", data, "--account", "need:gate-wall:LABOUR", "--json")
        #expect(labour.stdout.contains(#""creditsPosted":330"#) && labour.stdout.contains(#""creditsPending":0"#))
        let table = try microfund("balance", "--data", data)
        #expect(table.stdout.contains("¥1,234.56"))
        #expect(table.stdout.contains("CNY 0 LABOUR 0 EXPERTISE 0 SPACE 0"))
        let verify = try microfund("verify", "--data", data)
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("9 entries verified"))
        let export = try microfund("journal", "export", "--data", data)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 9)
        for (index, line) in lines.enumerated() {
            let entry = try JournalEntry(decoding: Array(line.utf8))
            #expect(entry.sequence == UInt64(index + 1))
        }
    }

    @Test("party update: a coordinator also manages the fund, without a second identity")
    func partyUpdate() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let admin = data + "/keys/admin.pem"
        let refused = try microfund("donate", "--data", data, "--key", scratch.file("hub.pem"), "--donor", "studio", "--amount", "10")
        #expect(refused.stderr.hasPrefix("error[forbidden]"))
        let update = try microfund("party", "update", "--data", data, "--key", admin, "--party", "hub", "--role", "coordinator", "--role", "fund_manager", "--name", "Hub")
        #expect(update.status == 0, "\(update.stderr)")
        let donate = try microfund("donate", "--data", data, "--key", scratch.file("hub.pem"), "--donor", "studio", "--amount", "10")
        #expect(donate.status == 0, "\(donate.stderr)")
        #expect(try microfund("party", "update", "--data", data, "--key", admin, "--party", "hub").stderr.hasPrefix("error[usage]"))
        #expect(try microfund("verify", "--data", data).status == 0)
    }

    @Test("a pledge past its deadline shows as overdue until microfund tick voids it")
    func tickVoidsOverdue() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        // Far enough ahead for a loaded machine to accept the pledge before it.
        let deadline = Timestamp.fromEpoch(seconds: Int64(Date().timeIntervalSince1970) + 5)
        let pledge = try microfund("pledge", "make", "--data", data, "--key", scratch.file("studio.pem"), "--need", "gate-wall", "--asset", "LABOUR", "--amount", "1", "--deadline", deadline.text, "--envelope-id", "soon")
        #expect(pledge.status == 0, "\(pledge.stderr)")
        // Nothing due is an answer, not a failure: exit 0, words on stdout,
        // nothing written (catches a tick that still exits 1 for cron).
        let early = try microfund("tick", "--data", data, "--key", scratch.file("hub.pem"))
        #expect(early.status == 0 && early.stderr.isEmpty && early.stdout.hasPrefix("nothing is due"), "\(early)")
        #expect(try microfund("verify", "--data", data).stdout.contains("6 entries"))
        while Date().timeIntervalSince1970 <= Double(deadline.seconds) + 1 { usleep(200_000) }
        #expect(try microfund("balance", "--data", data).stdout.contains("overdue: 1 pledge past the deadline (soon)"))
        let tick = try microfund("tick", "--data", data, "--key", scratch.file("hub.pem"))
        #expect(tick.status == 0, "\(tick.stderr)")
        let balance = try microfund("balance", "--data", data)
        #expect(!balance.stdout.contains("overdue"))
        #expect(try microfund("verify", "--data", data).status == 0)
        #expect(try microfund("pledge", "confirm", "--data", data, "--key", scratch.file("hub.pem"), "--pledge", "soon", "--amount", "1").stderr.hasPrefix("error[pledge_not_pending]"))
    }

    @Test("need list and show, party list and show, pledge list: the opportunity list and who gave what, from the demo ledger")
    func listings() throws {
        let scratch = try Scratch()
        let data = scratch.file("demo")
        #expect(try microfund("demo", "--data", data).status == 0)
        let needs = try microfund("need", "list", "--data", data)
        #expect(needs.status == 0, "\(needs.stderr)")
        #expect(needs.stdout.contains("建新小区入口围墙 Jianxin compound entrance wall (jianxin-gate-wall), proposed, coordinated by tongji-planners"))
        #expect(needs.stdout.contains("EXPERTISE        16 h      0 h       16 h                   0 h"), "\(needs.stdout)")
        #expect(needs.stdout.contains("辽源花园微更新 Liaoyuan micro-garden renewal (liaoyuan-garden), maintained"))
        // Paid out as `report coverage` says: what payees received (¥3,200
        // of payouts less the 5% kept in the garden's reserve).
        #expect(needs.stdout.contains("¥12,860.00  ¥3,040.00"), "\(needs.stdout)")
        let need = try microfund("need", "show", "--data", data, "--need", "hongmei-game-benches")
        #expect(need.stdout.contains("pledge-pixel-design"))
        #expect(need.stdout.contains("expired"))
        let party = try microfund("party", "show", "--data", data, "--party", "pixel-studio")
        #expect(party.stdout.contains("gave ¥15,000.00 CNY"))
        #expect(!party.stdout.contains("gave 0 h EXPERTISE"))
        #expect(party.stdout.contains("gave 0 h LABOUR, 30 h more pledged"))
        let parties = try microfund("party", "list", "--data", data)
        #expect(parties.stdout.split(separator: "\n").count == 2 + 19)
        let expired = try microfund("pledge", "list", "--data", data, "--state", "expired")
        #expect(expired.stdout.split(separator: "\n").count == 2)
        #expect(try microfund("pledge", "list", "--data", data, "--state", "lost").stderr.hasPrefix("error[usage]"))
        #expect(try microfund("need", "show", "--data", data, "--need", "nowhere").stderr.hasPrefix("error[need_unknown]"))
        #expect(try microfund("party", "show", "--data", data, "--party", "nobody").stderr.hasPrefix("error[party_unknown]"))
        // Long work reports progress on a terminal (or when asked); never on stdout.
        let quiet = try microfund("verify", "--data", data)
        #expect(quiet.stderr.isEmpty)
        let loud = try microfund("verify", "--data", data, "--progress")
        #expect(loud.stderr.contains("verify: 92 of 92 entries checked"))
        #expect(loud.stdout == quiet.stdout)
    }

    @Test("a committee approves a need by motion: propose, approve, conflicts refused, the need moves, show and list tell it")
    func motions() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let admin = data + "/keys/admin.pem"
        for member in ["m1", "m2"] {
            #expect(try microfund("keygen", "--out", scratch.file("\(member).pem")).status == 0)
            #expect(try microfund("party", "register", "--data", data, "--key", admin, "--party", member, "--kind", "resident", "--name", member.uppercased(), "--public-key", scratch.file("\(member).pem.pub"), "--role", "committee_member").status == 0)
        }
        let propose = try microfund("motion", "propose", "--data", data, "--key", scratch.file("m1.pem"), "--type", "need.advance", "--need", "gate-wall", "--stage", "approved", "--envelope-id", "mo1")
        #expect(propose.status != 0 && propose.stderr.hasPrefix("error[quorum_unreachable]"), "\(propose.stderr)")
        let byHub = try microfund("motion", "propose", "--data", data, "--key", scratch.file("hub.pem"), "--type", "need.advance", "--need", "gate-wall", "--stage", "approved", "--envelope-id", "mo1")
        #expect(byHub.stdout.hasPrefix("accepted #"), "\(byHub.stderr)")
        #expect(byHub.stdout.contains("Hub proposes to move Gate wall to approved, 2 approvals needed by"))
        #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("hub.pem"), "--motion", "mo1").stderr.hasPrefix("error[forbidden]"))
        #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("m1.pem"), "--motion", "mo1").stdout.contains("M1 approves motion mo1; 1 of 2 approvals"))
        #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("m2.pem"), "--motion", "mo1").stdout.contains("the motion passed: Gate wall is now approved"))
        #expect(try microfund("need", "show", "--data", data, "--need", "gate-wall").stdout.contains("stage: approved"))
        let show = try microfund("motion", "show", "--data", data, "--motion", "mo1")
        #expect(show.stdout.contains("state: passed"))
        #expect(show.stdout.contains("approved by: M1, M2"))
        #expect(try microfund("motion", "list", "--data", data).stdout.contains("passed"))
        #expect(try microfund("motion", "propose", "--data", data, "--key", scratch.file("hub.pem"), "--type", "need.advance", "--need", "gate-wall", "--stage", "accepted").stderr.hasPrefix("error[stage_skip]"))
        #expect(try microfund("motion", "propose", "--data", data, "--key", scratch.file("hub.pem"), "--type", "dispute.open", "--need", "gate-wall", "--stage", "accepted").stderr.hasPrefix("error[usage]"))
        // A disbursement: reserved now, paid (less 5% to the reserve) when two members approve.
        #expect(try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "500", "--need", "gate-wall").status == 0)
        let disburse = try microfund("disburse", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--payee", "studio", "--amount", "300", "--envelope-id", "pay1")
        #expect(disburse.stdout.contains("Hub proposes to pay ¥300.00 to Studio for Gate wall, from fund:earmark:gate-wall:CNY, 2 approvals needed"), "\(disburse.stdout)\(disburse.stderr)")
        #expect(try microfund("balance", "--data", data, "--account", "paid:studio:CNY", "--json").stdout.contains(#""creditsPending":28500"#))
        #expect(try microfund("disburse", "--data", data, "--key", scratch.file("hub.pem"), "--need", "gate-wall", "--payee", "studio", "--amount", "300").stderr.hasPrefix("error[overdraft]"))
        for member in ["m1", "m2"] {
            #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("\(member).pem"), "--motion", "pay1").status == 0)
        }
        #expect(try microfund("balance", "--data", data, "--account", "paid:studio:CNY", "--json").stdout.contains(#""creditsPosted":28500"#))
        #expect(try microfund("balance", "--data", data, "--account", "fund:reserve:gate-wall:CNY", "--json").stdout.contains(#""creditsPosted":1500"#))
        #expect(try microfund("verify", "--data", data).status == 0)
    }

    @Test("offline sign, then submit; a resubmission is a duplicate; JSON lines submit in order")
    func signAndSubmit() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let unsigned = #"{"v":1,"ledger":"microfund.local/ledger","id":"offline-1","kind":"donation.record","author":"fund","ts":"\#(recent().text)","body":{"donor":"studio","amount":20000,"to":"fund:pool:CNY"}}"#
        try unsigned.write(toFile: scratch.file("tx.json"), atomically: true, encoding: .utf8)
        let signed = try microfund("sign", "--key", scratch.file("fund.pem"), scratch.file("tx.json"))
        #expect(signed.status == 0, "\(signed.stderr)")
        try signed.stdout.write(toFile: scratch.file("signed.json"), atomically: true, encoding: .utf8)
        // A second signer adds to the first.
        let cosigned = try microfund("sign", "--key", scratch.file("studio.pem"), scratch.file("signed.json"))
        #expect(cosigned.stdout.components(separatedBy: "\"kid\"").count == 3)
        #expect(try microfund("submit", "--data", data, scratch.file("signed.json")).stdout == "accepted 6 offline-1\n")
        #expect(try microfund("submit", "--data", data, scratch.file("signed.json")).stdout == "duplicate 6 offline-1\n")
        var lines: [String] = []
        for index in 2...4 {
            let text = unsigned.replacingOccurrences(of: "offline-1", with: "offline-\(index)")
            try text.write(toFile: scratch.file("tx\(index).json"), atomically: true, encoding: .utf8)
            lines.append(try microfund("sign", "--key", scratch.file("fund.pem"), scratch.file("tx\(index).json")).stdout)
        }
        lines.insert("{not json\n", at: 1)
        try lines.joined().write(toFile: scratch.file("batch.jsonl"), atomically: true, encoding: .utf8)
        let batch = try microfund("submit", "--data", data, "--json", scratch.file("batch.jsonl"))
        #expect(batch.status == 1)
        #expect(batch.stdout.split(separator: "\n").count == 4)
        #expect(batch.stdout.contains(#"{"id":"offline-4","line":4,"outcome":"accepted","seq":9}"#))
        #expect(batch.stdout.contains(#"{"code":"malformed_json","id":null,"line":2,"#))
        #expect(batch.stderr.isEmpty)
    }

    @Test("errors print error[CODE] on stderr, exit non-zero and change nothing", arguments: [
        (["donate", "--donor", "studio", "--amount=-5"], "amount_not_positive"),
        (["donate", "--donor", "studio", "--amount", "1.234"], "invalid_amount"),
        (["donate", "--donor", "ghost", "--amount", "5"], "party_unknown"),
        (["donate", "--donor", "studio", "--amount", "5", "--need", "no-such-need"], "need_unknown"),
        (["donate", "--donor", "studio", "--amount", "90071992547409.92"], "amount_too_large"),
        (["refund", "--donor", "studio", "--amount", "5"], "account_unknown"),
        (["pledge", "confirm", "--pledge", "nope", "--amount", "1"], "pledge_unknown"),
    ])
    func errors(arguments: [String], code: String) throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        let result = try microfund(arguments + ["--data", data, "--key", scratch.file("fund.pem")])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error[\(code)]:"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try microfund("verify", "--data", data).stdout.contains("5 entries"))
    }

    @Test("commands on a missing ledger say so")
    func notInitialized() throws {
        let scratch = try Scratch()
        for command in [["balance"], ["verify"], ["journal", "export"]] {
            let result = try microfund(command + ["--data", scratch.file("none")])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("error[not_initialized]:"))
        }
        let usage = try microfund("balance", "--data", scratch.file("none"), "--account", "bank:vault")
        #expect(usage.status != 0)
        #expect(usage.stderr.hasPrefix("error[usage]:"))
    }

    @Test("verify exits non-zero and names the sequence after a sqlite3 edit")
    func verifyTampered() throws {
        let scratch = try Scratch()
        let data = try ledger(scratch)
        #expect(try microfund("donate", "--data", data, "--key", scratch.file("fund.pem"), "--donor", "studio", "--amount", "100").status == 0)
        let sql = "DROP TRIGGER journal_no_update; UPDATE journal SET entry = CAST(replace(CAST(entry AS TEXT), '\"amount\":10000', '\"amount\":90000') AS BLOB) WHERE seq = 6"
        #expect(try tool("sqlite3", data + "/ledger.sqlite", sql).status == 0)
        let result = try microfund("verify", "--data", data)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error[verify_failed]: sequence 6:"), "\(result.stderr)")
    }

    @Test("the demo builds, prints a zero trial balance and verifies")
    func demo() throws {
        let scratch = try Scratch()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try microfund("demo", "--data", scratch.file("demo"), "--fixture", root.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CNY 0 LABOUR 0 EXPERTISE 0 SPACE 0"))
        #expect(result.stdout.contains("verify: ok"))
        #expect(result.stdout.contains("fund:pool:CNY"))
        // A whole project through the committee: a tick voiding an overdue
        // pledge, the need approved, residents heard (two for, one against),
        // a conflicted approval refused, a payout waiting for its quorum and
        // then paid with its reserve share, the works started.
        for told in [
            "1 overdue pledge expired",
            "is now approved",
            "at its hearing (2 for, 1 against)",
            "is now hearing_passed",
            "refused, as the rules require: error[conflict_of_interest]: member-zhou",
            "approves motion motion-liaoyuan-seedlings; 1 of 2 approvals",
            "¥3,040.00 paid to 辽源小区绿手指 Liaoyuan Green-Thumb Gardeners for 辽源花园微更新 Liaoyuan micro-garden renewal, ¥160.00 to its maintenance reserve",
            "is now in_progress",
            "is now accepted",
            "is now maintained",
        ] {
            #expect(result.stdout.contains(told), "the demo did not tell: \(told)")
        }
        #expect(result.stdout.contains("paid:green-thumbs:CNY"))
        // The demo is reproducible: the same fixture always gives the same signed checkpoint.
        #expect(result.stdout.contains("demo.microfund.example/shanghai\n92\n"))
        #expect(result.stdout.contains("\u{2014} demo.microfund.example/shanghai "))
        let again = try microfund("demo", "--data", scratch.file("demo2"), "--fixture", root.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json").path)
        let note = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("\u{2014} ") } }
        #expect(!note(result.stdout).isEmpty && note(result.stdout) == note(again.stdout))
    }
}

@Suite("benchmark commands")
struct BenchCommandTests {
    @Test("bench verify reports each round against its own anchor and the median ratio")
    func benchVerifyRounds() throws {
        let result = try microfund("bench", "verify", "--count", "40", "--rounds", "2", "--openssl-seconds", "1")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("| 1 |") || $0.hasPrefix("| 2 |") }.count == 2)
        #expect(lines.last?.hasPrefix("| median of 2 |") == true)
        #expect(result.stdout.contains("149 entries"))
    }

    @Test("bench verify refuses a nonsense round count and does no work")
    func benchVerifyBadRounds() throws {
        let result = try microfund("bench", "verify", "--rounds", "0")
        #expect(result.status != 0)
        #expect(result.stderr.contains("--rounds must be 1 to 20"))
    }
}
