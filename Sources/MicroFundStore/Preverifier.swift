import Dispatch
#if canImport(Glibc)
import Glibc
#endif
public import MicroFundLedger
import MicroFundCrypto

/// Decodes envelopes and checks their signatures on all cores.
///
/// Signature checks are the floor of the ingest cost (DESIGN.md §4), and
/// they need nothing from the ledger but the key each signature names. A key
/// id names one key for ever, so a check against a key that is registered
/// now holds for the sequential apply later; signatures by keys registered
/// within the same batch are checked there instead.
public enum Preverifier {
    /// Work below this many envelopes is not worth spreading over threads.
    static let parallelThreshold = 64

    /// Decodes each raw envelope and pre-checks its signatures with `keys`.
    public static func decode(
        _ raw: [[UInt8]], keys: @Sendable (String) -> Ed25519PublicKey?
    ) -> [Result<Envelope, LedgerError>] {
        map(raw.count) { index in
            Result { () throws(LedgerError) -> Envelope in
                var envelope = try Envelope.decode(raw[index])
                envelope.preverify(keys: keys)
                return envelope
            }
        }
    }

    /// `transform(i)` for every `i` below `count`, over all cores, in order.
    public static func map<Output: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Output) -> [Output] {
        guard count >= parallelThreshold else { return (0..<count).map(transform) }
        let workers = min(ProcessInfoCores.count, count / (parallelThreshold / 2))
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Contiguous slices keep each thread on its own cache lines.
            let lower = count * worker / workers
            let upper = count * (worker + 1) / workers
            for index in lower..<upper { shared[index] = transform(index) }
        }
        return results.map { $0! }
    }
}

/// The number of cores this process may use.
enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }()
}
