import Foundation

/// Runs independent jobs on up to `workers` threads, biggest first as the
/// caller orders them, and returns their results in job order, so the
/// outcome never depends on which thread finished first.
enum ParallelMap {
    static func run<Result: Sendable>(
        _ count: Int, workers: Int, _ job: @Sendable (Int) -> Result
    ) -> [Result] {
        let box = ResultBox<Result>(count: count)
        let threads = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let next = box.claim() {
                box.store(job(next), at: next)
            }
        }
        return box.results.map { $0! }
    }
}

private final class ResultBox<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    var results: [Result?]

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
}
