import Dispatch
public import MicroFundLedger
import MicroFundCrypto
import Synchronization

/// What `verify` found.
public struct VerificationReport: Sendable, Equatable {
    /// Journal entries checked.
    public let entryCount: UInt64
    /// The first thing that is wrong, if anything is.
    public let failure: VerificationFailure?
    /// The checkpoints that were checked and hold.
    public var checkpoints: [Checkpoint] = []

    public var isValid: Bool { failure == nil }
}

/// The first inconsistency in a stored ledger.
public struct VerificationFailure: Sendable, Equatable, CustomStringConvertible {
    /// The first sequence number that is wrong, when one can be named.
    public let sequence: UInt64?
    public let reason: String

    public var description: String {
        if let sequence { "sequence \(sequence): \(reason)" } else { reason }
    }
}

/// Recomputes everything from the stored journal: every entry's canonical
/// form, every signature, every rule, every Merkle leaf and node, and
/// finally every balance and state row, trusting nothing the store derived.
/// Checkpoints saved earlier are checked against today's journal, which
/// catches rewritten history even when every signature in it is valid.
public enum LedgerVerifier {
    /// Journal rows read and checked per round; memory stays flat in the
    /// journal's length.
    public static let pageCountMax = 2_048

    /// Pages read and decoded ahead of the replay. With two, a core that
    /// finishes its share of one page moves on to the next instead of
    /// waiting for the other core's last chunk.
    static let pagesAheadMax = 2

    /// `pageCount` is for tests, which cross page boundaries with small ledgers.
    /// `progress`, if given, is told the number of entries checked after each page.
    public static func verify(
        _ store: any LedgerReader, checkpoints: [String] = [], pageCount: Int = pageCountMax, progress: ((UInt64) -> Void)? = nil
    ) throws(LedgerError) -> VerificationReport {
        precondition(pageCount >= 1, "a page holds at least one entry")
        var replay = Replay(store: store)
        var expected: UInt64 = 1
        // Pages are read, decoded and signature-checked on all cores while
        // an earlier page is replayed in order. Keys registered in a page
        // reach the pages launched after it completes; signatures by keys
        // registered later than that are checked during the replay instead.
        var loads = [PageLoad(store, from: 1, count: pageCount, keys: replay.state, known: [:])]
        var nextStart = 1 + UInt64(pageCount)
        var known: [String: Ed25519PublicKey] = [:]
        defer { loads.forEach { $0.wait() } }
        while !loads.isEmpty {
            let page = try loads.removeFirst().page()
            known.merge(page.known) { first, _ in first }
            let isLast = page.rows.count < pageCount
            while !isLast, loads.count < pagesAheadMax {
                loads.append(PageLoad(store, from: nextStart, count: pageCount, keys: replay.state, known: known))
                nextStart += UInt64(pageCount)
            }
            var transferIndex = 0, versionIndex = 0
            for (row, result) in zip(page.rows, page.decoded) {
                // A stored transfer or version of an entry before this one
                // that its entry did not claim.
                if transferIndex < page.transfers.count, page.transfers[transferIndex].sequence < expected {
                    return VerificationReport(entryCount: expected - 1, failure: VerificationFailure(sequence: page.transfers[transferIndex].sequence, reason: "stored transfers differ from the entry's"))
                }
                if versionIndex < page.versions.count, page.versions[versionIndex].sequence < expected {
                    return VerificationReport(entryCount: expected - 1, failure: VerificationFailure(sequence: page.versions[versionIndex].sequence, reason: "stored account versions differ from the entry's balances"))
                }
                let transfers = page.transfers(of: expected, from: &transferIndex)
                let versions = page.versions(of: expected, from: &versionIndex)
                if let failure = try replay.check(row, result, transfers: transfers, versions: versions, expected: expected) {
                    return VerificationReport(entryCount: expected - 1, failure: failure)
                }
                expected += 1
            }
            progress?(expected - 1)
            if isLast { break }
        }
        guard expected > 1 else {
            return VerificationReport(entryCount: 0, failure: VerificationFailure(sequence: 1, reason: "the journal has no genesis entry: this is not a ledger"))
        }
        if let failure = try replay.finish(stored: store.loadState()) {
            return VerificationReport(entryCount: expected - 1, failure: failure)
        }
        return try checkCheckpoints(checkpoints, store: store, state: replay.state, entryCount: expected - 1)
    }

    /// A page being read, decoded and checked in the background.
    private final class PageLoad: Sendable {
        private let done = DispatchGroup()
        private let result = Mutex<Result<Page, LedgerError>?>(nil)

        init(_ store: any LedgerReader, from start: UInt64, count: Int, keys: LedgerState, known: [String: Ed25519PublicKey]) {
            done.enter()
            DispatchQueue.global().async { [self] in
                let loaded = Result { () throws(LedgerError) in try LedgerVerifier.load(store, from: start, count: count, keys: keys, known: known) }
                result.withLock { $0 = loaded }
                done.leave()
            }
        }

        func wait() { done.wait() }

        func page() throws(LedgerError) -> Page {
            done.wait()
            return try result.withLock { $0! }.get()
        }
    }

    /// A page of journal rows after the parallel stage.
    private struct Page: Sendable {
        let rows: [StoredEntry]
        let decoded: [Result<DecodedEntry, LedgerError>]
        /// Keys introduced by this page and the pages it was given.
        let known: [String: Ed25519PublicKey]
        /// The stored transfers of the page's sequence numbers, in order.
        let transfers: [StoredTransfer]
        /// The stored account versions of the page's sequence numbers.
        let versions: [StoredAccountVersion]

        /// The stored account versions of entry `sequence`, from `start` on.
        func versions(of sequence: UInt64, from start: inout Int) -> ArraySlice<StoredAccountVersion> {
            Self.rows(of: sequence, in: versions, from: &start) { $0.sequence }
        }

        /// The stored transfers of entry `sequence`, from `start` on.
        func transfers(of sequence: UInt64, from start: inout Int) -> ArraySlice<StoredTransfer> {
            Self.rows(of: sequence, in: transfers, from: &start) { $0.sequence }
        }

        /// The run of `rows` (in entry order) that belongs to entry
        /// `sequence`, starting at `start`, which moves past it.
        private static func rows<Row>(of sequence: UInt64, in rows: [Row], from start: inout Int, _ entry: (Row) -> UInt64) -> ArraySlice<Row> {
            var end = start
            while end < rows.count, entry(rows[end]) == sequence { end += 1 }
            defer { start = end }
            return rows[start..<end]
        }
    }

    private static func load(_ store: any LedgerReader, from sequence: UInt64, count: Int, keys: LedgerState, known: [String: Ed25519PublicKey]) throws(LedgerError) -> Page {
        let rows = try store.entries(from: sequence, limit: count)
        let (decoded, known) = decode(rows, keys: keys, known: known)
        // The page's stored transfers, read and parsed here, off the replay.
        let last = sequence + UInt64(count) - 1
        let transfers = try store.transfers(from: sequence, through: last, limit: count * transferCountPerEntryMax + 1)
        let versions = try store.accountVersions(from: sequence, through: last, limit: count * 2 * transferCountPerEntryMax + 1)
        return Page(rows: rows, decoded: decoded, known: known, transfers: transfers, versions: versions)
    }

    /// More stored transfers than this per entry is a corrupt store: no
    /// transaction kind makes more than a few.
    static let transferCountPerEntryMax = 64

    /// The parallel stage: parse each entry, insist on its canonical form,
    /// hash its leaf and pre-check its signatures, in one pass.
    private static func decode(
        _ page: [StoredEntry], keys: LedgerState, known: [String: Ed25519PublicKey]
    ) -> ([Result<DecodedEntry, LedgerError>], [String: Ed25519PublicKey]) {
        let parsed = Preverifier.map(page.count) { index in
            Result { () throws(LedgerError) -> DecodedEntry in
                var (sequence, time, envelope) = try JournalEntry.decodeParts(page[index].bytes)
                envelope.preverify { keys.keys[$0]?.publicKey ?? known[$0] }
                let leaf: [UInt8]
                do { leaf = try Merkle.leafHash(page[index].bytes) } catch { throw LedgerError(.storeFailure, "\(error)") }
                return DecodedEntry(sequence: sequence, time: time, envelope: envelope, leafHash: leaf)
            }
        }
        let checked = Preverifier.secondChance(parsed, envelope: \.envelope, update: { $0 = $0.with($1) }, known: known)
        return (checked.envelopes, checked.known)
    }

    private static func checkCheckpoints(_ notes: [String], store: any LedgerReader, state: LedgerState, entryCount: UInt64) throws(LedgerError) -> VerificationReport {
        var checked: [Checkpoint] = []
        for note in notes {
            guard let origin = state.origin, let key = state.operatorKey else {
                return VerificationReport(entryCount: entryCount, failure: VerificationFailure(sequence: 1, reason: "the journal has no genesis to name the operator key"))
            }
            let checkpoint: Checkpoint
            do { checkpoint = try Checkpoint.open(note, origin: origin, key: key) } catch {
                return VerificationReport(entryCount: entryCount, failure: VerificationFailure(sequence: nil, reason: "checkpoint rejected: \(error)"))
            }
            guard checkpoint.size <= entryCount else {
                let reason = "a checkpoint signed for \(checkpoint.size) entries, but the journal has only \(entryCount): history was truncated"
                return VerificationReport(entryCount: entryCount, failure: VerificationFailure(sequence: entryCount + 1, reason: reason))
            }
            guard try JournalTree.root(size: checkpoint.size, store: store) == checkpoint.rootHash else {
                let reason = "the journal's first \(checkpoint.size) entries do not have the root the operator signed: history was rewritten"
                return VerificationReport(entryCount: entryCount, failure: VerificationFailure(sequence: nil, reason: reason))
            }
            checked.append(checkpoint)
        }
        var report = VerificationReport(entryCount: entryCount, failure: nil)
        report.checkpoints = checked
        return report
    }
}

/// The sequential half of verification: applying entries in order,
/// rebuilding the Merkle tree and comparing it, node by node, with the
/// stored one.
private struct Replay {
    let store: any LedgerReader
    var state = LedgerState()
    var tree = MerkleFrontier()
    var storedTree: StoredTreeCursor
    var lastWritten: [AccountPath: UInt64] = [:]
    /// Account paths as stored text, for comparing transfer rows.
    var spellings: [AccountPath: [UInt8]] = [:]
    let hasher = try! SHA256()

    init(store: any LedgerReader) {
        self.store = store
        self.storedTree = StoredTreeCursor(store: store)
    }

    mutating func check(
        _ row: StoredEntry, _ result: Result<LedgerVerifier.DecodedEntry, LedgerError>, transfers storedTransfers: ArraySlice<StoredTransfer>,
        versions storedVersions: ArraySlice<StoredAccountVersion>, expected: UInt64
    ) throws(LedgerError) -> VerificationFailure? {
        guard row.sequence == expected else {
            return VerificationFailure(sequence: expected, reason: "entry missing from the journal (next stored is \(row.sequence))")
        }
        let entry: LedgerVerifier.DecodedEntry
        switch result {
        case .failure(let error): return VerificationFailure(sequence: expected, reason: "entry unreadable: \(error)")
        case .success(let value): entry = value
        }
        guard entry.sequence == expected else {
            return VerificationFailure(sequence: expected, reason: "entry claims sequence \(entry.sequence)")
        }
        guard entry.envelope.id == row.envelopeID, entry.envelope.contentHash == row.contentHash else {
            return VerificationFailure(sequence: expected, reason: "indexed id or content hash differs from the entry")
        }
        let changes: Changes
        do {
            let store = store
            changes = try state.apply(entry.envelope, at: entry.time) { (sequence) throws(LedgerError) in
                try store.entries(from: sequence, limit: 1).first { $0.sequence == sequence }.map { (row) throws(LedgerError) in try JournalEntry.decodeParts(row.bytes).envelope }
            }
            for path in changes.accounts.keys { lastWritten[path] = expected }
        } catch {
            return VerificationFailure(sequence: expected, reason: "entry does not replay: \(error)")
        }
        let transfersMatch = storedTransfers.count == changes.transfers.count
            && zip(storedTransfers, changes.transfers).enumerated().allSatisfy { index, pair in
                pair.0.position == index && pair.0.records(pair.1, spellings: &spellings)
            }
        if !transfersMatch {
            return VerificationFailure(sequence: expected, reason: "stored transfers differ from the entry's")
        }
        if !versionsMatch(storedVersions, changes.accounts) {
            return VerificationFailure(sequence: expected, reason: "stored account versions differ from the entry's balances")
        }
        let nodes: [MerkleFrontier.Node]
        do { nodes = try tree.append(leafHash: entry.leafHash, using: hasher) } catch { throw LedgerError(.storeFailure, "\(error)") }
        for node in nodes where try !storedTree.matches(node) {
            return VerificationFailure(sequence: (node.index + 1) << UInt64(node.level), reason: "stored Merkle node \(node.level)/\(node.index) differs from the journal's")
        }
        return nil
    }

    /// Whether an entry's stored versions are exactly the balances its
    /// replay left in the accounts it changed.
    private mutating func versionsMatch(_ stored: ArraySlice<StoredAccountVersion>, _ accounts: [AccountPath: Account]) -> Bool {
        guard stored.count == accounts.count else { return false }
        var bySpelling: [[UInt8]: Account] = [:]
        for (path, account) in accounts {
            if spellings[path] == nil { spellings[path] = Array(path.description.utf8) }
            bySpelling[spellings[path]!] = account
        }
        return stored.allSatisfy { bySpelling[$0.path] == $0.balances }
    }

    func finish(stored: LedgerState) throws(LedgerError) -> VerificationFailure? {
        if let extra = try storedTree.extraNode(treeSize: tree.size) {
            return VerificationFailure(sequence: tree.size + 1, reason: "the stored Merkle tree has a node \(extra) beyond the journal")
        }
        if try !store.transfers(from: state.sequence + 1, through: UInt64(Int64.max), limit: 1).isEmpty {
            return VerificationFailure(sequence: state.sequence + 1, reason: "the store holds transfers beyond the journal")
        }
        if try !store.accountVersions(from: state.sequence + 1, through: UInt64(Int64.max), limit: 1).isEmpty {
            return VerificationFailure(sequence: state.sequence + 1, reason: "the store holds account versions beyond the journal")
        }
        return compare(stored: stored)
    }

    /// Every derived state table, compared in one place with what the
    /// replay reached: accounts, parties, keys, needs, pledges,
    /// contributions, genesis (meta), and (entry by entry, in `check`)
    /// transfers. A store's new table must be compared here too: a test
    /// lists the SQLite schema's tables and empties each in turn.
    private func compare(stored: LedgerState) -> VerificationFailure? {
        let replayed = state
        guard stored.sequence == replayed.sequence else {
            return VerificationFailure(sequence: replayed.sequence + 1, reason: "the store's head is \(stored.sequence) but the journal ends at \(replayed.sequence)")
        }
        let paths = Set(stored.accounts.keys).union(replayed.accounts.keys).sorted()
        for path in paths where stored.accounts[path] != replayed.accounts[path] {
            return VerificationFailure(sequence: lastWritten[path], reason: "stored balances of \(path) differ from the journal's")
        }
        if stored.parties != replayed.parties { return VerificationFailure(sequence: nil, reason: "stored parties differ from the journal's") }
        if stored.keys != replayed.keys { return VerificationFailure(sequence: nil, reason: "stored keys differ from the journal's") }
        if stored.needs != replayed.needs { return VerificationFailure(sequence: nil, reason: "stored needs differ from the journal's") }
        if stored.pledges != replayed.pledges { return VerificationFailure(sequence: nil, reason: "stored pledges differ from the journal's") }
        if stored.offers != replayed.offers { return VerificationFailure(sequence: nil, reason: "stored offers differ from the journal's") }
        if stored.voices != replayed.voices { return VerificationFailure(sequence: nil, reason: "stored hearing voices differ from the journal's") }
        if stored.motions != replayed.motions { return VerificationFailure(sequence: nil, reason: "stored motions differ from the journal's") }
        if stored.reversals != replayed.reversals { return VerificationFailure(sequence: nil, reason: "stored reversals differ from the journal's") }
        if stored.references != replayed.references { return VerificationFailure(sequence: nil, reason: "stored receipt and transfer references differ from the journal's") }
        if stored.contributions.filter({ $0.value != 0 }) != replayed.contributions.filter({ $0.value != 0 }) {
            return VerificationFailure(sequence: nil, reason: "stored contributions differ from the journal's")
        }
        if stored.time != replayed.time {
            return VerificationFailure(sequence: replayed.sequence, reason: "the store's time differs from the journal's")
        }
        if stored.origin != replayed.origin || stored.operatorKey != replayed.operatorKey || stored.policy != replayed.policy {
            return VerificationFailure(sequence: 1, reason: "stored origin, operator key or policy differs from genesis")
        }
        return nil
    }
}

extension LedgerVerifier {
    /// A journal row after the parallel stage: a class, so handing it from
    /// the decoding threads to the replay moves one reference, not the
    /// dozen an envelope holds.
    final class DecodedEntry: Sendable {
        let sequence: UInt64
        let time: Timestamp
        let envelope: Envelope
        let leafHash: [UInt8]

        init(sequence: UInt64, time: Timestamp, envelope: Envelope, leafHash: [UInt8]) {
            self.sequence = sequence
            self.time = time
            self.envelope = envelope
            self.leafHash = leafHash
        }

        func with(_ envelope: Envelope) -> DecodedEntry {
            DecodedEntry(sequence: sequence, time: time, envelope: envelope, leafHash: leafHash)
        }
    }
}

/// Reads the stored tree level by level, a page at a time, in the order the
/// replay completes nodes, so comparing it costs flat memory.
private struct StoredTreeCursor {
    let store: any LedgerReader
    private var buffers: [Int: (items: [(index: UInt64, hash: [UInt8])], position: Int)] = [:]
    static let pageCountMax = 1_024

    init(store: any LedgerReader) {
        self.store = store
    }

    mutating func matches(_ node: MerkleFrontier.Node) throws(LedgerError) -> Bool {
        var buffer = buffers[node.level] ?? ([], 0)
        if buffer.position >= buffer.items.count {
            buffer = (try store.treeNodes(level: node.level, from: node.index, limit: StoredTreeCursor.pageCountMax), 0)
        }
        defer { buffers[node.level] = buffer }
        guard buffer.position < buffer.items.count else { return false }
        let stored = buffer.items[buffer.position]
        buffer.position += 1
        return stored.index == node.index && stored.hash == node.hash
    }

    /// A stored node that no entry accounts for, as "level/index".
    func extraNode(treeSize: UInt64) throws(LedgerError) -> String? {
        for level in 0..<64 {
            let first = treeSize >> UInt64(level)
            if let node = try store.treeNodes(level: level, from: first, limit: 1).first {
                return "\(level)/\(node.index)"
            }
            if first == 0 { break }
        }
        return nil
    }
}
