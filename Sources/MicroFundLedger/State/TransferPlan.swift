/// The transfers of one transaction, applied to a scratch copy of the
/// accounts they touch so that either all of them land or none does.
struct TransferPlan {
    private let base: [AccountPath: Account]
    private(set) var scratch: [AccountPath: Account] = [:]
    private(set) var records: [TransferRecord] = []

    init(accounts: [AccountPath: Account]) {
        base = accounts
    }

    private func current(_ path: AccountPath) -> Account {
        scratch[path] ?? base[path] ?? Account()
    }

    /// A transfer that is final at once.
    mutating func post(debit: AccountPath, credit: AccountPath, amount: Int64) throws(LedgerError) {
        try move(debit: debit, credit: credit, amount: amount, phase: .posted)
    }

    /// A pending transfer: the amount is reserved on both sides.
    mutating func reserve(debit: AccountPath, credit: AccountPath, amount: Int64) throws(LedgerError) {
        try move(debit: debit, credit: credit, amount: amount, phase: .pending)
    }

    /// Settles a pending transfer of `pending`: `posted` of it becomes
    /// final, the rest is released.
    mutating func settle(debit: AccountPath, credit: AccountPath, pending: Int64, posted: Int64, pendingID: String) throws(LedgerError) {
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
            throw LedgerError(.overdraft, "\(debit) would be overdrawn counting pending debits")
        }
        scratch[debit] = debitAccount
        scratch[credit] = creditAccount
        records.append(TransferRecord(debit: debit, credit: credit, amount: amount, phase: phase))
    }

    private func add(_ lhs: Int64, _ rhs: Int64) throws(LedgerError) -> Int64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow else { throw LedgerError(.balanceOverflow, "a balance would exceed 2^63 − 1") }
        return sum
    }
}
