import Dispatch
public import MicroFundLedger
import MicroFundCrypto
import Synchronization

/// What happened to one submitted envelope.
public enum SubmissionOutcome: Sendable, Equatable {
    /// Appended at this sequence number.
    case accepted(sequence: UInt64, id: String)
    /// Already in the journal with the same content: the original outcome,
    /// and nothing appended.
    case duplicate(sequence: UInt64, id: String)
    /// Rejected: nothing changed.
    case rejected(id: String?, LedgerError)

    /// The error, when rejected.
    public var error: LedgerError? {
        if case .rejected(_, let error) = self { error } else { nil }
    }
}

/// The one write path (DESIGN.md §2): envelope → decode → verify
/// signatures → authorize → validate against the ledger → apply → append to
/// the journal → commit. The CLI, the HTTP service and bulk import all
/// submit through here.
public final class Ledger: Sendable {
    /// Most envelopes committed in one database transaction (DESIGN.md §10:
    /// a limit on every batch). Larger submissions are split into groups,
    /// and the next group is decoded and its signatures checked while the
    /// current one is applied and committed.
    public static let batchCountMax = 1_024

    public let store: any LedgerStore
    private let state: Mutex<WriterState>

    /// What the single writer owns: the ledger state, the journal's Merkle
    /// frontier, and a hashing context reused for every leaf.
    private struct WriterState {
        var ledger: LedgerState
        var tree: MerkleFrontier
        let hasher: SHA256
    }

    /// Opens the ledger a store holds, filling in its Merkle tree from the
    /// journal if the store has fewer leaves than entries.
    public init(store: any LedgerStore) throws(LedgerError) {
        self.store = store
        let ledger = try store.loadState()
        let hasher: SHA256
        do { hasher = try SHA256() } catch { throw LedgerError(.storeFailure, "\(error)") }
        let tree = try JournalTree.restore(store: store, journalSize: ledger.sequence, using: hasher)
        self.state = Mutex(WriterState(ledger: ledger, tree: tree, hasher: hasher))
    }

    /// A consistent copy of the ledger's current state.
    public var snapshot: LedgerState {
        state.withLock { $0.ledger }
    }

    /// The journal's size and Merkle root as of now: what a checkpoint signs.
    public func treeHead() throws(LedgerError) -> (size: UInt64, rootHash: [UInt8]) {
        try state.withLock { (state) throws(LedgerError) in
            do { return (state.tree.size, try state.tree.root(using: state.hasher)) } catch {
                throw LedgerError(.storeFailure, "\(error)")
            }
        }
    }

    /// Submits one envelope as received on the wire.
    public func submit(_ raw: [UInt8]) -> SubmissionOutcome {
        submit([raw])[0]
    }

    /// Submits envelopes in order. Each is accepted or rejected on its own;
    /// accepted ones are durable when this returns.
    public func submit(_ raw: [[UInt8]]) -> [SubmissionOutcome] {
        let groups = stride(from: 0, to: raw.count, by: Ledger.batchCountMax).map { start in
            Array(raw[start..<min(start + Ledger.batchCountMax, raw.count)])
        }
        guard !groups.isEmpty else { return [] }
        var outcomes: [SubmissionOutcome] = []
        outcomes.reserveCapacity(raw.count)
        var (decoded, known) = Preverifier.decode(groups[0], state: snapshot, known: [:])
        for index in groups.indices {
            // Overlap: check the next group's signatures on the other cores
            // while this group is applied and made durable.
            let next = index + 1 < groups.count ? groups[index + 1] : nil
            let pending = Mutex<([Result<Envelope, LedgerError>], [String: Ed25519PublicKey])?>(nil)
            let work = DispatchGroup()
            if let next {
                // Keys as of now: the commit below holds the state lock.
                let keys = snapshot
                DispatchQueue.global().async(group: work) { [known] in
                    let result = Preverifier.decode(next, state: keys, known: known)
                    pending.withLock { $0 = result }
                }
            }
            outcomes += commit(decoded)
            work.wait()
            (decoded, known) = pending.withLock { $0 } ?? ([], known)
        }
        return outcomes
    }

    private func commit(_ decoded: [Result<Envelope, LedgerError>]) -> [SubmissionOutcome] {
        let ids = decoded.compactMap { try? $0.get().id }
        let prior: [String: PriorOutcome]
        do {
            prior = try store.priorOutcomes(envelopeIDs: ids)
        } catch {
            return decoded.map { .rejected(id: try? $0.get().id, error) }
        }
        return state.withLock { state in
            let before = (state.ledger, state.tree)
            var outcomes: [SubmissionOutcome] = []
            var accepted: [AcceptedTransaction] = []
            var seen = prior
            for result in decoded {
                outcomes.append(admit(result, into: &state, seen: &seen, accepted: &accepted))
            }
            guard !accepted.isEmpty else { return outcomes }
            do throws(LedgerError) {
                try store.append(accepted)
            } catch {
                // The store kept nothing, so neither may the state.
                (state.ledger, state.tree) = before
                return outcomes.map { outcome in
                    if case .accepted(_, let id) = outcome { return .rejected(id: id, error) }
                    return outcome
                }
            }
            return outcomes
        }
    }

    private func admit(
        _ result: Result<Envelope, LedgerError>, into state: inout WriterState,
        seen: inout [String: PriorOutcome], accepted: inout [AcceptedTransaction]
    ) -> SubmissionOutcome {
        let envelope: Envelope
        switch result {
        case .failure(let error): return .rejected(id: nil, error)
        case .success(let value): envelope = value
        }
        do throws(LedgerError) {
            if let prior = seen[envelope.id] {
                guard prior.contentHash == envelope.contentHash else {
                    throw LedgerError(.idConflict, "id \(envelope.id) was already used, at sequence \(prior.sequence), for other content")
                }
                return .duplicate(sequence: prior.sequence, id: envelope.id)
            }
            // Hash first, on a copy of the small frontier, and apply last: apply
            // changes nothing when it throws, so neither does this envelope.
            let entry = JournalEntry(sequence: state.ledger.sequence + 1, envelope: envelope)
            var tree = state.tree
            let nodes: [MerkleFrontier.Node]
            do {
                nodes = try tree.append(leafHash: Merkle.leafHash(entry.bytes, using: state.hasher), using: state.hasher)
            } catch {
                throw LedgerError(.storeFailure, "hashing failed: \(error)")
            }
            let changes = try state.ledger.apply(envelope)
            state.tree = tree
            accepted.append(AcceptedTransaction(entry: entry, changes: changes, treeNodes: nodes))
            seen[envelope.id] = PriorOutcome(sequence: changes.sequence, contentHash: envelope.contentHash)
            return .accepted(sequence: changes.sequence, id: envelope.id)
        } catch {
            return .rejected(id: envelope.id, error)
        }
    }
}
