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
package enum Preverifier {
    /// Work below this many items is not worth spreading over threads.
    static let parallelThreshold = 64

    /// Indexes handed to a thread at a time: small enough that a thread
    /// slowed by other work (the sequential apply, the rest of the machine)
    /// leaves the remaining chunks to the others, large enough to amortize
    /// the hand-off.
    static let chunkCount = 16

    /// Decodes each raw envelope and pre-checks every signature against
    /// `state`'s keys, the keys in `known`, or a key one of these envelopes
    /// introduces. Returns the envelopes and `known` with those keys added,
    /// for the next group.
    package static func decode(
        _ raw: [[UInt8]], state: LedgerState, known: [String: Ed25519PublicKey]
    ) -> (envelopes: [Result<Envelope, LedgerError>], known: [String: Ed25519PublicKey]) {
        let decoded = map(raw.count) { index in
            Result { () throws(LedgerError) -> Envelope in
                var envelope = try Envelope.decode(raw[index])
                envelope.preverify { state.keys[$0]?.publicKey ?? known[$0] }
                return envelope
            }
        }
        return secondChance(decoded, envelope: { $0 }, update: { item, envelope in item = envelope }, known: known)
    }

    /// `decode` without holding a thread of Swift's concurrency pool while
    /// it works through a large group: a small one (a few signature checks)
    /// is decoded in place, a larger one on Dispatch's workers while the
    /// caller's task waits, suspended.
    package static func decodeOffPool(
        _ raw: [[UInt8]], state: LedgerState, known: [String: Ed25519PublicKey]
    ) async -> (envelopes: [Result<Envelope, LedgerError>], known: [String: Ed25519PublicKey]) {
        guard raw.count >= parallelThreshold else { return decode(raw, state: state, known: known) }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: decode(raw, state: state, known: known)) }
        }
    }

    /// A second pass, only over the items whose signatures name keys that
    /// this group itself introduces (a party registered and then signing in
    /// the same group): one pass suffices for everything else.
    package static func secondChance<Item: Sendable>(
        _ items: [Result<Item, LedgerError>], envelope: @Sendable (Item) -> Envelope,
        update: @Sendable (inout Item, Envelope) -> Void, known: [String: Ed25519PublicKey]
    ) -> (envelopes: [Result<Item, LedgerError>], known: [String: Ed25519PublicKey]) {
        let introduced = introducedKeys(items.compactMap { try? envelope($0.get()) })
        guard !introduced.isEmpty else { return (items, known) }
        let all = known.merging(introduced) { first, _ in first }
        let waiting = items.indices.filter { (try? envelope(items[$0].get()).awaits(anyOf: introduced)) == true }
        let rechecked = map(waiting.count) { position in
            items[waiting[position]].map { item in
                var checked = envelope(item)
                checked.preverify { all[$0] }
                var updated = item
                update(&updated, checked)
                return updated
            }
        }
        var result = items
        for (position, index) in waiting.enumerated() { result[index] = rechecked[position] }
        return (result, all)
    }

    /// The keys that genesis, registrations and rotations among `envelopes`
    /// bring, by key id, so signatures by them need not wait for the apply.
    static func introducedKeys(_ envelopes: [Envelope]) -> [String: Ed25519PublicKey] {
        var keys: [String: Ed25519PublicKey] = [:]
        for envelope in envelopes {
            let raw: [UInt8]
            switch envelope.body {
            case .genesis(_, let admin, _, _): raw = admin.publicKey
            case .partyRegister(let registration): raw = registration.publicKey
            case .keyRotate(_, let publicKey, _): raw = publicKey
            case .tick, .partyUpdate, .keyRevoke, .needCreate, .needVoice, .donationRecord, .donationRefund, .offerPublish, .offerWithdraw,
                 .pledgeMake, .pledgeConfirm, .pledgeCancel,
                 .motionPropose, .motionApprove, .motionReject, .motionWithdraw, .entryReverse: continue
            }
            guard let key = try? Ed25519PublicKey(rawRepresentation: raw), let keyID = try? KeyIdentifier.of(key) else { continue }
            keys[keyID] = key
        }
        return keys
    }

    /// `transform(i)` for every `i` below `count`, over all cores, in order.
    package static func map<Output: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Output) -> [Output] {
        guard count >= parallelThreshold else { return (0..<count).map(transform) }
        // Each result is built straight into its slot of the array returned:
        // no optionals to unwrap and no copies of results that may hold
        // dozens of references.
        return [Output](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            nonisolated(unsafe) let slots = buffer
            let chunks = (count + chunkCount - 1) / chunkCount
            // Dispatch hands the chunks to its worker threads as they free up;
            // it returns when every chunk is done, every slot initialized.
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (chunk * chunkCount)..<min(count, (chunk + 1) * chunkCount) {
                    (slots.baseAddress! + index).initialize(to: transform(index))
                }
            }
            initializedCount = count
        }
    }
}
