public import Hummingbird
public import Logging
import Metrics
import MicroFundLedger
import MicroFundService
import MicroFundStore
import NIOCore
import HummingbirdCore
public import ServiceLifecycle
import UnixSignals

/// `microfund serve`: the `/v1` JSON API, `/healthz` and `/metrics` on
/// Hummingbird 2, over one `ServedLedger`. SIGTERM or SIGINT stops it
/// gracefully: no new connections, in-flight requests finish (writes
/// that arrive meanwhile are refused `shutting_down`), the writer's queue
/// drains, and the process exits 0. Nothing acknowledged is lost: an
/// outcome is sent only after its group is durable.
public struct LedgerServer: Sendable {
    public let served: ServedLedger
    public let configuration: ServerConfiguration
    public let logger: Logger

    public init(served: ServedLedger, configuration: ServerConfiguration, logger: Logger) {
        self.served = served
        self.configuration = configuration
        self.logger = logger
    }

    /// The router with every route (docs/http.md, docs/openapi.yaml).
    func router(stopping: ShutdownFlag) -> Router<BasicRequestContext> {
        let registry = MetricsBackend.registry
        served.ledger.observeCommits { count in
            Recorder(label: "microfund_commit_group_envelopes", aggregate: true).record(count)
        }
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(RequestLogMiddleware())
        router.middlewares.add(MetricsMiddleware())
        router.middlewares.add(ProblemMiddleware())
        TransactionRoutes(served: served, configuration: configuration, stopping: stopping).register(on: router)
        JournalRoutes(served: served).register(on: router)
        StateRoutes(served: served).register(on: router)
        ReportRoutes(served: served).register(on: router)
        OpsRoutes(served: served, registry: registry).register(on: router)
        return router
    }

    /// Runs until SIGTERM or SIGINT; `onListening` is told the port bound
    /// (the one asked for, or the kernel's pick for port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let stopping = ShutdownFlag()
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: configuration.headerBytesMax, maxHeaderListSize: configuration.headerBytesMax, maxHeaderFieldCount: 100)
        let app = Application(
            router: router(stopping: stopping),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.idleSeconds)), httpDecoderConfiguration: decoder)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "microfund"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let follower = JournalFollower(served: served, logger: logger)
        let watch = ShutdownWatch(stopping: stopping, served: served)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: watch),
                    .init(service: follower),
                    .init(service: app, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}

/// Marks the server stopping as soon as the group's graceful shutdown
/// begins, then waits for the writer's queue to drain.
struct ShutdownWatch: Service {
    let stopping: ShutdownFlag
    let served: ServedLedger

    func run() async throws {
        try? await gracefulShutdown()
        stopping.set()
        while served.ledger.pendingCount > 0 { try? await Task.sleep(for: .milliseconds(10)) }
    }
}

/// Catches up, once a second, with entries other processes appended to
/// the same data directory, so reads of the published snapshot include
/// them within a second.
struct JournalFollower: Service {
    let served: ServedLedger
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                try await served.ledger.catchUp()
            } catch {
                logger.warning("catching up with the journal failed", metadata: ["code": .string(error.code.rawValue)])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
