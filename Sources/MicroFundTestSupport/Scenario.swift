public import MicroFundCrypto
public import MicroFundLedger

/// A small, fully signed ledger history for tests: an admin, a fund
/// manager, a coordinator, two donors and one need, with keys derived from
/// fixed seeds so every run signs the same bytes.
public struct Scenario: Sendable {
    public let admin: Ed25519PrivateKey
    public let operatorKey: Ed25519PrivateKey
    public let manager: Ed25519PrivateKey
    public let coordinator: Ed25519PrivateKey
    public let enterprise: Ed25519PrivateKey
    public let resident: Ed25519PrivateKey
    /// The scenario ledger's origin, which every envelope of it names.
    public static let origin = "ledger.example.org/jiangpu"
    public var origin: String { Scenario.origin }
    public let need = "liaoyuan-garden"

    public init() throws {
        admin = try Scenario.key(1)
        operatorKey = try Scenario.key(2)
        manager = try Scenario.key(3)
        coordinator = try Scenario.key(4)
        enterprise = try Scenario.key(5)
        resident = try Scenario.key(6)
    }

    /// A key from a fixed seed: test keys only.
    public static func key(_ seed: UInt8) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
    }

    /// A time `minutes` after the scenario's start.
    public static func time(_ minutes: Int64) -> Timestamp {
        Timestamp.fromEpoch(seconds: 1_777_600_000 + minutes * 60)
    }

    /// The setup history: genesis, four parties, one need. Signed bytes in order.
    public func setup() throws -> [[UInt8]] {
        let t = Scenario.time(0)
        let parties: [(String, PartyKind, String, Ed25519PrivateKey, [Role])] = [
            ("street-office", .government, "Jiangpu Road Street Office", manager, [.fundManager]),
            ("hub", .socialOrganisation, "Jiangpu Community Hub", coordinator, [.coordinator]),
            ("zone-studio", .enterprise, "Caohejing Game Studio", enterprise, []),
            ("resident-wang", .resident, "Resident W.", resident, []),
        ]
        var out = [try EnvelopeDraft.genesis(
            id: "genesis", timestamp: t, origin: origin,
            admin: PartyDraft(id: "committee", kind: .committee, name: "Jiangpu Joint Committee", publicKey: admin.publicKey),
            operatorKey: operatorKey.publicKey
        ).signed(by: [admin])]
        for (id, kind, name, key, roles) in parties {
            out.append(try EnvelopeDraft.registerParty(ledger: origin, id: "register-\(id)", author: "committee", timestamp: t,
                party: PartyDraft(id: id, kind: kind, name: name, publicKey: key.publicKey, roles: roles)
            ).signed(by: [admin]))
        }
        out.append(try EnvelopeDraft.createNeed(ledger: origin, id: "need-\(need)", author: "hub", timestamp: t, need: need, title: "Liaoyuan micro-garden",
            coordinator: "hub", requirements: [.cny: 5_000_000, .labour: 2_400]
        ).signed(by: [coordinator]))
        return out
    }
}
