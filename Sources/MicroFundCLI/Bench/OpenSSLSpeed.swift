import Foundation
import MicroFundLedger

/// The anchor every benchmark reports against: `openssl speed ed25519`
/// on one core, measured in the same run as the figure it anchors.
struct OpenSSLSpeed {
    let signsPerSecond: Double
    let verifiesPerSecond: Double
    let command: String

    /// Runs `openssl speed -seconds N ed25519` and reads its summary line,
    /// e.g. ` 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  22686.0   9505.0`.
    /// With `processes` above 1, `-multi` runs that many at once and the
    /// line holds their sum: what the machine's cores give at this moment.
    static func measure(seconds: Int, processes: Int = 1) throws -> OpenSSLSpeed {
        let arguments = ["openssl", "speed", "-seconds", String(seconds)] + (processes > 1 ? ["-multi", String(processes)] : []) + ["ed25519"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // `openssl speed` ends each timed loop on SIGALRM. A child inherits
        // the signal mask of the thread that spawns it, and a caller that
        // runs on a dispatch thread (a test runner, a supervisor) starts us
        // with SIGALRM blocked: openssl would then never stop.
        var alarm = sigset_t()
        sigemptyset(&alarm)
        sigaddset(&alarm, SIGALRM)
        pthread_sigmask(SIG_UNBLOCK, &alarm, nil)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.contains("(Ed25519)") }) else {
            throw CommandFailure(.benchFailed, "could not read `openssl speed` output")
        }
        let numbers = line.split(separator: " ").compactMap { Double($0) }
        guard numbers.count >= 2 else { throw CommandFailure(.benchFailed, "unexpected `openssl speed` line: \(line)") }
        return OpenSSLSpeed(signsPerSecond: numbers[numbers.count - 2], verifiesPerSecond: numbers[numbers.count - 1], command: arguments.joined(separator: " "))
    }
}

/// Monotonic wall-clock time for benchmarks.
enum Stopwatch {
    static func seconds<Result>(_ body: () throws -> Result) rethrows -> (Result, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func seconds<Result>(_ body: () async throws -> Result) async rethrows -> (Result, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try await body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}

extension Double {
    /// A rate with thousands separators and no decimals.
    var rate: String {
        Asset.grouped(UInt64(max(0, self.rounded())))
    }

    /// Two decimals.
    var ratio: String { String(format: "%.2f", self) }
}

/// A scratch data directory for a benchmark: the one given, kept, or a new
/// temporary one, removed when the benchmark ends.
struct BenchDirectory {
    let path: String
    private let isTemporary: Bool

    init(_ given: String?) throws {
        isTemporary = given == nil
        path = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("microfund-bench-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var databasePath: String { path + "/ledger.sqlite" }

    func remove() {
        if isTemporary { try? FileManager.default.removeItem(atPath: path) }
    }
}
