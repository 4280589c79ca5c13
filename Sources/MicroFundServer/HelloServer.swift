public import Hummingbird
import Logging

/// A Hummingbird hello-world on the same HTTP/1 channel settings as the
/// ledger's server: the anchor `microfund bench serve` measures reads
/// against, in the same run.
public enum HelloServer {
    /// Serves `GET /` → `hello` until the task is cancelled.
    public static func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let router = Router()
        router.get("/") { _, _ in "hello" }
        var logger = Logger(label: "hello")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await app.runService(gracefulShutdownSignals: [])
    }
}
