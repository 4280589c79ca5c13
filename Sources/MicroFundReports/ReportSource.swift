public import MicroFundLedger

/// What reports are computed from: one read snapshot of the ledger at a
/// point (`sequence`), with the balances at that point (from stored
/// versions, not a replay), the latest state for names, and access to the
/// stored transfers of any range of entries.
public struct ReportSource: Sendable {
    public let ledger: String
    /// The ledger as of its last entry: names, titles, kinds, pledges,
    /// motions and the policy.
    public let state: LedgerState
    public let sequence: UInt64
    public let time: Timestamp?
    public let root: [UInt8]
    /// Every account's balances just after entry `sequence`.
    public let balances: [AccountPath: Account]
    /// The stored transfers of entries `range`, in journal order.
    public let transfers: @Sendable (ClosedRange<UInt64>) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)]
    /// Balances just after any earlier entry (for a statement's opening).
    public let balancesAt: @Sendable (UInt64) throws(LedgerError) -> [AccountPath: Account]
    /// The time of any entry (nil where not known).
    public let timeOf: @Sendable (UInt64) throws(LedgerError) -> Timestamp?
    /// Entries' inclusion proofs in the tree of size `sequence` (RFC 9162
    /// audit paths), when the source can give them.
    public let proofsOf: (@Sendable ([UInt64]) throws(LedgerError) -> [UInt64: [[UInt8]]])?
    /// A motion by id, for a source whose state holds no motions.
    public let motionOf: @Sendable (String) throws(LedgerError) -> Motion?
    /// One party's transfers up to an entry, from the store's account
    /// indexes; otherwise `transfers(ofParty:)` filters all transfers.
    let partyProvider: (@Sendable (String, UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)])?
    /// In-kind pledge movement totals up to an entry, from the store;
    /// otherwise `inKind(through:)` sums the transfers with the state's pledges.
    let inKindProvider: (@Sendable (UInt64) throws(LedgerError) -> [InKindTotal])?
    /// The pledges pending just after an entry, from the store; otherwise
    /// `pendingPledges(at:)` reads them from the state.
    let pendingProvider: (@Sendable (UInt64) throws(LedgerError) -> [Pledge])?
    /// The store's sums of a range of entries' payouts and reserve shares,
    /// when it has such a query; otherwise `payouts(_:)` lists transfers.
    let payoutsProvider: (@Sendable (ClosedRange<UInt64>) throws(LedgerError) -> [TransferTotal])?

    public init(
        ledger: String, state: LedgerState, sequence: UInt64, time: Timestamp?, root: [UInt8], balances: [AccountPath: Account],
        transfers: @escaping @Sendable (ClosedRange<UInt64>) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)],
        balancesAt: @escaping @Sendable (UInt64) throws(LedgerError) -> [AccountPath: Account],
        timeOf: @escaping @Sendable (UInt64) throws(LedgerError) -> Timestamp? = { _ in nil },
        motionOf: (@Sendable (String) throws(LedgerError) -> Motion?)? = nil,
        payouts: (@Sendable (ClosedRange<UInt64>) throws(LedgerError) -> [TransferTotal])? = nil,
        proofsOf: (@Sendable ([UInt64]) throws(LedgerError) -> [UInt64: [[UInt8]]])? = nil,
        pendingPledges: (@Sendable (UInt64) throws(LedgerError) -> [Pledge])? = nil,
        partyTransfers: (@Sendable (String, UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)])? = nil,
        inKind: (@Sendable (UInt64) throws(LedgerError) -> [InKindTotal])? = nil
    ) {
        self.partyProvider = partyTransfers
        self.inKindProvider = inKind
        self.pendingProvider = pendingPledges
        self.proofsOf = proofsOf
        self.payoutsProvider = payouts
        self.timeOf = timeOf
        self.motionOf = motionOf ?? { [motions = state.motions] id in motions[id] }
        self.ledger = ledger
        self.state = state
        self.sequence = sequence
        self.time = time
        self.root = root
        self.balances = balances
        self.transfers = transfers
        self.balancesAt = balancesAt
    }

    /// The posted movements into payees' accounts and reserves of a range
    /// of entries (summed per debit, credit, phase and pending id by a
    /// provider; one per transfer without one).
    func payouts(_ range: ClosedRange<UInt64>) throws(LedgerError) -> [TransferTotal] {
        if let payoutsProvider { return try payoutsProvider(range) }
        return try transfers(range).filter { item in
            guard item.record.phase == .posted || item.record.phase == .postPending else { return false }
            switch item.record.credit {
            case .paid, .reserve: return true
            default: return false
            }
        }.map { item in
            TransferTotal(debit: item.record.debit, credit: item.record.credit, phase: item.record.phase,
                          pendingID: item.record.pendingID, amount: Int128(item.record.amount))
        }
    }

    /// `party`'s transfers up to this point, in journal order.
    func transfers(ofParty party: String) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] {
        if let partyProvider { return try partyProvider(party, sequence) }
        guard sequence > 0 else { return [] }
        return try transfers(1...sequence).filter { item in
            if case .party(party, _) = item.record.debit { return true }
            if case .party(party, _) = item.record.credit { return true }
            return false
        }
    }

    /// In-kind pledge movements up to this point, summed.
    func inKind() throws(LedgerError) -> [InKindTotal] {
        if let inKindProvider { return try inKindProvider(sequence) }
        guard sequence > 0 else { return [] }
        return try transfers(1...sequence).compactMap { item in
            guard item.record.asset != .cny, case .party(let party, let asset) = item.record.debit, case .need(let need, _) = item.record.credit else { return nil }
            let released = item.record.phase == .voidPending ? state.pledges[item.record.pendingID ?? ""]?.state : nil
            return InKindTotal(party: party, need: need, asset: asset, phase: item.record.phase, released: released, amount: Int128(item.record.amount))
        }
    }

    /// Pledges pending just after entry `sequence`.
    func pendingPledges(at sequence: UInt64) throws(LedgerError) -> [Pledge] {
        if let pendingProvider { return try pendingProvider(sequence) }
        return state.pledges.values.filter { $0.madeAt <= sequence && ($0.settledAt.map { $0 > sequence } ?? true) }
    }

    func report(_ kind: Report.Kind, _ sections: [Section], checks: [Report.Check] = []) -> Report {
        Report(kind: kind, ledger: ledger, size: sequence, root: root, time: time, sections: sections, checks: checks)
    }

    /// A party by display name (never personal fields), or its id.
    func party(_ id: String) -> Cell { .name(state.parties[id]?.name ?? id, id: id) }
    /// A need by title.
    func need(_ id: String) -> Cell { .name(state.needs[id]?.title ?? id, id: id) }

    /// The need a disbursement's reservation (`<motion>#paid` or
    /// `#reserve`) pays for.
    func needOfReservation(_ id: String) throws(LedgerError) -> String? {
        let motion = id.split(separator: "#").first.map(String.init) ?? id
        guard case .disburse(let need, _, _, _) = try motionOf(motion)?.action else { return nil }
        return need
    }
}

extension AccountPath {
    /// Money of the fund: the pool, earmarks and reserves.
    var isFund: Bool {
        switch self {
        case .pool(.cny), .earmark, .reserve: true
        default: false
        }
    }
}
