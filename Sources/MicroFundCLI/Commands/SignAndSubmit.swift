import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundClient
import MicroFundService
import MicroFundStore

/// `microfund sign`: offline signing, no ledger needed.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Add a signature to an envelope (unsigned or partly signed) and print the signed envelope.", "为信封（未签或部分签名）添加签名并打印。")
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Private key (PKCS#8 PEM) to sign with.", valueName: "file"))
    var key: String

    @Argument(help: ArgumentHelp("The envelope JSON file, or - for standard input.", valueName: "envelope.json"))
    var envelope: String

    func run() throws {
        let json = try JSONParser.parse(InputFile.read(envelope))
        let signed = try Envelope.sign(json, with: [KeyFiles.readPrivate(key)])
        // Decoding catches a malformed envelope here rather than at submission.
        _ = try Envelope.decode(signed)
        StandardOutput.write(String(decoding: signed, as: UTF8.self))
    }
}

/// `microfund submit`: signed envelopes from a file.
struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Submit one signed envelope, or JSON lines of them; prints one outcome per envelope.", "提交一个或多个（JSON 行）已签名信封；逐个打印结果。")
    )

    @OptionGroup var data: DataOptions

    @Flag(help: "Print outcomes as JSON lines.")
    var json = false

    @Option(help: ArgumentHelp("Envelopes committed together; outcomes print as each group commits.", valueName: "n"))
    var batch = 1_024

    func validate() throws {
        guard (1...Ledger.batchCountMax).contains(batch) else { throw ValidationError("--batch must be 1 to \(Ledger.batchCountMax)") }
    }

    @Argument(help: ArgumentHelp("File of signed envelopes, or - for standard input.", valueName: "file"))
    var file: String

    func run() async throws {
        // Each group goes to the local write path, or to a server as one
        // ndjson batch whose outcomes come back numbered by this input's lines.
        let send: ([[UInt8]]) async throws -> [SubmissionOutcome]
        if let remote = try data.remote() {
            send = { group in try await Self.post(group, to: remote) }
        } else {
            let ledger = try data.directory.open()
            send = { group in await ledger.submit(group) }
        }
        var stream = try EnvelopeStream(path: file)
        var rejected = 0
        var count = 0
        // Report each group as soon as it is durable: a printed "accepted"
        // line is a promise that survives a crash right after it.
        while true {
            var group: [EnvelopeStream.Item] = []
            while group.count < batch, let item = try stream.next() { group.append(item) }
            guard !group.isEmpty else { break }
            count += group.count
            let outcomes = try await send(group.map(\.bytes))
            rejected += Outcomes.print(zip(group, outcomes).map { ($0.line, $1, $0.bytes) }, json: json)
        }
        guard count > 0 else {
            throw CommandFailure(.inputEmpty, "\(file == "-" ? "standard input" : file) holds no envelope")
        }
        if rejected > 0 { throw ExitCode(1) }
    }

    /// One group as an ndjson batch to a server; its outcomes in order.
    static func post(_ group: [[UInt8]], to remote: RemoteLedger) async throws -> [SubmissionOutcome] {
        let body = group.map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
        let answer = try await remote.post("/v1/transactions", body: Array(body.utf8), type: "application/x-ndjson")
        if let problem = answer.problem { throw CommandFailure(problem) }
        let outcomes = answer.text.split(separator: "\n").compactMap { (try? JSONParser.parse(Array($0.utf8)).objectValue).flatMap(OutcomeWire.outcome) }
        guard outcomes.count == group.count else {
            throw CommandFailure(ClientCode.serverAnswerInvalid.rawValue, "the server answered \(outcomes.count) outcomes for \(group.count) envelopes")
        }
        return outcomes
    }
}

/// Reading whole small files (an envelope to sign, a proof, a checkpoint)
/// or standard input; `submit` streams instead (`EnvelopeStream`).
enum InputFile {
    /// Largest file read whole: far above any proof, checkpoint or envelope.
    static let byteCountMax = 1 << 24

    static func read(_ path: String) throws -> [UInt8] {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw CommandFailure(.fileUnreadable, "cannot read \(path)") }
        guard data.count <= byteCountMax else { throw CommandFailure(.fileTooLarge, "\(path) is over \(byteCountMax) bytes") }
        return [UInt8](data)
    }
}
