public import MicroFundCrypto
public import MicroFundLedger
public import MicroFundStore
import NIOPosix

/// The ledger a server answers for: the one write path (`Ledger`), the
/// store its reads come from, and the operator key that signs checkpoints.
///
/// Reads of what the writer publishes (state, tree head) take the latest
/// snapshot without waiting for any write. Reads that go to the store (the
/// journal, proofs, reports at a point) open one store snapshot each and
/// run on a bounded pool of threads of their own, never on Swift's
/// concurrency pool, because SQLite's calls block.
public final class ServedLedger: Sendable {
    public let ledger: Ledger
    public let operatorKey: Ed25519PrivateKey?
    private let pool: NIOThreadPool

    public init(ledger: Ledger, operatorKey: Ed25519PrivateKey?, readThreads: Int = 4) {
        self.ledger = ledger
        self.operatorKey = operatorKey
        pool = NIOThreadPool(numberOfThreads: readThreads)
        pool.start()
    }

    deinit {
        pool.shutdownGracefully { _ in }
    }

    /// Runs `body` on one store snapshot, on the read pool.
    public func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws -> Value {
        let store = ledger.store
        return try await pool.runIfActive {
            try body(try store.snapshot())
        }
    }

    /// Runs CPU-bound work (matching) on the read pool.
    public func compute<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await pool.runIfActive(body)
    }
}
