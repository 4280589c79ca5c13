/// A sum of transfers with the same debit, credit, phase and pending id.
public struct TransferTotal: Sendable, Equatable {
    public let debit: AccountPath
    public let credit: AccountPath
    public let phase: TransferRecord.Phase
    public let pendingID: String?
    public let amount: Int128

    public init(debit: AccountPath, credit: AccountPath, phase: TransferRecord.Phase, pendingID: String?, amount: Int128) {
        self.debit = debit
        self.credit = credit
        self.phase = phase
        self.pendingID = pendingID
        self.amount = amount
    }
}
