public import MicroFundCrypto
public import MicroFundLedger

/// The journal folded again from its first entry, as `verify` folds it:
/// each entry decoded from its stored bytes and applied by the ledger's
/// rules, with the `Changes` it made. What every default query of
/// `JournalReader` and `ReportQueries` is computed from.
public enum JournalReplay {
    /// Replays entries 1 through `last` (all when past the end), calling
    /// `visit` with each entry's sequence number and changes; returns the
    /// state reached.
    @discardableResult
    public static func run(
        _ reader: some JournalReader, through last: UInt64 = .max,
        _ visit: (UInt64, Changes) throws(LedgerError) -> Void = { _, _ in }
    ) throws(LedgerError) -> LedgerState {
        var state = LedgerState()
        var envelopes: [Envelope] = []
        var next: UInt64 = 1
        while next <= last {
            let rows = try reader.entries(from: next, limit: Int(min(4_096, last - next + 1)))
            guard !rows.isEmpty else { break }
            for row in rows {
                let (sequence, time, envelope) = try JournalEntry.decodeParts(row.bytes)
                guard sequence == next, sequence == row.sequence else {
                    throw LedgerError(.ledgerCorrupt, "journal entry \(next) is missing")
                }
                let history: JournalHistory = { (sequence) throws(LedgerError) in
                    sequence >= 1 && sequence <= UInt64(envelopes.count) ? envelopes[Int(sequence - 1)] : nil
                }
                let changes: Changes
                do { changes = try state.apply(envelope, at: time, history: history) } catch {
                    throw LedgerError(.ledgerCorrupt, "journal entry \(sequence) does not apply: \(error.message)")
                }
                envelopes.append(envelope)
                try visit(sequence, changes)
                next += 1
            }
        }
        return state
    }

    /// Every entry's leaf hash, in order.
    static func leaves(_ reader: some JournalReader) throws(LedgerError) -> [[UInt8]] {
        let hasher: SHA256
        do { hasher = try SHA256() } catch { throw LedgerError(.storeFailure, "\(error)") }
        var leaves: [[UInt8]] = []
        var next: UInt64 = 1
        while true {
            let rows = try reader.entries(from: next, limit: 4_096)
            guard let last = rows.last else { break }
            for row in rows {
                do { leaves.append(try Merkle.leafHash(row.bytes, using: hasher)) } catch { throw LedgerError(.storeFailure, "\(error)") }
            }
            next = last.sequence + 1
        }
        return leaves
    }
}

/// The Merkle tree over leaf hashes held in memory: each complete subtree
/// computed once, on first use.
final class LeafTree: MerkleNodeSource {
    let leaves: [[UInt8]]
    private var cache: [Int: [UInt64: [UInt8]]] = [:]
    private let hasher: SHA256

    init(leaves: [[UInt8]]) throws(LedgerError) {
        self.leaves = leaves
        do { hasher = try SHA256() } catch { throw LedgerError(.storeFailure, "\(error)") }
    }

    func node(level: Int, index: UInt64) throws -> [UInt8] {
        guard level >= 0, level < 64, (index + 1) << UInt64(level) <= UInt64(leaves.count) else {
            throw LedgerError(.entryUnknown, "the tree of \(leaves.count) leaves has no complete subtree \(level)/\(index)")
        }
        if level == 0 { return leaves[Int(index)] }
        if let known = cache[level]?[index] { return known }
        let hash = try Merkle.nodeHash(node(level: level - 1, index: 2 * index), node(level: level - 1, index: 2 * index + 1), using: hasher)
        cache[level, default: [:]][index] = hash
        return hash
    }
}

extension JournalReader {
    public func loadState() throws(LedgerError) -> LedgerState { try JournalReplay.run(self) }

    public func priorOutcomes(envelopeIDs: [String]) throws(LedgerError) -> [String: PriorOutcome] {
        let wanted = Set(envelopeIDs)
        var found: [String: PriorOutcome] = [:]
        var next: UInt64 = 1
        while true {
            let rows = try entries(from: next, limit: 4_096)
            guard let last = rows.last else { break }
            for row in rows where wanted.contains(row.envelopeID) {
                found[row.envelopeID] = PriorOutcome(sequence: row.sequence, contentHash: row.contentHash)
            }
            next = last.sequence + 1
        }
        return found
    }

    public func treeSize() throws(LedgerError) -> UInt64 {
        var size: UInt64 = 0
        while let last = try entries(from: size + 1, limit: 4_096).last { size = last.sequence }
        return size
    }

    public func readTree<Result>(_ body: (any MerkleNodeSource) throws -> Result) throws(LedgerError) -> Result {
        let tree = try LeafTree(leaves: JournalReplay.leaves(self))
        do { return try body(tree) } catch let error as LedgerError { throw error } catch { throw LedgerError(.storeFailure, "\(error)") }
    }

    public func treeNodes(level: Int, from index: UInt64, limit: Int) throws(LedgerError) -> [(index: UInt64, hash: [UInt8])] {
        let tree = try LeafTree(leaves: JournalReplay.leaves(self))
        var nodes: [(index: UInt64, hash: [UInt8])] = []
        var at = index
        while nodes.count < limit, level < 64, (at + 1) << UInt64(level) <= UInt64(tree.leaves.count) {
            do { nodes.append((at, try tree.node(level: level, index: at))) } catch { throw LedgerError(.storeFailure, "\(error)") }
            at += 1
        }
        return nodes
    }
}

extension ReportQueries where Self: JournalReader {
    public func transfers(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredTransfer] {
        var rows: [StoredTransfer] = []
        try JournalReplay.run(self, through: last) { (sequence, changes) throws(LedgerError) in
            guard sequence >= first, rows.count < limit else { return }
            for (position, record) in changes.transfers.enumerated() where rows.count < limit {
                rows.append(StoredTransfer(
                    sequence: sequence, position: position, debit: Array(record.debit.description.utf8), credit: Array(record.credit.description.utf8),
                    asset: record.asset, amount: record.amount, phase: record.phase, pendingID: record.pendingID.map { Array($0.utf8) }))
            }
        }
        return rows
    }

    public func balances(at sequence: UInt64) throws(LedgerError) -> [AccountPath: Account] {
        try JournalReplay.run(self, through: sequence).accounts
    }

    public func accountVersions(from first: UInt64, through last: UInt64, limit: Int) throws(LedgerError) -> [StoredAccountVersion] {
        var rows: [StoredAccountVersion] = []
        try JournalReplay.run(self, through: last) { (sequence, changes) throws(LedgerError) in
            guard sequence >= first else { return }
            let versions = changes.accounts.map { (path: Array($0.key.description.utf8), balances: $0.value) }.sorted { $0.path.lexicographicallyPrecedes($1.path) }
            for version in versions where rows.count < limit {
                rows.append(StoredAccountVersion(sequence: sequence, path: version.path, balances: version.balances))
            }
        }
        return rows
    }

    public func loadDirectory() throws(LedgerError) -> LedgerState { try loadState() }

    public func motion(id: String) throws(LedgerError) -> Motion? { try loadState().motions[id] }

    public func payoutTotals(from first: UInt64, through last: UInt64) throws(LedgerError) -> [TransferTotal] {
        var sums: [TotalKey: Int128] = [:]
        try JournalReplay.run(self, through: last) { (sequence, changes) throws(LedgerError) in
            guard sequence >= first else { return }
            for record in changes.transfers where record.phase == .posted || record.phase == .postPending {
                switch record.credit {
                case .paid, .reserve: sums[TotalKey(record), default: 0] += Int128(record.amount)
                default: break
                }
            }
        }
        return sums.map { TransferTotal(debit: $0.key.debit, credit: $0.key.credit, phase: $0.key.phase, pendingID: $0.key.pendingID, amount: $0.value) }
    }

    public func pledges(pendingAt sequence: UInt64) throws(LedgerError) -> [Pledge] {
        try loadState().pledges.values.filter { $0.madeAt <= sequence && ($0.settledAt.map { $0 > sequence } ?? true) }
    }

    public func transfers(ofParty party: String, through last: UInt64) throws(LedgerError) -> [(sequence: UInt64, record: TransferRecord)] {
        var rows: [(sequence: UInt64, record: TransferRecord)] = []
        func owned(_ path: AccountPath) -> Bool { if case .party(party, _) = path { true } else { false } }
        try JournalReplay.run(self, through: last) { (sequence, changes) throws(LedgerError) in
            for record in changes.transfers {
                // Both sides, as the store's two indexes give them.
                if owned(record.debit) { rows.append((sequence, record)) }
                if owned(record.credit) { rows.append((sequence, record)) }
            }
        }
        return rows
    }

    public func inKindTotals(through last: UInt64) throws(LedgerError) -> [InKindTotal] {
        var sums: [InKindKey: Int128] = [:]
        var records: [(TransferRecord)] = []
        let state = try JournalReplay.run(self, through: .max) { (sequence, changes) throws(LedgerError) in
            guard sequence <= last else { return }
            records += changes.transfers
        }
        for record in records where record.asset != .cny {
            guard case .party(let party, let asset) = record.debit, case .need(let need, _) = record.credit else { continue }
            let released = record.phase == .voidPending ? record.pendingID.flatMap { state.pledges[$0]?.state } : nil
            sums[InKindKey(party: party, need: need, asset: asset, phase: record.phase, released: released), default: 0] += Int128(record.amount)
        }
        return sums.map { InKindTotal(party: $0.key.party, need: $0.key.need, asset: $0.key.asset, phase: $0.key.phase, released: $0.key.released, amount: $0.value) }
    }
}

private struct TotalKey: Hashable {
    let debit: AccountPath
    let credit: AccountPath
    let phase: TransferRecord.Phase
    let pendingID: String?

    init(_ record: TransferRecord) {
        debit = record.debit
        credit = record.credit
        phase = record.phase
        pendingID = record.pendingID
    }
}

private struct InKindKey: Hashable {
    let party: String
    let need: String
    let asset: Asset
    let phase: TransferRecord.Phase
    let released: Pledge.State?
}
