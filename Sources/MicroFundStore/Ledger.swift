import Dispatch
public import MicroFundLedger
import MicroFundCrypto
import Synchronization

/// Where the time each accepted entry records comes from (docs/protocol.md
/// §6.1): the time the ledger vouches for, against which every deadline is
/// judged. Entry times never go back: an entry is stamped with the later of
/// this source's time and its predecessor's.
public enum AcceptanceTime: Sendable {
    /// The service's clock at acceptance: for every live submission.
    case clock(@Sendable () -> Timestamp)
    /// Each envelope's own `ts`: only for replaying a history prepared
    /// beforehand (the demo fixture, tests, benchmarks), whose authors'
    /// times are the times it happened.
    case authorTimes
}

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
    /// Where entry times come from.
    public let acceptanceTime: AcceptanceTime
    private let state: Mutex<WriterState>

    /// What the single writer owns: the ledger state, the journal's Merkle
    /// frontier, and a hashing context reused for every leaf.
    private struct WriterState {
        var ledger: LedgerState
        var tree: MerkleFrontier
        let hasher: SHA256
    }

    /// Opens the ledger a store holds. State and tree are read from one
    /// snapshot, so a process appending meanwhile cannot make them
    /// disagree; if the stored tree has fewer leaves than the journal (a
    /// ledger from before the tree was stored), the rest is filled in.
    /// A store without a genesis entry is not a ledger: `create` makes one.
    public convenience init(store: any LedgerStore, time: AcceptanceTime) throws(LedgerError) {
        try self.init(opening: store, time: time)
        guard state.withLock({ $0.ledger.sequence }) > 0 else {
            throw LedgerError(.ledgerCorrupt, "the ledger has no genesis entry; `microfund init` creates ledgers")
        }
    }

    private init(opening store: any LedgerStore, time: AcceptanceTime) throws(LedgerError) {
        self.store = store
        self.acceptanceTime = time
        let hasher: SHA256
        do { hasher = try SHA256() } catch { throw LedgerError(.storeFailure, "\(error)") }
        let snapshot = try store.snapshot()
        let ledger = try snapshot.loadState()
        let tree = try JournalTree.restore(reading: snapshot, filling: store, journalSize: ledger.sequence, using: hasher)
        self.state = Mutex(WriterState(ledger: ledger, tree: tree, hasher: hasher))
    }

    /// Makes a new ledger in an empty store from its signed genesis
    /// envelope: the only way genesis enters a journal.
    public static func create(store: any LedgerStore, genesis: [UInt8], time: AcceptanceTime) throws(LedgerError) -> Ledger {
        let ledger = try Ledger(opening: store, time: time)
        guard ledger.state.withLock({ $0.ledger.sequence }) == 0 else {
            throw LedgerError(.genesisRepeated, "the store already holds a ledger")
        }
        let envelope = try Envelope.decode(genesis)
        guard case .genesis = envelope.body else {
            throw LedgerError(.genesisRequired, "a ledger starts with ledger.genesis")
        }
        if case .rejected(_, let error) = ledger.submit(genesis) { throw error }
        return ledger
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
            do throws(StoreError) {
                // Under the store's write lock: catch up with what other
                // writers appended, then decide every envelope against the
                // journal as it now stands.
                try store.append(after: state.ledger.sequence) { (newer, journal) throws(LedgerError) in
                    var seen = prior
                    try catchUp(with: newer, state: &state, seen: &seen, journal: journal)
                    var accepted: [AcceptedTransaction] = []
                    outcomes = decoded.map { admit($0, into: &state, seen: &seen, accepted: &accepted, journal: journal) }
                    return accepted
                }
            } catch {
                // The store kept nothing, so neither may the state.
                (state.ledger, state.tree) = before
                let failure = error.ledgerError
                return decoded.map { result in
                    switch result {
                    case .failure(let error): .rejected(id: nil, error)
                    case .success(let envelope): .rejected(id: envelope.id, failure)
                    }
                }
            }
            return outcomes
        }
    }

    /// Applies entries another writer appended, as `verify` would: each is
    /// decoded from its stored bytes and checked by the ledger's rules.
    private func catchUp(
        with newer: [StoredEntry], state: inout WriterState, seen: inout [String: PriorOutcome], journal: (UInt64) throws(LedgerError) -> StoredEntry?
    ) throws(LedgerError) {
        let history: JournalHistory = { (sequence) throws(LedgerError) in
            try journal(sequence).map { (row) throws(LedgerError) in try JournalEntry.decodeParts(row.bytes).envelope }
        }
        for stored in newer {
            let (sequence, time, envelope) = try JournalEntry.decodeParts(stored.bytes)
            guard sequence == state.ledger.sequence + 1, sequence == stored.sequence else {
                throw LedgerError(.ledgerCorrupt, "journal entry \(state.ledger.sequence + 1) is missing")
            }
            do {
                _ = try state.ledger.apply(envelope, at: time, history: history)
            } catch {
                throw LedgerError(.ledgerCorrupt, "journal entry \(sequence), appended by another process, does not apply: \(error.message)")
            }
            do {
                _ = try state.tree.append(leafHash: Merkle.leafHash(stored.bytes, using: state.hasher), using: state.hasher)
            } catch {
                throw LedgerError(.storeFailure, "hashing failed: \(error)")
            }
            seen[envelope.id] = PriorOutcome(sequence: sequence, contentHash: envelope.contentHash)
        }
    }

    private func admit(
        _ result: Result<Envelope, LedgerError>, into state: inout WriterState,
        seen: inout [String: PriorOutcome], accepted: inout [AcceptedTransaction], journal: (UInt64) throws(LedgerError) -> StoredEntry?
    ) -> SubmissionOutcome {
        let envelope: Envelope
        switch result {
        case .failure(let error): return .rejected(id: nil, error)
        case .success(let value): envelope = value
        }
        do throws(LedgerError) {
            if let prior = seen[envelope.id] {
                // Signatures come first (docs/protocol.md §4): no answer about
                // an id is given for an envelope whose signatures fail.
                try state.ledger.checkLedger(envelope)
                try state.ledger.checkSignatures(envelope)
                // Other content under a used id is judged like any new
                // envelope first: a time too far from the ledger's is
                // timestamp_skew (docs/protocol.md §4), then id_conflict.
                // The same content is the original's answer, however old.
                if prior.contentHash != envelope.contentHash {
                    try state.ledger.checkAuthorTime(envelope, acceptedAt: entryTime(for: envelope, after: state.ledger.time))
                }
                guard prior.contentHash == envelope.contentHash else {
                    throw LedgerError(.idConflict, "id \(envelope.id) was already used, at sequence \(prior.sequence), for other content")
                }
                return .duplicate(sequence: prior.sequence, id: envelope.id)
            }
            // Hash first, on a copy of the small frontier, and apply last: apply
            // changes nothing when it throws, so neither does this envelope.
            let entry = JournalEntry(sequence: state.ledger.sequence + 1, time: entryTime(for: envelope, after: state.ledger.time), envelope: envelope)
            var tree = state.tree
            let nodes: [MerkleFrontier.Node]
            do {
                nodes = try tree.append(leafHash: Merkle.leafHash(entry.bytes, using: state.hasher), using: state.hasher)
            } catch {
                throw LedgerError(.storeFailure, "hashing failed: \(error)")
            }
            // The envelopes a reversal may name: this group's, not in the
            // store yet, and the journal's.
            let group = accepted
            let changes = try state.ledger.apply(envelope, at: entry.time) { (sequence) throws(LedgerError) in
                if let own = group.first(where: { $0.entry.sequence == sequence }) { return own.entry.envelope }
                return try journal(sequence).map { (row) throws(LedgerError) in try JournalEntry.decodeParts(row.bytes).envelope }
            }
            state.tree = tree
            accepted.append(AcceptedTransaction(entry: entry, changes: changes, treeNodes: nodes))
            seen[envelope.id] = PriorOutcome(sequence: changes.sequence, contentHash: envelope.contentHash)
            return .accepted(sequence: changes.sequence, id: envelope.id)
        } catch {
            return .rejected(id: envelope.id, error)
        }
    }

    /// The time an entry records: the source's, never before the last entry's.
    private func entryTime(for envelope: Envelope, after last: Timestamp?) -> Timestamp {
        let now: Timestamp
        switch acceptanceTime {
        case .clock(let clock): now = clock()
        case .authorTimes: now = envelope.timestamp
        }
        guard let last, last > now else { return now }
        return last
    }
}
