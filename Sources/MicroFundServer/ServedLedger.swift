public import MicroFundCrypto
public import MicroFundLedger
public import MicroFundStore
import NIOPosix

/// The ledger a server answers for: the one write path (`Ledger`), the
/// store its reads come from, and the operator key that signs checkpoints.
///
/// Reads of what the writer publishes (state, tree head) take the latest
/// snapshot without waiting for any write. Reads that go to the store (the
/// journal, proofs, reports at a point) go through `LedgerStore.read`: one
/// store snapshot each, on the store's own threads, never on Swift's
/// concurrency pool, because SQLite's calls block. Matching, CPU-bound,
/// runs on a bounded pool of the server's.
public final class ServedLedger: Sendable {
    public let ledger: Ledger
    public let operatorKey: Ed25519PrivateKey?
    private let pool: NIOThreadPool

    public init(ledger: Ledger, operatorKey: Ed25519PrivateKey?, computeThreads: Int = 2) {
        self.ledger = ledger
        self.operatorKey = operatorKey
        pool = NIOThreadPool(numberOfThreads: computeThreads)
        pool.start()
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// Runs `body` on one store snapshot, on the store's reader threads.
    public func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value {
        try await ledger.store.read(body)
    }

    /// Runs CPU-bound work (matching) on a pool of its own.
    public func compute<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await pool.runIfActive(body)
    }
}
