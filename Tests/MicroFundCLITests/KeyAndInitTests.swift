import Foundation
import Testing

@Suite("microfund keygen and init, with the openssl tool")
struct KeyAndInitTests {
    @Test("keygen writes a 0600 PKCS#8 key that openssl reads, and FILE.pub")
    func keygen() throws {
        let scratch = try Scratch()
        let key = scratch.file("k.pem")
        let result = try microfund("keygen", "--out", key)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try mode(key) == 0o600)
        let pub = try tool("openssl", "pkey", "-in", key, "-pubout")
        #expect(pub.status == 0)
        #expect(pub.stdout == (try String(contentsOfFile: key + ".pub", encoding: .utf8)))
        let again = try microfund("keygen", "--out", key)
        #expect(again.status != 0)
        #expect(again.stderr.hasPrefix("error[file_exists]:"))
    }

    @Test("init makes a ledger with 0600 admin and operator keys; a second init is refused")
    func initialize() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        let result = try microfund("init", "--data", data, "--origin", "test.example/ledger")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("accepted #1: ledger test.example/ledger founded by Ledger administrator"))
        #expect(try mode(data + "/keys/admin.pem") == 0o600)
        #expect(try mode(data + "/keys/operator.pem") == 0o600)
        #expect(try tool("openssl", "pkey", "-in", data + "/keys/admin.pem", "-noout").status == 0)
        let again = try microfund("init", "--data", data)
        #expect(again.status != 0)
        #expect(again.stderr.hasPrefix("error[already_initialized]:"))
        #expect(try microfund("verify", "--data", data).status == 0)
    }

    @Test("a key made by openssl genpkey registers and signs")
    func opensslKey() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        #expect(try microfund("init", "--data", data).status == 0)
        let key = scratch.file("resident.pem")
        #expect(try tool("openssl", "genpkey", "-algorithm", "ed25519", "-out", key).status == 0)
        let pub = try tool("openssl", "pkey", "-in", key, "-pubout")
        try pub.stdout.write(toFile: key + ".pub", atomically: true, encoding: .utf8)
        let coordinator = scratch.file("hub.pem")
        #expect(try microfund("keygen", "--out", coordinator).status == 0)
        let admin = data + "/keys/admin.pem"
        for arguments in [
            ["party", "register", "--data", data, "--key", admin, "--party", "resident-li", "--kind", "resident", "--name", "Resident L.", "--public-key", key + ".pub"],
            ["party", "register", "--data", data, "--key", admin, "--party", "hub", "--kind", "social_org", "--name", "Hub", "--public-key", coordinator + ".pub", "--role", "coordinator"],
            ["need", "create", "--data", data, "--key", coordinator, "--need", "bench-corner", "--title", "Bench corner", "--coordinator", "hub", "--require", "LABOUR=12"],
            ["pledge", "make", "--data", data, "--key", key, "--need", "bench-corner", "--asset", "LABOUR", "--amount", "1.5", "--deadline", "2099-01-01T00:00:00Z", "--envelope-id", "pledge-li"],
        ] {
            let result = try microfund(arguments)
            #expect(result.status == 0, "\(arguments[0]) \(arguments[1]): \(result.stderr)")
        }
        let balance = try microfund("balance", "--data", data, "--account", "need:bench-corner:LABOUR", "--json")
        #expect(balance.stdout.contains(#""creditsPending":90"#))
    }
}

@Suite("Private key files are refused when others can read them or when they hold two keys")
struct KeyFileSafetyTests {
    @Test("a key readable by group or others is refused with the chmod that fixes it; 0600 and 0400 are used")
    func permissions() throws {
        let scratch = try Scratch()
        let key = scratch.file("fund.pem")
        #expect(try microfund("keygen", "--out", key).status == 0)
        let envelope = scratch.file("tx.json")
        try #"{"v":1,"ledger":"microfund.local/ledger","id":"t","kind":"donation.record","author":"fund","ts":"2026-05-01T09:30:00Z","body":{"donor":"studio","amount":1,"to":"fund:pool:CNY"}}"#
            .write(toFile: envelope, atomically: true, encoding: .utf8)
        for mode in [0o644, 0o640, 0o604, 0o660, 0o606] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key)
            let result = try microfund("sign", "--key", key, envelope)
            #expect(result.status != 0, "mode \(String(mode, radix: 8))")
            #expect(result.stderr.hasPrefix("error[key_permissions]"), "\(result.stderr)")
            #expect(result.stderr.contains("chmod 600 \(key)"))
            #expect(result.stdout.isEmpty)
        }
        for mode in [0o600, 0o400] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key)
            #expect(try microfund("sign", "--key", key, envelope).status == 0, "mode \(String(mode, radix: 8))")
        }
    }

    @Test("a key file holding two PEM keys is refused, not read as its first")
    func twoKeys() throws {
        let scratch = try Scratch()
        let (first, second, both) = (scratch.file("a.pem"), scratch.file("b.pem"), scratch.file("both.pem"))
        #expect(try microfund("keygen", "--out", first).status == 0)
        #expect(try microfund("keygen", "--out", second).status == 0)
        let text = try String(contentsOfFile: first, encoding: .utf8) + String(contentsOfFile: second, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: both, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        let publicBoth = both + ".pub"
        let publicText = try String(contentsOfFile: first + ".pub", encoding: .utf8) + String(contentsOfFile: second + ".pub", encoding: .utf8)
        try publicText.write(toFile: publicBoth, atomically: true, encoding: .utf8)
        let envelope = scratch.file("tx.json")
        try #"{"v":1,"ledger":"microfund.local/ledger","id":"t","kind":"donation.record","author":"fund","ts":"2026-05-01T09:30:00Z","body":{"donor":"studio","amount":1,"to":"fund:pool:CNY"}}"#
            .write(toFile: envelope, atomically: true, encoding: .utf8)
        let sign = try microfund("sign", "--key", both, envelope)
        #expect(sign.status != 0)
        #expect(sign.stderr.hasPrefix("error[crypto_invalid_pem]"), "\(sign.stderr)")
        let data = scratch.file("ledger")
        #expect(try microfund("init", "--data", data).status == 0)
        let register = try microfund("party", "register", "--data", data, "--key", data + "/keys/admin.pem", "--party", "p", "--kind", "resident", "--name", "P", "--public-key", publicBoth)
        #expect(register.stderr.hasPrefix("error[crypto_invalid_pem]"), "\(register.stderr)")
    }
}

@Suite("The fund's policy, set at init and shown in plain words")
struct PolicyCommandTests {
    @Test("init --policy sets the policy in genesis; policy show prints it; a bad policy makes no ledger")
    func policy() throws {
        let scratch = try Scratch()
        let file = scratch.file("policy.json")
        try #"{"motionLifetimeDays":7,"pledgeLifetimeDays":60,"rates":{"EXPERTISE":40000,"LABOUR":6000,"SPACE":50},"reserveShare":1000,"shareBeforeAcceptance":2500,"tiers":[{"approvals":2,"hearing":false,"upTo":300000}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let data = scratch.file("ledger")
        #expect(try microfund("init", "--data", data, "--policy", file).status == 0)
        let shown = try microfund("policy", "show", "--data", data)
        #expect(shown.stdout.contains("up to ¥3,000.00: 2 committee approvals"))
        #expect(shown.stdout.contains("at most 25% of its cash requirement"))
        #expect(shown.stdout.contains("10% of every payout"))
        #expect(try microfund("policy", "show", "--data", data, "--json").stdout.contains(#""reserveShare":1000"#))
        #expect(try microfund("verify", "--data", data).status == 0)
        let defaults = scratch.file("defaults")
        #expect(try microfund("init", "--data", defaults).status == 0)
        #expect(try microfund("policy", "show", "--data", defaults).stdout.contains("up to ¥5,000.00: 2 committee approvals"))
        try #"{"tiers":[]}"#.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try microfund("init", "--data", scratch.file("bad"), "--policy", file)
        #expect(bad.stderr.hasPrefix("error[missing_field]"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("bad")))
    }
}
