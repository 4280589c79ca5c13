import ArgumentParser
import MicroFundCrypto
import MicroFundLedger
import MicroFundService
import MicroFundSQLite
import MicroFundStore
import Foundation

/// `microfund init`: a new ledger with its admin and operator keys.
struct Initialize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: Words.say("Create a ledger: admin and operator keys (mode 0600) and the genesis entry.", "建立账本：生成管理员与运营方密钥（权限 0600）及创世条目。")
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Checkpoint origin: a schema-less URL naming this ledger.", valueName: "origin"))
    var origin = "microfund.local/ledger"

    @Option(name: .customLong("admin-id"), help: ArgumentHelp("Party id of the admin.", valueName: "party"))
    var adminID = "admin"

    @Option(name: .customLong("admin-name"), help: ArgumentHelp("Display name of the admin.", valueName: "name"))
    var adminName = "Ledger administrator"

    @Option(name: .customLong("admin-kind"), help: ArgumentHelp("Party kind of the admin.", valueName: "kind"))
    var adminKind = "committee"

    @Option(help: ArgumentHelp("The fund's policy as a JSON object (docs/protocol.md §4.2); the defaults when left out.", valueName: "file"))
    var policy: String?

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The fund's time zone (IANA name): its days for dates typed on the command line, and for times shown. Recorded in the genesis policy; Asia/Shanghai when left out.", valueName: "zone"))
    var timeZone: String?

    func validate() throws {
        if let timeZone, !Policy.isValidTimeZoneName(timeZone) || TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone \(timeZone) is not a time zone this system knows; use an IANA name such as Asia/Shanghai or UTC")
        }
        guard PartyKind(rawValue: adminKind) != nil else {
            throw ValidationError("--admin-kind must be one of \(PartyKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The policy file's (or the defaults), with the zone `--time-zone`
    /// names, which wins over the file's; nil (the defaults, in
    /// Asia/Shanghai) when neither is given.
    private func genesisPolicy() throws -> Policy? {
        var chosen = try policy.map { try Policy(json: JSONParser.parse(InputFile.read($0)), context: "policy") }
        if let timeZone {
            chosen = chosen ?? .default
            chosen?.timeZone = timeZone
        }
        return chosen
    }

    func run() async throws {
        try data.requireLocal("init")
        let directory = data.directory
        let admin = try Ed25519PrivateKey()
        let operatorKey = try Ed25519PrivateKey()
        let genesis = try EnvelopeDraft.genesis(
            id: "genesis", timestamp: WallClock.now, origin: origin,
            admin: PartyDraft(id: adminID, kind: PartyKind(rawValue: adminKind)!, name: adminName, publicKey: admin.publicKey),
            operatorKey: operatorKey.publicKey, policy: try genesisPolicy()
        ).signed(by: [admin])
        try await directory.create { staging in
            try KeyFiles.write(admin, to: staging.adminKeyPath)
            try KeyFiles.write(operatorKey, to: staging.operatorKeyPath)
            let ledger = try await Ledger.create(store: SQLiteStore.create(path: staging.databasePath), genesis: genesis, time: WallClock.acceptanceTime)
            try ledger.store.close()
        }
        StandardOutput.write(Acknowledgement.line(try Envelope.decode(genesis), sequence: 1, duplicate: false, state: LedgerState(), language: Words.language))
        StandardOutput.write("ledger \(directory.databasePath)")
        StandardOutput.write("admin \(adminID) key \(try KeyIdentifier.of(admin.publicKey)) at \(directory.adminKeyPath)")
        StandardOutput.write("operator key \(try KeyIdentifier.of(operatorKey.publicKey)) at \(directory.operatorKeyPath)")
    }
}
