public import MicroFundCrypto

/// Everything one accepted transaction changed, as the values after it:
/// what a store writes beside the journal entry, in the same database
/// transaction.
public struct Changes: Sendable {
    public let sequence: UInt64
    /// The ledger's time of acceptance: what deadlines are judged against.
    public let time: Timestamp
    /// Set by `ledger.genesis` only.
    public var genesis: (origin: String, operatorKey: Ed25519PublicKey, policy: Policy)?
    public var accounts: [AccountPath: Account] = [:]
    public var parties: [Party] = []
    public var keys: [RegisteredKey] = []
    public var needs: [Need] = []
    public var pledges: [Pledge] = []
    public var offers: [Offer] = []
    public var motions: [Motion] = []
    public var voices: [HearingVoice] = []
    /// A policy a passed motion put in force.
    public var policy: Policy?
    public var transfers: [TransferRecord] = []
    /// Cash given and not refunded, per contributor and fund account, after
    /// this transaction, for the keys it changed.
    public var contributions: [ContributionKey: Int64] = [:]
    /// The external reference this transaction booked, with its sequence.
    public var references: [ReferenceKey: UInt64] = [:]
    /// The entry this transaction reversed.
    public var reversals: [Reversal] = []

    init(sequence: UInt64, time: Timestamp) {
        self.sequence = sequence
        self.time = time
    }
}
