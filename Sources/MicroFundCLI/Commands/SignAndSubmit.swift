import ArgumentParser
import Foundation
import MicroFundLedger
import MicroFundStore

/// `microfund sign`: offline signing, no ledger needed.
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a signature to an envelope (unsigned or partly signed) and print the signed envelope."
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
struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Submit one signed envelope, or JSON lines of them; prints one outcome per envelope."
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

    func run() throws {
        let ledger = try data.directory.open()
        let envelopes = InputFile.envelopes(in: try InputFile.read(file))
        var failure: (any Error)?
        // Report each group as soon as it is durable: a printed "accepted"
        // line is a promise that survives a crash right after it.
        for start in stride(from: 0, to: envelopes.count, by: batch) {
            let group = Array(envelopes[start..<min(start + batch, envelopes.count)])
            do { try Outcomes.report(ledger.submit(group), json: json) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

/// Reading envelopes from files or standard input.
enum InputFile {
    /// Largest input file read: a batch of JSON lines at the envelope limit.
    static let byteCountMax = 1 << 30

    static func read(_ path: String) throws -> [UInt8] {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw CommandFailure("file_unreadable", "cannot read \(path)") }
        guard data.count <= byteCountMax else { throw CommandFailure("file_too_large", "\(path) is over \(byteCountMax) bytes") }
        return [UInt8](data)
    }

    /// One envelope if the whole input is one JSON value (pretty-printed or
    /// not); otherwise each non-blank line is one envelope.
    static func envelopes(in bytes: [UInt8]) -> [[UInt8]] {
        if bytes.count <= Envelope.byteCountMax, (try? JSONParser.parse(bytes)) != nil {
            return [bytes]
        }
        return bytes.split(separator: UInt8(ascii: "\n")).map(Array.init).filter { line in
            line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0d }
        }
    }
}
