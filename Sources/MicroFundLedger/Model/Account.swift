/// An account's four balances, as TigerBeetle keeps them. Pending amounts
/// are reserved but not yet final; posted amounts are final.
public struct Account: Sendable, Equatable {
    public var debitsPending: Int64 = 0
    public var debitsPosted: Int64 = 0
    public var creditsPending: Int64 = 0
    public var creditsPosted: Int64 = 0

    public init(debitsPending: Int64 = 0, debitsPosted: Int64 = 0, creditsPending: Int64 = 0, creditsPosted: Int64 = 0) {
        self.debitsPending = debitsPending
        self.debitsPosted = debitsPosted
        self.creditsPending = creditsPending
        self.creditsPosted = creditsPosted
    }

    /// Posted credits minus posted debits: what the account holds now.
    /// Both are non-negative, so the difference always fits.
    public var balance: Int64 { creditsPosted - debitsPosted }

    /// What may still be debited from a protected account: posted credits
    /// minus every debit, pending ones included. In 128 bits: an
    /// unprotected account's debits may together exceed 2^63 − 1.
    public var available: Int128 { Int128(creditsPosted) - Int128(debitsPosted) - Int128(debitsPending) }
}
