import Dispatch
import Foundation
import MicroFundStore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writers from several processes take turns here before SQLite's own
/// write lock: an exclusive `flock` on a file beside the database, which
/// the kernel grants to a waiter the moment the holder lets go. SQLite's
/// busy handler instead sleeps and polls, so a waiter could lose the lock
/// to others for longer than its whole bound though no commit held it that
/// long (16 writers at batch 64 on two cores: `store_busy` after 10 s).
/// The bound is on waiting here; writers that do not take turns (another
/// program) are still met by SQLite's busy timeout.
///
/// The blocking `flock` runs on a serial queue of its own, never on a
/// thread of Swift's concurrency pool; a caller that gives up leaves the
/// request to finish there, and the turn it brings is let go at once.
final class WriteTurn: Sendable {
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "microfund.write-turn")

    /// Opens (creating if needed) the turn file for the database at
    /// `databasePath`; nil where it cannot be made (a read-only directory,
    /// where nothing is written anyway).
    init?(databasePath: String) {
        let fd = open(databasePath + ".writer", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Waits for the turn, at most `seconds`; false when the wait ran out.
    func take(waitingAtMost seconds: Int) async -> Bool {
        let claimed = Mutex(false)
        let descriptor = descriptor
        return await withCheckedContinuation { continuation in
            // Whichever comes first, the turn or the deadline, answers.
            @Sendable func answer(_ got: Bool) -> Bool {
                let first = claimed.withLock { done in defer { done = true }; return !done }
                if first { continuation.resume(returning: got) }
                return first
            }
            queue.async {
                while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
                if !answer(true) { flock(descriptor, LOCK_UN) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds)) { _ = answer(false) }
        }
    }

    /// Lets the next writer go.
    func give() {
        flock(descriptor, LOCK_UN)
    }
}
