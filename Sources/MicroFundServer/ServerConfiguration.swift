/// How `microfund serve` runs: where it listens and its limits. Each
/// setting has a flag and a `MICROFUND_*` environment variable
/// (docs/http.md §2); a flag wins over the variable.
public struct ServerConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The largest request body read, in bytes (1 MiB).
    public var bodyBytesMax = 1 << 20
    /// The most envelopes one ndjson batch may hold.
    public var batchCountMax = 1_024
    /// Envelopes waiting for the writer beyond which writes are refused
    /// `overloaded` (503 with `Retry-After`).
    public var queueCountMax = 8_192
    /// Seconds a connection may sit idle before the server closes it.
    public var idleSeconds = 30
    /// Seconds a request body may take to arrive.
    public var requestSeconds = 30
    /// The largest header block, in bytes.
    public var headerBytesMax = 16 * 1_024
    /// Seconds shutdown waits for in-flight requests before closing.
    public var shutdownSeconds = 10

    public init() {}

    /// The settings the environment gives (`MICROFUND_HOST`,
    /// `MICROFUND_PORT`, `MICROFUND_BODY_MAX`, `MICROFUND_BATCH_MAX`,
    /// `MICROFUND_QUEUE_MAX`, `MICROFUND_IDLE_TIMEOUT`,
    /// `MICROFUND_REQUEST_TIMEOUT`, `MICROFUND_HEADER_MAX`), each checked
    /// against its range; the defaults where unset.
    public static func from(environment: [String: String]) throws(ConfigurationError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let host = environment["MICROFUND_HOST"] { configuration.host = host }
        func number(_ name: String, _ range: ClosedRange<Int>, into value: inout Int) throws(ConfigurationError) {
            guard let text = environment[name] else { return }
            value = try Self.number(text, name: name, range)
        }
        try number("MICROFUND_PORT", Self.ranges.port, into: &configuration.port)
        try number("MICROFUND_BODY_MAX", Self.ranges.body, into: &configuration.bodyBytesMax)
        try number("MICROFUND_BATCH_MAX", Self.ranges.batch, into: &configuration.batchCountMax)
        try number("MICROFUND_QUEUE_MAX", Self.ranges.queue, into: &configuration.queueCountMax)
        try number("MICROFUND_IDLE_TIMEOUT", Self.ranges.seconds, into: &configuration.idleSeconds)
        try number("MICROFUND_REQUEST_TIMEOUT", Self.ranges.seconds, into: &configuration.requestSeconds)
        try number("MICROFUND_HEADER_MAX", Self.ranges.header, into: &configuration.headerBytesMax)
        return configuration
    }

    /// Each setting's accepted values.
    public static let ranges = (
        port: 0...65_535, body: 1_024...(64 << 20), batch: 1...1_024, queue: 1...1_000_000,
        seconds: 1...3_600, header: 1_024...(1 << 20)
    )

    public static func number(_ text: String, name: String, _ range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text)")
        }
        return value
    }
}

public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
