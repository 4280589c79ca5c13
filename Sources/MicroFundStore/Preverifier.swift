import Dispatch
public import MicroFundLedger
public import MicroFundCrypto

/// Decodes envelopes and checks their signatures on all cores.
///
/// Signature checks are the floor of the cost of ingesting and verifying
/// (DESIGN.md §4), and each needs only the key its signature names. A key id
/// is a hash of the key, so any key whose id matches is that key: a check
/// made here against it holds wherever the ledger later looks. Whether the
/// key is registered to the signer and in force at that point is still
/// decided, in order, by `LedgerState.apply`.
public enum Preverifier {
    /// Work below this many items is not worth spreading over threads.
    static let parallelThreshold = 64

    /// Indexes handed to a thread at a time: small enough that a thread
    /// slowed by other work (the sequential apply, the rest of the machine)
    /// leaves the remaining chunks to the others, large enough to amortize
    /// the hand-off.
    static let chunkCount = 32

    /// Decodes each raw envelope, then pre-checks every signature against
    /// `state`'s keys, the keys in `known`, or a key one of these envelopes
    /// introduces. Returns the envelopes and `known` with those keys added,
    /// for the next group.
    public static func decode(
        _ raw: [[UInt8]], state: LedgerState, known: [String: Ed25519PublicKey]
    ) -> (envelopes: [Result<Envelope, LedgerError>], known: [String: Ed25519PublicKey]) {
        let decoded = map(raw.count) { index in
            Result { () throws(LedgerError) -> Envelope in try Envelope.decode(raw[index]) }
        }
        return preverify(decoded, state: state, known: known)
    }

    /// Pre-checks the signatures of the decoded envelopes in `items`, on all
    /// cores, as `decode` does.
    public static func preverify(
        _ items: [Result<Envelope, LedgerError>], state: LedgerState, known: [String: Ed25519PublicKey]
    ) -> (envelopes: [Result<Envelope, LedgerError>], known: [String: Ed25519PublicKey]) {
        let all = known.merging(introducedKeys(items.compactMap { try? $0.get() })) { first, _ in first }
        let checked = map(items.count) { index in
            items[index].map { envelope in
                var checked = envelope
                checked.preverify { keyID in state.keys[keyID]?.publicKey ?? all[keyID] }
                return checked
            }
        }
        return (checked, all)
    }

    /// The keys that genesis, registrations and rotations among `envelopes`
    /// bring, by key id, so signatures by them need not wait for the apply.
    static func introducedKeys(_ envelopes: [Envelope]) -> [String: Ed25519PublicKey] {
        var keys: [String: Ed25519PublicKey] = [:]
        for envelope in envelopes {
            let raw: [UInt8]
            switch envelope.body {
            case .genesis(_, let admin, _): raw = admin.publicKey
            case .partyRegister(let registration): raw = registration.publicKey
            case .keyRotate(_, let publicKey, _): raw = publicKey
            default: continue
            }
            guard let key = try? Ed25519PublicKey(rawRepresentation: raw), let keyID = try? KeyIdentifier.of(key) else { continue }
            keys[keyID] = key
        }
        return keys
    }

    /// `transform(i)` for every `i` below `count`, over all cores, in order.
    public static func map<Output: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Output) -> [Output] {
        guard count >= parallelThreshold else { return (0..<count).map(transform) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // Deinitialize before freeing, or every result would leak.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let shared = results
        let chunks = (count + chunkCount - 1) / chunkCount
        // Dispatch hands the chunks to its worker threads as they free up.
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * chunkCount)..<min(count, (chunk + 1) * chunkCount) { shared[index] = transform(index) }
        }
        return results.map { $0! }
    }
}
