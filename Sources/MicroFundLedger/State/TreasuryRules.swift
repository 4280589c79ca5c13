/// Cash into the fund and back out to its donors.
extension LedgerState {
    func validateDonation(donor: String, amount: Int64, to destination: AccountPath, author: String, plan: inout TransferPlan) throws(LedgerError) {
        try require(.fundManager, of: author, for: "record donations")
        try requireParty(donor)
        try requireFundCash(destination)
        try plan.post(debit: .party(donor, .cny), credit: destination, amount: amount)
    }

    func validateRefund(donor: String, amount: Int64, from source: AccountPath, author: String, plan: inout TransferPlan) throws(LedgerError) {
        try require(.fundManager, of: author, for: "refund donations")
        try requireParty(donor)
        try requireFundCash(source)
        guard accounts[source] != nil else { throw LedgerError(.accountUnknown, "\(source) has never held anything") }
        // Only from where this donor's money went, up to what is left
        // there of it: not from an earmark it never gave to, nor from
        // the pool for money it gave to an earmark.
        guard amount <= plan.contribution(of: donor, to: source) else {
            throw LedgerError(.overdraft, "a refund from \(source) may not exceed what \(donor) gave to it and has not had refunded")
        }
        try plan.post(debit: source, credit: .party(donor, .cny), amount: amount)
    }

    /// Donations go to, and refunds come from, the pool or an existing
    /// need's earmark, in cash.
    private func requireFundCash(_ path: AccountPath) throws(LedgerError) {
        switch path {
        case .pool(.cny):
            return
        case .earmark(let need, .cny):
            guard needs[need] != nil else { throw LedgerError(.needUnknown, "need \(need) does not exist", subject: need) }
        case .pool, .earmark, .reserve, .need, .party, .paid:
            throw LedgerError(.invalidAccount, "\(path) is not fund:pool:CNY or a need's earmark")
        }
    }
}
