import Foundation
import Testing

/// `microfund key rotate|revoke|list`, as a committee member who lost her
/// key and the admin who replaces it use them.
@Suite struct KeyCommandTests {
    @Test func adminReplacesALostKeyAndTheOldOneStopsSigning() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        let admin = data + "/keys/admin.pem"
        #expect(try microfund("init", "--data", data, "--origin", "fund.example.org/keys").status == 0)
        for party in ["li", "chen"] {
            #expect(try microfund("keygen", "--out", scratch.file("\(party).pem")).status == 0)
            #expect(try microfund("party", "register", "--data", data, "--key", admin, "--party", party, "--kind", "resident", "--name", party,
                                  "--public-key", scratch.file("\(party).pem.pub"), "--role", "committee_member").status == 0)
        }
        let listed = try microfund("key", "list", "--data", data, "--party", "li")
        let lost = try #require(listed.stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))

        // Chen may not replace Li's key: forbidden, and nothing changes.
        #expect(try microfund("keygen", "--out", scratch.file("li-new.pem")).status == 0)
        let before = try microfund("key", "list", "--data", data).stdout
        let forbidden = try microfund("key", "rotate", "--data", data, "--key", scratch.file("chen.pem"), "--party", "li",
                                      "--public-key", scratch.file("li-new.pem.pub"), "--revoke", lost)
        #expect(forbidden.stderr.hasPrefix("error[forbidden]:"), "\(forbidden.stderr)")
        #expect(try microfund("key", "list", "--data", data).stdout == before)

        let rotated = try microfund("key", "rotate", "--data", data, "--key", admin, "--party", "li",
                                    "--public-key", scratch.file("li-new.pem.pub"), "--revoke", lost)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(rotated.stdout.contains("li has a new key") && rotated.stdout.contains("key \(lost) is revoked"))
        let after = try microfund("key", "list", "--data", data, "--party", "li").stdout
        #expect(after.contains("\(lost)") && after.contains("revoked at entry 4") && after.contains("active"))

        // The lost key signs nothing more; the new one does.
        let old = try microfund("key", "revoke", "--data", data, "--key", scratch.file("li.pem"), "--key-id", lost)
        #expect(old.stderr.hasPrefix("error[key_revoked]:"), "\(old.stderr)")
        let chenKey = try #require(try microfund("key", "list", "--data", data, "--party", "chen").stdout.split(separator: "\n").dropFirst().first?.split(separator: " ").first.map(String.init))
        let byAdmin = try microfund("key", "revoke", "--data", data, "--key", admin, "--key-id", chenKey)
        #expect(byAdmin.status == 0, "\(byAdmin.stderr)")
        #expect(byAdmin.stdout.contains("signs nothing from the next entry on"))
        let unknown = try microfund("key", "revoke", "--data", data, "--key", admin, "--key-id", "0000")
        #expect(unknown.stderr.hasPrefix("error[key_unknown]:"))
        #expect(try microfund("verify", "--data", data).stdout.contains("5 entries"))
    }
}
