public import MicroFundCrypto
public import MicroFundLedger

/// A committee for the scenario: three residents, m1–m3, with keys from
/// fixed seeds, and the envelopes by which they and the hub govern.
extension Scenario {
    /// The members' keys: m1 is `committee[0]`.
    public static func committeeKeys() throws -> [Ed25519PrivateKey] {
        try (50...52).map { try key(UInt8($0)) }
    }

    /// The members' registrations, signed by the admin.
    public func registerCommittee(_ keys: [Ed25519PrivateKey], at minutes: Int64 = 1) throws -> [[UInt8]] {
        try keys.enumerated().map { index, key in
            try EnvelopeDraft.registerParty(ledger: origin, id: "reg-m\(index + 1)", author: "committee", timestamp: Scenario.time(minutes),
                party: PartyDraft(id: "m\(index + 1)", kind: .resident, name: "M\(index + 1)", publicKey: key.publicKey, roles: [.committeeMember])
            ).signed(by: [admin])
        }
    }

    /// Member `member` (from 1) votes on, or withdraws, `motion`.
    public func vote(_ kind: TransactionKind, _ id: String, on motion: String, member: Int, keys: [Ed25519PrivateKey], at minutes: Int64) throws -> [UInt8] {
        try EnvelopeDraft.motionVote(kind, ledger: origin, id: id, author: "m\(member)", timestamp: Scenario.time(minutes), motion: motion).signed(by: [keys[member - 1]])
    }

    /// The hub (the need's coordinator) proposes a motion.
    public func propose(_ id: String, _ action: Motion.Action, at minutes: Int64, deadline: Timestamp? = nil) throws -> [UInt8] {
        try EnvelopeDraft.proposeMotion(ledger: origin, id: id, author: "hub", timestamp: Scenario.time(minutes), action: action, deadline: deadline).signed(by: [coordinator])
    }
}
