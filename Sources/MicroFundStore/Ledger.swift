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

/// What readers take of the ledger: one immutable state with the tree
/// head and size it matches, published by the writer after each commit.
public struct LedgerSnapshot: Sendable {
    public let state: LedgerState
    /// The journal's size (the state's sequence number) and Merkle root.
    public let size: UInt64
    public let rootHash: [UInt8]
}

/// The one write path (DESIGN.md §2): envelope → decode → verify
/// signatures → authorize → validate against the ledger → apply → append to
/// the journal → commit. The CLI, the HTTP service and bulk import all
/// submit through here.
///
/// Many callers at once: each decodes and pre-checks its envelopes' signatures
/// on its own (large batches on a pool of their own), then queues them.
/// One writer takes the queue in order and commits the submissions of many
/// callers in one durable transaction (group commit); each caller gets its
/// own outcomes when its group is durable. Idempotency is decided in the
/// writer's order, inside the write. After each commit the writer publishes
/// an immutable `LedgerSnapshot` that readers take without waiting for any
/// write.
public final class Ledger: Sendable {
    /// Most envelopes committed in one database transaction (DESIGN.md §12:
    /// a limit on every batch). Larger submissions are split into groups,
    /// and a caller's next group is decoded and its signatures checked
    /// while the writer commits the one before.
    public static let batchCountMax = 1_024
    /// How often the writer catches up and tries again when another writer
    /// moved the journal's head at commit, before it reports the group failed.
    public static let headMovedRetriesMax = 8

    public let store: any LedgerStore
    /// Where entry times come from.
    public let acceptanceTime: AcceptanceTime
    private let published: Mutex<LedgerSnapshot>
    private let queue = Mutex(SubmissionQueue())
    private let writer: Writer
    private let commits = Mutex(CommitCounts())
    private let commitObservers = Mutex<[@Sendable (_ envelopes: Int) -> Void]>([])

    /// Commits the writer made since opening and the envelopes they
    /// carried: what group commit achieved (envelopes ÷ groups).
    public struct CommitCounts: Sendable, Equatable {
        public var groups = 0
        public var envelopes = 0
    }

    public var commitCounts: CommitCounts { commits.withLock { $0 } }

    /// Calls `observer` after each durable commit with the number of
    /// envelopes its group held (a server's group-size histogram).
    public func observeCommits(_ observer: @escaping @Sendable (_ envelopes: Int) -> Void) {
        commitObservers.withLock { $0.append(observer) }
    }

    /// Catches up with entries other processes appended since the last
    /// commit, so the published snapshot includes them: an empty group
    /// through the writer, cheap when the journal has not moved (one read
    /// of its size first).
    public func catchUp() async throws(LedgerError) {
        let stored: UInt64
        do { stored = try await store.read { try $0.treeSize() } } catch { throw LedgerError.of(error) }
        guard stored > head.size else { return }
        let submission = Submission([])
        enqueue(submission)
        _ = await submission.outcomes()
    }

    /// Envelopes queued for the writer or in the commit under way: what
    /// callers wait for.
    public var pendingCount: Int {
        queue.withLock { $0.committing + $0.waiting.reduce(0) { $0 + $1.envelopes.count } }
    }

    /// Opens the ledger a store holds. State and tree are read from one
    /// snapshot, so a process appending meanwhile cannot make them
    /// disagree; if the stored tree has fewer leaves than the journal (a
    /// ledger from before the tree was stored), the rest is filled in.
    /// A store without a genesis entry is not a ledger: `create` makes one.
    public convenience init(store: any LedgerStore, time: AcceptanceTime) throws(LedgerError) {
        try self.init(opening: store, time: time)
        guard head.size > 0 else {
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
        writer = Writer(store: store, time: time, state: WriterState(ledger: ledger, tree: tree, hasher: hasher))
        published = Mutex(try writer.snapshot())
    }

    /// Makes a new ledger in an empty store from its signed genesis
    /// envelope: the only way genesis enters a journal.
    public static func create(store: any LedgerStore, genesis: [UInt8], time: AcceptanceTime) async throws(LedgerError) -> Ledger {
        let ledger = try Ledger(opening: store, time: time)
        guard ledger.head.size == 0 else {
            throw LedgerError(.genesisRepeated, "the store already holds a ledger")
        }
        let envelope = try Envelope.decode(genesis)
        guard case .genesis = envelope.body else {
            throw LedgerError(.genesisRequired, "a ledger starts with ledger.genesis")
        }
        if case .rejected(_, let error) = await ledger.submit(genesis) { throw error }
        return ledger
    }

    /// The ledger as of the last commit: state, tree size and root, which
    /// agree with each other. Taking it never waits for a write.
    public var head: LedgerSnapshot {
        published.withLock { $0 }
    }

    /// A consistent copy of the ledger's current state.
    public var snapshot: LedgerState {
        head.state
    }

    /// The journal's size and Merkle root as of now: what a checkpoint signs.
    public func treeHead() -> (size: UInt64, rootHash: [UInt8]) {
        let head = head
        return (head.size, head.rootHash)
    }

    /// Submits one envelope as received on the wire.
    public func submit(_ raw: [UInt8]) async -> SubmissionOutcome {
        await submitDecoding(raw).outcome
    }

    /// Submits one envelope and hands back, beside its outcome, the
    /// envelope as decoded (nil when it did not decode), so that a caller
    /// describing what it submitted need not decode it a second time.
    public func submitDecoding(_ raw: [UInt8]) async -> (outcome: SubmissionOutcome, envelope: Envelope?) {
        let (decoded, _) = await Preverifier.decodeOffPool([raw], state: snapshot, known: [:])
        let submission = Submission(decoded)
        enqueue(submission)
        return (await submission.outcomes()[0], try? decoded[0].get())
    }

    /// Submits envelopes in order. Each is accepted or rejected on its own;
    /// accepted ones are durable when this returns. Other callers'
    /// submissions may be committed between two groups of a large one,
    /// never inside a group.
    public func submit(_ raw: [[UInt8]]) async -> [SubmissionOutcome] {
        let groups = stride(from: 0, to: raw.count, by: Ledger.batchCountMax).map { start in
            Array(raw[start..<min(start + Ledger.batchCountMax, raw.count)])
        }
        var known: [String: Ed25519PublicKey] = [:]
        var outcomes: [SubmissionOutcome] = []
        outcomes.reserveCapacity(raw.count)
        var committing: Submission?
        for group in groups {
            // Keys as of the last commit; a key this group or an earlier one
            // introduces is in `known`. Decoded while the writer commits
            // the group before, and no further ahead: one group in memory
            // waiting, one being committed.
            let decoded: [Result<Envelope, LedgerError>]
            (decoded, known) = await Preverifier.decodeOffPool(group, state: snapshot, known: known)
            if let committing { outcomes += await committing.outcomes() }
            let submission = Submission(decoded)
            enqueue(submission)
            committing = submission
        }
        if let committing { outcomes += await committing.outcomes() }
        return outcomes
    }

    /// Queues a submission and starts the writer if it is idle.
    private func enqueue(_ submission: Submission) {
        let start = queue.withLock { queue in
            queue.waiting.append(submission)
            defer { queue.writing = true }
            return !queue.writing
        }
        if start { Task(executorPreference: StoreThreads.writer) { await self.drain() } }
    }

    /// The writer: commits what is queued, group by group, until the queue
    /// is empty. Only one runs at a time (`SubmissionQueue.writing`).
    private func drain() async {
        while let group = queue.withLock({ $0.nextGroup(countMax: Ledger.batchCountMax) }) {
            let envelopes = group.flatMap(\.envelopes)
            let outcomes = await writer.commit(envelopes)
            if let snapshot = try? writer.snapshot() { published.withLock { $0 = snapshot } }
            commits.withLock { $0.groups += 1; $0.envelopes += envelopes.count }
            for observer in commitObservers.withLock({ $0 }) { observer(envelopes.count) }
            var offset = 0
            for submission in group {
                submission.finish(Array(outcomes[offset..<offset + submission.envelopes.count]))
                offset += submission.envelopes.count
            }
        }
    }
}

/// Submissions waiting for the writer, in the order they came.
private struct SubmissionQueue {
    var waiting: [Submission] = []
    /// Whether a writer is draining the queue.
    var writing = false
    /// Envelopes in the group the writer is committing.
    var committing = 0

    /// The next group: submissions from the front of the queue, as many as
    /// fit in `countMax` envelopes (at least one). Nil when the queue is
    /// empty, which ends the writer.
    mutating func nextGroup(countMax: Int) -> [Submission]? {
        committing = 0
        guard !waiting.isEmpty else {
            writing = false
            return nil
        }
        var count = 0
        var taken = 0
        while taken < waiting.count, taken == 0 || count + waiting[taken].envelopes.count <= countMax {
            count += waiting[taken].envelopes.count
            taken += 1
        }
        defer { waiting.removeFirst(taken) }
        committing = count
        return Array(waiting[..<taken])
    }
}

/// One caller's group of decoded envelopes and, once committed, their outcomes.
private final class Submission: Sendable {
    let envelopes: [Result<Envelope, LedgerError>]
    private let state = Mutex<State>(.waiting(nil))

    private enum State {
        case waiting(CheckedContinuation<[SubmissionOutcome], Never>?)
        case done([SubmissionOutcome])
    }

    init(_ envelopes: [Result<Envelope, LedgerError>]) {
        self.envelopes = envelopes
    }

    /// The outcomes, waiting for them if the group is not durable yet.
    func outcomes() async -> [SubmissionOutcome] {
        await withCheckedContinuation { continuation in
            let ready: [SubmissionOutcome]? = state.withLock { state in
                if case .done(let outcomes) = state { return outcomes }
                state = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Hands the outcomes to the caller, now or when it asks.
    func finish(_ outcomes: [SubmissionOutcome]) {
        let waiting = state.withLock { state in
            defer { state = .done(outcomes) }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        waiting?.resume(returning: outcomes)
    }
}

/// What the single writer owns: the ledger state, the journal's Merkle
/// frontier, and a hashing context reused for every leaf.
private struct WriterState {
    var ledger: LedgerState
    var tree: MerkleFrontier
    let hasher: SHA256
}

/// The writer's state and how it commits. Only the one running `drain`
/// touches it, and only while it awaits the store's append (whose `prepare`
/// runs on the store's own queue): never two at once, hence unchecked.
private final class Writer: @unchecked Sendable {
    let store: any LedgerStore
    let acceptanceTime: AcceptanceTime
    var state: WriterState
    /// The outcomes `prepare` decided, read after the append returns.
    var decided: [SubmissionOutcome] = []

    init(store: any LedgerStore, time: AcceptanceTime, state: WriterState) {
        self.store = store
        self.acceptanceTime = time
        self.state = state
    }

    func snapshot() throws(LedgerError) -> LedgerSnapshot {
        do {
            return LedgerSnapshot(state: state.ledger, size: state.tree.size, rootHash: try state.tree.root(using: state.hasher))
        } catch {
            throw LedgerError(.storeFailure, "hashing failed: \(error)")
        }
    }

    /// Commits one group: under the store's write lock, catches up with
    /// what other writers appended, then decides every envelope against
    /// the journal as it now stands. A head moved at commit is caught up
    /// and tried again, a bounded number of times.
    func commit(_ decoded: [Result<Envelope, LedgerError>]) async -> [SubmissionOutcome] {
        let ids = decoded.compactMap { try? $0.get().id }
        var attempt = 0
        while true {
            let before = (state.ledger, state.tree)
            do throws(StoreError) {
                try await store.append(after: state.ledger.sequence) { [self] (newer, journal) throws(LedgerError) in
                    var seen = try journal.priorOutcomes(envelopeIDs: ids)
                    try catchUp(with: newer, seen: &seen, journal: journal)
                    var accepted: [AcceptedTransaction] = []
                    decided = decoded.map { admit($0, seen: &seen, accepted: &accepted, journal: journal) }
                    return accepted
                }
                return decided
            } catch {
                // The store kept nothing, so neither may the state.
                (state.ledger, state.tree) = before
                if case .headMoved = error.kind, attempt < Ledger.headMovedRetriesMax {
                    attempt += 1
                    continue
                }
                let failure = error.ledgerError
                return decoded.map { result in
                    switch result {
                    case .failure(let error): .rejected(id: nil, error)
                    case .success(let envelope): .rejected(id: envelope.id, failure)
                    }
                }
            }
        }
    }

    /// Applies entries another writer appended, as `verify` would: each is
    /// decoded from its stored bytes and checked by the ledger's rules.
    private func catchUp(
        with newer: [StoredEntry], seen: inout [String: PriorOutcome], journal: any JournalTransaction
    ) throws(LedgerError) {
        let history: JournalHistory = { (sequence) throws(LedgerError) in
            try journal.entry(sequence).map { (row) throws(LedgerError) in try JournalEntry.decodeParts(row.bytes).envelope }
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
        _ result: Result<Envelope, LedgerError>,
        seen: inout [String: PriorOutcome], accepted: inout [AcceptedTransaction], journal: any JournalTransaction
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
                return try journal.entry(sequence).map { (row) throws(LedgerError) in try JournalEntry.decodeParts(row.bytes).envelope }
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
