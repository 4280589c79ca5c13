/// The transfers of one transaction, applied to a scratch copy of the
/// accounts they touch so that either all of them land or none does.
struct TransferPlan {
    private let base: [AccountPath: Account]
    private let baseContributions: [ContributionKey: Int64]
    private(set) var scratch: [AccountPath: Account] = [:]
    private(set) var records: [TransferRecord] = []
    /// Contributions this plan changed, as their values after it.
    private(set) var contributions: [ContributionKey: Int64] = [:]

    init(accounts: [AccountPath: Account], contributions: [ContributionKey: Int64]) {
        base = accounts
        baseContributions = contributions
    }

    /// Cash `party` gave to `account` (the pool or an earmark) and has not
    /// had refunded.
    func contribution(of party: String, to account: AccountPath) -> Int64 {
        let key = ContributionKey(party: party, account: account)
        return contributions[key] ?? baseContributions[key] ?? 0
    }

    /// Keeps `contributions` in step with every posted amount of cash
    /// between a party's source account and the fund: given when it
    /// leaves the party, taken back when a refund returns it.
    private mutating func track(debit: AccountPath, credit: AccountPath, posted amount: Int64) {
        switch (debit, credit) {
        case (.party(let party, .cny), .pool(.cny)), (.party(let party, .cny), .earmark(_, .cny)):
            let key = ContributionKey(party: party, account: credit)
            contributions[key] = contribution(of: party, to: credit) + amount
        case (.pool(.cny), .party(let party, .cny)), (.earmark(_, .cny), .party(let party, .cny)):
            let key = ContributionKey(party: party, account: debit)
            let left = contribution(of: party, to: debit) - amount
            precondition(left >= 0, "a refund larger than the contribution passed validation")
            contributions[key] = left
        default:
            return
        }
    }

    private func current(_ path: AccountPath) -> Account {
        scratch[path] ?? base[path] ?? Account()
    }

    /// A transfer that is final at once.
    mutating func post(debit: AccountPath, credit: AccountPath, amount: Int64) throws(LedgerError) {
        try move(debit: debit, credit: credit, amount: amount, phase: .posted)
    }

    /// Opens a reservation: its amount is held on both sides.
    mutating func open(_ pending: PendingTransfer) throws(LedgerError) {
        try move(debit: pending.debit, credit: pending.credit, amount: pending.amount, phase: .pending)
    }

    /// Closes a reservation: `posted` of it becomes final, the rest is released.
    mutating func close(_ pending: PendingTransfer, posted: Int64) throws(LedgerError) {
        try settle(debit: pending.debit, credit: pending.credit, pending: pending.amount, posted: posted, pendingID: pending.id)
    }

    /// Settles a pending transfer of `pending`: `posted` of it becomes
    /// final, the rest is released.
    private mutating func settle(debit: AccountPath, credit: AccountPath, pending: Int64, posted: Int64, pendingID: String) throws(LedgerError) {
        precondition(posted >= 0 && posted <= pending, "settling more than was pending")
        var debitAccount = current(debit)
        var creditAccount = current(credit)
        precondition(debitAccount.debitsPending >= pending && creditAccount.creditsPending >= pending, "pending amount missing from its accounts")
        debitAccount.debitsPending -= pending
        creditAccount.creditsPending -= pending
        debitAccount.debitsPosted = try add(debitAccount.debitsPosted, posted)
        creditAccount.creditsPosted = try add(creditAccount.creditsPosted, posted)
        scratch[debit] = debitAccount
        scratch[credit] = creditAccount
        if posted > 0 {
            track(debit: debit, credit: credit, posted: posted)
            records.append(TransferRecord(debit: debit, credit: credit, amount: posted, phase: .postPending, pendingID: pendingID))
        }
        if pending - posted > 0 {
            records.append(TransferRecord(debit: debit, credit: credit, amount: pending - posted, phase: .voidPending, pendingID: pendingID))
        }
    }

    private mutating func move(debit: AccountPath, credit: AccountPath, amount: Int64, phase: TransferRecord.Phase) throws(LedgerError) {
        precondition(amount > 0 && debit != credit && debit.asset == credit.asset, "malformed transfer")
        var debitAccount = current(debit)
        var creditAccount = current(credit)
        if phase == .pending {
            debitAccount.debitsPending = try add(debitAccount.debitsPending, amount)
            creditAccount.creditsPending = try add(creditAccount.creditsPending, amount)
        } else {
            debitAccount.debitsPosted = try add(debitAccount.debitsPosted, amount)
            creditAccount.creditsPosted = try add(creditAccount.creditsPosted, amount)
        }
        if debit.isOverdraftProtected, debitAccount.available < 0 {
            throw LedgerError(.overdraft, "\(debit) would be overdrawn counting pending debits", subject: debit.description)
        }
        scratch[debit] = debitAccount
        scratch[credit] = creditAccount
        if phase == .posted { track(debit: debit, credit: credit, posted: amount) }
        records.append(TransferRecord(debit: debit, credit: credit, amount: amount, phase: phase))
    }

    private func add(_ lhs: Int64, _ rhs: Int64) throws(LedgerError) -> Int64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow else { throw LedgerError(.balanceOverflow, "a balance would exceed 2^63 − 1") }
        return sum
    }
}
