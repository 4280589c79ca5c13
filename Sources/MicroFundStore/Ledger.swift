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
    /// Most envelopes committed in one database transaction; larger
    /// submissions are split (DESIGN.md §10: a limit on every batch).
    public static let batchCountMax = 4_096

    public let store: any LedgerStore
    private let state: Mutex<LedgerState>

    /// Opens the ledger a store holds.
    public init(store: any LedgerStore) throws(LedgerError) {
        self.store = store
        self.state = Mutex(try store.loadState())
    }

    /// A consistent copy of the ledger's current state.
    public var snapshot: LedgerState {
        state.withLock { $0 }
    }

    /// Submits one envelope as received on the wire.
    public func submit(_ raw: [UInt8]) -> SubmissionOutcome {
        submit([raw])[0]
    }

    /// Submits envelopes in order. Each is accepted or rejected on its own;
    /// accepted ones are durable when this returns, committed in groups of
    /// at most `batchCountMax`.
    public func submit(_ raw: [[UInt8]]) -> [SubmissionOutcome] {
        var outcomes: [SubmissionOutcome] = []
        outcomes.reserveCapacity(raw.count)
        var start = 0
        while start < raw.count {
            let end = min(start + Ledger.batchCountMax, raw.count)
            outcomes += submitBatch(Array(raw[start..<end]))
            start = end
        }
        return outcomes
    }

    private func submitBatch(_ raw: [[UInt8]]) -> [SubmissionOutcome] {
        let keys = snapshot
        let decoded = Preverifier.decode(raw) { keys.activeKey($0) }
        return state.withLock { state in
            let before = state
            var outcomes: [SubmissionOutcome] = []
            var accepted: [AcceptedTransaction] = []
            var batchIDs: [String: (sequence: UInt64, contentHash: [UInt8])] = [:]
            for result in decoded {
                let outcome = admit(result, into: &state, batchIDs: &batchIDs, accepted: &accepted)
                outcomes.append(outcome)
            }
            guard !accepted.isEmpty else { return outcomes }
            do throws(LedgerError) {
                try store.append(accepted)
            } catch {
                // The store kept nothing, so neither may the state.
                state = before
                return outcomes.map { outcome in
                    if case .accepted(_, let id) = outcome { return .rejected(id: id, error) }
                    return outcome
                }
            }
            return outcomes
        }
    }

    private func admit(
        _ result: Result<Envelope, LedgerError>, into state: inout LedgerState,
        batchIDs: inout [String: (sequence: UInt64, contentHash: [UInt8])], accepted: inout [AcceptedTransaction]
    ) -> SubmissionOutcome {
        let envelope: Envelope
        switch result {
        case .failure(let error): return .rejected(id: nil, error)
        case .success(let value): envelope = value
        }
        do throws(LedgerError) {
            var prior = batchIDs[envelope.id]
            if prior == nil { prior = try store.priorOutcome(envelopeID: envelope.id) }
            if let prior {
                guard prior.contentHash == envelope.contentHash else {
                    throw LedgerError(.idConflict, "id \(envelope.id) was already used, at sequence \(prior.sequence), for other content")
                }
                return .duplicate(sequence: prior.sequence, id: envelope.id)
            }
            let changes = try state.apply(envelope)
            let entry = try JournalEntry(sequence: changes.sequence, envelope: envelope)
            accepted.append(AcceptedTransaction(entry: entry, changes: changes))
            batchIDs[envelope.id] = (changes.sequence, envelope.contentHash)
            return .accepted(sequence: changes.sequence, id: envelope.id)
        } catch {
            return .rejected(id: envelope.id, error)
        }
    }
}
