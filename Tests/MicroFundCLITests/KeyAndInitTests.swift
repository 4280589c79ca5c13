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
        #expect(result.stdout.contains("accepted 1 genesis"))
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
