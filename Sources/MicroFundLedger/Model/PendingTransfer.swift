/// A reservation: money or resources held on both sides of a transfer
/// until it is posted (wholly or in part) or voided. Pledges and
/// disbursements both hold theirs as this one record, opened and closed by
/// `TransferPlan`, so a reservation is settled for exactly what was
/// reserved, whatever changed since (the policy's reserve share, say).
public struct PendingTransfer: Sendable, Equatable {
    /// A pledge's id; a disbursement's motion id with `#paid` or `#reserve`.
    public let id: String
    public let debit: AccountPath
    public let credit: AccountPath
    public let amount: Int64
    /// When it lapses unless settled: a pledge's or a motion's deadline.
    public let expiry: Timestamp
    /// The journal entry that opened it.
    public let openedAt: UInt64

    public init(id: String, debit: AccountPath, credit: AccountPath, amount: Int64, expiry: Timestamp, openedAt: UInt64) {
        precondition(amount > 0, "a reservation holds a positive amount")
        self.id = id
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.expiry = expiry
        self.openedAt = openedAt
    }

    /// As a motion record keeps it.
    public var json: JSONValue {
        .object([
            "id": .string(id), "debit": .string(debit.description), "credit": .string(credit.description),
            "amount": .integer(amount), "expiry": .string(expiry.text), "openedAt": .integer(Int64(openedAt)),
        ])
    }

    public init?(json: JSONValue) {
        guard let object = json.objectValue, let id = object["id"]?.stringValue,
              let debit = object["debit"]?.stringValue.flatMap(AccountPath.init), let credit = object["credit"]?.stringValue.flatMap(AccountPath.init),
              case .number(let amountNumber)? = object["amount"], let amount = amountNumber.int64, amount > 0,
              let expiry = object["expiry"]?.stringValue.flatMap(Timestamp.init),
              case .number(let openedNumber)? = object["openedAt"], let openedAt = openedNumber.int64
        else { return nil }
        self.init(id: id, debit: debit, credit: credit, amount: amount, expiry: expiry, openedAt: UInt64(openedAt))
    }
}
