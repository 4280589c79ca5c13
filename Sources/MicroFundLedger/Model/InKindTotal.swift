/// A sum of in-kind pledge movements (LABOUR, EXPERTISE, SPACE) from one
/// party to one need in one phase; for releases (`void_pending`), whether
/// the pledge was cancelled or expired.
public struct InKindTotal: Sendable, Equatable {
    public let party: String
    public let need: String
    public let asset: Asset
    public let phase: TransferRecord.Phase
    /// For `void_pending`: the released pledge's state (cancelled or expired).
    public let released: Pledge.State?
    public let amount: Int128

    public init(party: String, need: String, asset: Asset, phase: TransferRecord.Phase, released: Pledge.State?, amount: Int128) {
        self.party = party
        self.need = need
        self.asset = asset
        self.phase = phase
        self.released = released
        self.amount = amount
    }
}
