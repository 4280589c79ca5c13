import Foundation
import MicroFundLedger
import Synchronization

/// Threads of the store's own, outside Swift's concurrency pool, for work
/// that blocks or must not queue behind it.
///
/// - `writer` (one thread) runs the ledger's writer task. The writer hops
///   several times per commit (the writers' turn, the store's write queue,
///   back). Resumed on Swift's concurrency pool, each hop waited behind
///   whatever the pool was busy with — on a server, every request's
///   signature checks: with 64 requests in flight on two cores that was
///   ~13 ms a commit, groups of ~27 envelopes and the disk idle. On a
///   thread that does nothing else the writer resumes at once, and it
///   never blocks that thread: the store's blocking work runs on the
///   store's own queues while the writer awaits it, suspended.
/// - `readers` (four threads) run `LedgerStore.read`'s bodies: a store's
///   calls may block (SQLite's do), and four bound how many at once.
///
/// Each set serves every ledger in the process; jobs start in the order
/// they are enqueued.
public final class StoreThreads: TaskExecutor, Sendable {
    public static let writer = StoreThreads(name: "mf-writer", count: 1)
    public static let readers = StoreThreads(name: "mf-read", count: 4)

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init(name: String, count: Int) {
        for index in 0..<count {
            let label = count == 1 ? name : "\(name)-\(index + 1)"
            // Named from inside (Foundation on Linux names a thread only
            // so), in at most the 15 bytes Linux keeps: `ps -L` and `perf`
            // show these.
            Thread { [self] in
                Thread.current.name = label
                work()
            }.start()
        }
    }

    /// Runs a task's job here (the writer's task prefers this executor).
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        submit { job.runSynchronously(on: executor) }
    }

    /// Runs `body` on one of these threads while the caller awaits, suspended.
    public func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try body() }) }
        }
    }

    private func submit(_ work: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(work) }
        ready.signal()
    }

    private func work() -> Never {
        while true {
            ready.wait()
            guard let next = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            next()
        }
    }
}

extension LedgerError {
    /// An error from a store's read body: itself if it is one, else a
    /// store failure naming only its type (never values it may carry).
    static func of(_ error: any Error) -> LedgerError {
        error as? LedgerError ?? LedgerError(.storeFailure, "the store failed (\(type(of: error)))")
    }
}
