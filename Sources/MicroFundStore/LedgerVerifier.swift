public import MicroFundLedger
import MicroFundCrypto

/// What `verify` found.
public struct VerificationReport: Sendable, Equatable {
    /// Journal entries checked.
    public let entryCount: UInt64
    /// The first thing that is wrong, if anything is.
    public let failure: VerificationFailure?

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
/// form, every signature, every rule, and finally every balance and state
/// row, trusting nothing the store derived.
public enum LedgerVerifier {
    /// Journal rows read and checked per round; memory stays flat in the
    /// journal's length.
    public static let pageCountMax = 2_048

    public static func verify(_ store: any LedgerStore) throws(LedgerError) -> VerificationReport {
        var replay = LedgerState()
        var lastWritten: [AccountPath: UInt64] = [:]
        var expected: UInt64 = 1
        while true {
            let page = try store.entries(from: expected, limit: pageCountMax)
            if page.isEmpty { break }
            let keys = replay
            let decoded = Preverifier.map(page.count) { index in
                Result { () throws(LedgerError) -> (sequence: UInt64, envelope: Envelope) in
                    let entry = try JournalEntry(decoding: page[index].bytes)
                    var envelope = entry.envelope
                    envelope.preverify { keys.activeKey($0) }
                    return (entry.sequence, envelope)
                }
            }
            for (row, result) in zip(page, decoded) {
                if let failure = check(row, result, expected: expected, replay: &replay, lastWritten: &lastWritten) {
                    return VerificationReport(entryCount: expected - 1, failure: failure)
                }
                expected += 1
            }
        }
        let failure = compare(stored: try store.loadState(), replayed: replay, lastWritten: lastWritten)
        return VerificationReport(entryCount: expected - 1, failure: failure)
    }

    private static func check(
        _ row: StoredEntry, _ result: Result<(sequence: UInt64, envelope: Envelope), LedgerError>, expected: UInt64,
        replay: inout LedgerState, lastWritten: inout [AccountPath: UInt64]
    ) -> VerificationFailure? {
        guard row.sequence == expected else {
            return VerificationFailure(sequence: expected, reason: "entry missing from the journal (next stored is \(row.sequence))")
        }
        let entry: (sequence: UInt64, envelope: Envelope)
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
        do {
            let changes = try replay.apply(entry.envelope)
            for path in changes.accounts.keys { lastWritten[path] = expected }
        } catch {
            return VerificationFailure(sequence: expected, reason: "entry does not replay: \(error)")
        }
        return nil
    }

    private static func compare(stored: LedgerState, replayed: LedgerState, lastWritten: [AccountPath: UInt64]) -> VerificationFailure? {
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
        if stored.origin != replayed.origin || stored.operatorKey != replayed.operatorKey {
            return VerificationFailure(sequence: 1, reason: "stored origin or operator key differs from genesis")
        }
        return nil
    }
}
