import Hummingbird
import Metrics
import MicroFundLedger
import MicroFundService
import MicroFundStore
import Prometheus

/// `/healthz` (the store answers) and `/metrics` (Prometheus text).
struct OpsRoutes {
    let served: ServedLedger
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { request, _ in try await health(request) }
        router.get("/metrics") { request, _ in try metrics(request) }
    }

    /// 200 with the journal's size when a read of the store succeeds.
    private func health(_ request: Request) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let size: UInt64
        do { size = try await served.read { try $0.treeSize() } } catch { throw Problem.from(error) }
        return try Reply.json(.object(["status": .string("ok"), "size": .integer(Int64(size))]))
    }

    private func metrics(_ request: Request) throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        Gauge(label: "microfund_journal_entries").record(Int64(served.ledger.head.size))
        Gauge(label: "microfund_write_queue_envelopes").record(Int64(served.ledger.pendingCount))
        return Reply.text(registry.emitToString(), type: "text/plain; version=0.0.4; charset=utf-8")
    }
}

/// The process's metrics: swift-metrics backed by one Prometheus registry,
/// bootstrapped once however many servers a process starts (tests do).
enum MetricsBackend {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // swift-metrics labels such as `http.server.request.duration` become
        // Prometheus names: letters, digits and underscores.
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitized(name), labels.map { (sanitized($0.0), $0.1) })
        }
        factory.valueHistogramBuckets["microfund_commit_group_envelopes"] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024]
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    private static func sanitized(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) || scalar == "_" ? scalar : "_"
        }))
    }
}
