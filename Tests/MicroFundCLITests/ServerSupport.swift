import Foundation
import MicroFundClient
import MicroFundLedger
import MicroFundService

/// A `microfund serve` process on a ledger of its own, on a port the
/// system chose: started, talked to, and stopped by signal.
final class ServedLedgerProcess: @unchecked Sendable {
    let scratch: Scratch
    let data: String
    private(set) var process: Process
    private(set) var url = ""
    private var stderrFile: String { scratch.file("serve.err") }
    let arguments: [String]
    let environment: [String: String]

    /// A copy of the demo ledger (or `data`, made by the caller), served
    /// with `arguments` and `environment` added.
    init(data: String? = nil, scratch: Scratch? = nil, arguments: [String] = [], environment: [String: String] = [:]) throws {
        let scratch = try scratch ?? Scratch()
        self.scratch = scratch
        self.arguments = arguments
        self.environment = environment
        if let data {
            self.data = data
        } else {
            self.data = scratch.file("demo")
            let made = try microfund("demo", "--data", self.data)
            guard made.status == 0 else { throw ServeFailure("demo failed: \(made.stderr)") }
        }
        process = Process()
        try start()
    }

    /// Starts (or restarts) the server and waits for `listening on`.
    func start() throws {
        process = Process()
        process.executableURL = microfundBinary
        process.arguments = ["serve", "--data", data, "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        for (name, value) in self.environment { environment[name] = value }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        FileManager.default.createFile(atPath: stderrFile, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServeFailure("the server exited before listening: \(log)") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "listening on ") else { throw ServeFailure("unexpected first line: \(text)") }
        url = String(text[range.upperBound...].prefix { $0 != "\n" })
    }

    var log: String { (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "" }
    var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    /// Sends `signal` and waits for the exit; the exit status.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    var remote: RemoteLedger { get throws { try RemoteLedger(url) } }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RemoteLedger.Answer {
    /// The body as JSON (a problem, an outcome, a list).
    var json: JSONObject? { try? JSONParser.parse(body).objectValue }
    var code: String? { json?["code"]?.stringValue }
}

/// The journal's canonical lines, as `microfund journal export` prints them.
func journalLines(_ data: String) throws -> [String] {
    try microfund("journal", "export", "--data", data).stdout.split(separator: "\n").map(String.init)
}
