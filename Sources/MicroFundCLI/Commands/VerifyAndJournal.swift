import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundClient
import MicroFundStore

/// `microfund verify`: recompute everything from the journal.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Re-verify every signature and recompute every balance from the journal; exits non-zero naming the first bad sequence number.", "按日志重新核验每个签名、重算每个余额；出错时以非零状态退出并指出第一条错误的序号。")
    )

    @OptionGroup var data: DataOptions

    @Flag(help: "Report progress on standard error (the default when it is a terminal).")
    var progress = false

    @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A signed checkpoint saved earlier, to check today's journal against. Repeatable.", valueName: "file"))
    var checkpoints: [String] = []

    func run() async throws {
        let reader = try await data.reader()
        let notes = try checkpoints.map(InputFile.text)
        let total = try reader.loadState().sequence
        let showProgress = progress || isatty(STDERR_FILENO) == 1
        let report = try LedgerVerifier.verify(reader, checkpoints: notes, progress: showProgress ? { checked in
            StandardError.writeProgress("verify: \(checked) of \(total) entries checked")
        } : nil)
        if showProgress { StandardError.writeProgress(nil) }
        if let failure = report.failure {
            throw CommandFailure(.verifyFailed, failure.description)
        }
        StandardOutput.write("ok: \(report.entryCount) entries verified; signatures, rules, balances and the Merkle tree match the journal")
        for checkpoint in report.checkpoints {
            StandardOutput.write("ok: the checkpoint of \(checkpoint.size) entries is signed by the operator and consistent with the journal")
        }
    }
}

/// `microfund journal export`.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: Words.say("Read the journal.", "读取日志。"), subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Print journal entries as JSON lines, in their canonical bytes.", "以规范字节的 JSON 行打印日志条目。"))

        @OptionGroup var data: DataOptions

        @Option(help: ArgumentHelp("First sequence number to print.", valueName: "seq"))
        var from: UInt64 = 1

        func run() async throws {
            if let remote = try data.remote() {
                // Page by page through the server, as the server pages them.
                var next = from
                while true {
                    let lines = try await remote.journalPage(from: next).lines
                    guard let last = lines.last, let entry = try? JournalEntry.decodeParts(last) else { break }
                    StandardOutput.write(lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n"))
                    next = entry.sequence + 1
                }
                return
            }
            let store = try await data.reader()
            var next = from
            while true {
                let page = try store.entries(from: next, limit: 1_024)
                guard let last = page.last else { break }
                // One write per page: per-line flushing would dominate a long export.
                StandardOutput.write(page.map { String(decoding: $0.bytes, as: UTF8.self) }.joined(separator: "\n"))
                next = last.sequence + 1
            }
        }
    }
}
