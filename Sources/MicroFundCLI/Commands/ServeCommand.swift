import ArgumentParser
import Foundation
import Logging
import MicroFundLedger
import MicroFundServer
import MicroFundService
import MicroFundStore

/// `microfund serve`: the ledger as an HTTP service (docs/http.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: Words.say("Serve the ledger over HTTP: the /v1 JSON API, /healthz and /metrics.", "以 HTTP 提供账本服务：/v1 JSON API、/healthz 与 /metrics。"),
        discussion: """
            Listens on --host and --port (127.0.0.1:8080; port 0 lets the system choose) and prints \
            `listening on http://HOST:PORT` once it accepts connections. Limits and addresses can \
            also be set with MICROFUND_HOST, MICROFUND_PORT, MICROFUND_BODY_MAX, MICROFUND_BATCH_MAX, \
            MICROFUND_QUEUE_MAX, MICROFUND_IDLE_TIMEOUT, MICROFUND_REQUEST_TIMEOUT and \
            MICROFUND_HEADER_MAX; a flag wins over its variable. One log line per request goes to \
            standard error (MICROFUND_LOG_LEVEL: info by default). SIGTERM or SIGINT stops it \
            gracefully and it exits 0.
            """
    )

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The address to listen on.", valueName: "host"))
    var host: String?
    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int?
    @Option(name: .customLong("body-max"), help: ArgumentHelp("The largest request body, in bytes (1048576).", valueName: "bytes"))
    var bodyMax: Int?
    @Option(name: .customLong("batch-max"), help: ArgumentHelp("The most envelopes in one batch (1024).", valueName: "n"))
    var batchMax: Int?
    @Option(name: .customLong("queue-max"), help: ArgumentHelp("Envelopes waiting for the writer past which writes get 503 (8192).", valueName: "n"))
    var queueMax: Int?
    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds an idle connection stays open (30).", valueName: "s"))
    var idleTimeout: Int?
    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds a request body may take to arrive (30).", valueName: "s"))
    var requestTimeout: Int?

    func run() async throws {
        try data.requireLocal("serve")
        let settings = try configuration()
        let directory = data.directory
        let ledger = try directory.open()
        let key = FileManager.default.fileExists(atPath: directory.operatorKeyPath) ? try KeyFiles.readPrivate(directory.operatorKeyPath) : nil
        var logger = Logger(label: "microfund")
        logger.logLevel = ProcessInfo.processInfo.environment["MICROFUND_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let server = LedgerServer(served: ServedLedger(ledger: ledger, operatorKey: key), configuration: settings, logger: logger)
        try await server.run { port in
            StandardOutput.write("listening on http://\(settings.host):\(port)")
        }
        // Everything acknowledged is durable already; closing checkpoints
        // the WAL into the main file.
        try ledger.store.close()
    }

    private func configuration() throws -> ServerConfiguration {
        var settings: ServerConfiguration
        do { settings = try ServerConfiguration.from(environment: ProcessInfo.processInfo.environment) } catch {
            throw CommandFailure(.usage, error.message)
        }
        let ranges = ServerConfiguration.ranges
        func apply(_ value: Int?, _ flag: String, _ range: ClosedRange<Int>, _ path: WritableKeyPath<ServerConfiguration, Int>) throws {
            guard let value else { return }
            guard range.contains(value) else { throw CommandFailure(.usage, "--\(flag) must be from \(range.lowerBound) to \(range.upperBound), not \(value)") }
            settings[keyPath: path] = value
        }
        if let host { settings.host = host }
        try apply(port, "port", ranges.port, \.port)
        try apply(bodyMax, "body-max", ranges.body, \.bodyBytesMax)
        try apply(batchMax, "batch-max", ranges.batch, \.batchCountMax)
        try apply(queueMax, "queue-max", ranges.queue, \.queueCountMax)
        try apply(idleTimeout, "idle-timeout", ranges.seconds, \.idleSeconds)
        try apply(requestTimeout, "request-timeout", ranges.seconds, \.requestSeconds)
        return settings
    }
}
