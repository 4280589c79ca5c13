import ArgumentParser
import MicroFundCrypto
import MicroFundLedger
import MicroFundReports
import MicroFundStore

/// `microfund key rotate|revoke|list`: a party's keys, managed with the
/// kinds the protocol has (`key.rotate`, `key.revoke`). A party signs for
/// its own keys; an admin may act for anyone, so a member who lost her
/// key gets a new one from the admin and the lost one stops signing.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: Words.say("Replace, revoke and list parties' signing keys.", "更换、吊销和列出参与方的签名密钥。"),
        subcommands: [Rotate.self, Revoke.self, List.self]
    )

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.say("Register a new key for a party (the party itself, or an admin), revoking an old one in the same entry.", "为参与方登记新密钥（本方或管理员），可在同一条目中吊销旧密钥。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("Whose key; defaults to the signer's own party.", valueName: "party"))
        var party: String?
        @Option(name: .customLong("public-key"), help: ArgumentHelp("The new public key (PEM), e.g. FILE.pub from keygen.", valueName: "file"))
        var publicKey: String
        @Option(help: ArgumentHelp("A key id of the party's to revoke in the same entry (a lost or retired key).", valueName: "key-id"))
        var revoke: String?

        func run() async throws {
            let key = try KeyFiles.readPublic(publicKey)
            try await signing.submit(data: data, kind: .keyRotate) { ledger, id, author, time in
                .rotateKey(ledger: ledger, id: id, author: author, timestamp: time, party: party ?? author, newKey: key, revoking: revoke)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Words.say("Revoke a party's key (the party itself, or an admin): it signs nothing from the next entry on.", "吊销参与方的密钥（本方或管理员）：自下一条起不再有效。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("Whose key; defaults to the party the key id is registered to.", valueName: "party"))
        var party: String?
        @Option(name: .customLong("key-id"), help: ArgumentHelp("The key id to revoke (see key list).", valueName: "key-id"))
        var keyID: String

        func run() async throws {
            let registered = party == nil ? try await data.reader().loadDirectory().keys[keyID]?.party : nil
            guard let owner = party ?? registered else {
                throw CommandFailure(LedgerError(.keyUnknown, "no key \(keyID) is registered in this ledger (see microfund key list)"))
            }
            try await signing.submit(data: data, kind: .keyRevoke) { ledger, id, author, time in
                .revokeKey(ledger: ledger, id: id, author: author, timestamp: time, party: owner, keyID: keyID)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Every registered key: its id, party, and when it was registered and revoked.", "列出所有已登记密钥：编号、所属参与方、登记与吊销时间。"))
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("Only this party's keys.", valueName: "party"))
        var party: String?

        func run() async throws {
            let state = try await data.reader().loadDirectory()
            var table = TextTable(["key", "party", "registered", "state"])
            let keys = state.keys.values.filter { party == nil || $0.party == party }.sorted { ($0.party, $0.registeredAt, $0.id) < ($1.party, $1.registeredAt, $1.id) }
            for key in keys {
                table.rows.append([key.id, key.party, "entry \(key.registeredAt)", key.revokedAt.map { "revoked at entry \($0)" } ?? "active"])
            }
            StandardOutput.write(keys.isEmpty ? "no keys" : table.rendered)
        }
    }
}
