import ArgumentParser
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import Foundation

/// `microfund init`: a new ledger with its admin and operator keys.
struct Initialize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a ledger: admin and operator keys (mode 0600) and the genesis entry."
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

    func validate() throws {
        guard PartyKind(rawValue: adminKind) != nil else {
            throw ValidationError("--admin-kind must be one of \(PartyKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let directory = data.directory
        let admin = try Ed25519PrivateKey()
        let operatorKey = try Ed25519PrivateKey()
        let genesis = try EnvelopeDraft.genesis(
            id: "genesis", timestamp: WallClock.now, origin: origin,
            admin: PartyDraft(id: adminID, kind: PartyKind(rawValue: adminKind)!, name: adminName, publicKey: admin.publicKey),
            operatorKey: operatorKey.publicKey, policy: try policy.map { try Policy(json: JSONParser.parse(InputFile.read($0)), context: "policy") }
        ).signed(by: [admin])
        try directory.create { staging in
            try KeyFiles.write(admin, to: staging.adminKeyPath)
            try KeyFiles.write(operatorKey, to: staging.operatorKeyPath)
            let ledger = try Ledger.create(store: SQLiteStore.create(path: staging.databasePath), genesis: genesis, time: WallClock.acceptanceTime)
            try ledger.store.close()
        }
        StandardOutput.write(Acknowledgement.line(try Envelope.decode(genesis), sequence: 1, duplicate: false, state: LedgerState()))
        StandardOutput.write("ledger \(directory.databasePath)")
        StandardOutput.write("admin \(adminID) key \(try KeyIdentifier.of(admin.publicKey)) at \(directory.adminKeyPath)")
        StandardOutput.write("operator key \(try KeyIdentifier.of(operatorKey.publicKey)) at \(directory.operatorKeyPath)")
    }
}
