/// A correction (冲正): entry `original` was undone by entry `sequence`,
/// which posted its transfers' mirror images, for `reason`. The original
/// stays in the journal as it was; listings and reports mark it reversed.
public struct Reversal: Sendable, Equatable {
    /// The entry undone.
    public let original: UInt64
    /// The `entry.reverse` that undid it.
    public let sequence: UInt64
    public let reason: String

    public init(original: UInt64, sequence: UInt64, reason: String) {
        self.original = original
        self.sequence = sequence
        self.reason = reason
    }
}
