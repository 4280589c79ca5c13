import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport

/// The `microfund` binary built beside the test bundle.
let microfundBinary: URL = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("microfund")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/microfund")
}()

/// What a command printed and how it exited.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a program to completion with its output captured.
@discardableResult
func run(_ executable: URL, _ arguments: [String], directory: URL? = nil, locale: String = "C.UTF-8") throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    // The locale decides the language of messages and reports: pinned, so
    // a machine set to Chinese runs the same tests (those that test the
    // Chinese pass their own).
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = nil
    environment["LC_MESSAGES"] = nil
    environment["LANG"] = locale
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so neither fills and blocks the child.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1_000) }
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs `microfund` with `arguments`.
@discardableResult
func microfund(_ arguments: String...) throws -> Run {
    try run(microfundBinary, arguments)
}

@discardableResult
func microfund(_ arguments: [String]) throws -> Run {
    try run(microfundBinary, arguments)
}

/// Runs `microfund` with `arguments` in a locale such as `zh_CN.UTF-8`.
@discardableResult
func microfund(locale: String, _ arguments: String...) throws -> Run {
    try run(microfundBinary, arguments, locale: locale)
}

/// Runs another tool through /usr/bin/env.
@discardableResult
func tool(_ arguments: String...) throws -> Run {
    try run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
}

@discardableResult
func tool(_ arguments: [String]) throws -> Run {
    try run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
}

/// A fresh temporary directory that removes itself.
final class Scratch {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("microfund-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// File mode bits of `path`.
func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// Two hours ago, plus `seconds`: envelopes the CLI submits are accepted at
/// this machine's time, and their `ts` must lie within 7 days before it
/// (docs/protocol.md §6.1).
func recent(_ seconds: Int64 = 0) -> Timestamp {
    Timestamp.fromEpoch(seconds: Int64(Date().timeIntervalSince1970) - 7_200 + seconds)
}

/// A private key as a PEM file only its owner may read, as the CLI wants it.
func keyFile(_ key: Ed25519PrivateKey, _ name: String, in scratch: Scratch) throws -> String {
    let path = scratch.file("\(name).pem")
    _ = FileManager.default.createFile(atPath: path, contents: Data(try key.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600])
    return path
}
