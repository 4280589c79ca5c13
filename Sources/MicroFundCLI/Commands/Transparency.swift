import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundClient
import MicroFundStore
import MicroFundService

/// `microfund checkpoint`: the current signed checkpoint.
struct CheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: Words.say("Print the journal's current checkpoint (C2SP tlog-checkpoint), signed by the operator key.", "打印日志当前的检查点（C2SP tlog-checkpoint），由运营方密钥签名。")
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("The operator's private key; defaults to DIR/keys/operator.pem.", valueName: "file"))
    var key: String?

    @Flag(help: "Print the operator's verifier key (signed-note vkey) instead.")
    var vkey = false

    func run() async throws {
        if let remote = try data.remote() {
            // The server signs with the operator key it holds.
            StandardOutput.write(try await remote.fetch(vkey ? "/v1/vkey" : "/v1/checkpoint").text)
            return
        }
        let transparency = Transparency(try await data.reader())
        if vkey {
            StandardOutput.write(try transparency.verifierKey())
            return
        }
        _ = try transparency.genesis()
        let note = try transparency.checkpoint(signedBy: KeyFiles.readPrivate(key ?? data.directory.operatorKeyPath))
        Stream.write(FileHandle.standardOutput, note)
    }
}

/// `microfund proof inclusion|consistency`.
struct ProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: Words.say("Print RFC 9162 proofs as JSON (hashes in standard base64).", "以 JSON 打印 RFC 9162 证明（哈希为标准 base64）。"),
        subcommands: [Inclusion.self, Consistency.self]
    )

    struct Inclusion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Prove that entry SEQ is in the tree of SIZE entries; the proof carries the entry.", "证明第 SEQ 条在 SIZE 条的树中；证明附带该条目。"))

        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("The entry's sequence number.", valueName: "n"))
        var seq: UInt64
        @Option(help: ArgumentHelp("Tree size; defaults to the current one.", valueName: "s"))
        var size: UInt64?

        func run() async throws {
            if let remote = try data.remote() {
                let answer = try await remote.fetch("/v1/proofs/inclusion/\(seq)", query: size.map { [("size", String($0))] } ?? [])
                StandardOutput.write(answer.text)
                return
            }
            let proof = try await Transparency(data.reader()).inclusionProof(sequence: seq, size: size)
            StandardOutput.write(String(decoding: try proof.json(), as: UTF8.self))
        }
    }

    struct Consistency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Prove that the tree of FROM entries is a prefix of the tree of TO entries.", "证明 FROM 条的树是 TO 条的树的前缀。"))

        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("The earlier tree size.", valueName: "a"))
        var from: UInt64
        @Option(help: ArgumentHelp("The later tree size; defaults to the current one.", valueName: "b"))
        var to: UInt64?

        func run() async throws {
            if let remote = try data.remote() {
                let answer = try await remote.fetch("/v1/proofs/consistency", query: [("from", String(from))] + (to.map { [("to", String($0))] } ?? []))
                StandardOutput.write(answer.text)
                return
            }
            let proof = try await Transparency(data.reader()).consistencyProof(from: from, to: to)
            StandardOutput.write(String(decoding: try proof.json(), as: UTF8.self))
        }
    }
}

/// `microfund verify-proof`: offline, no database.
struct VerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: Words.say("Check an inclusion or consistency proof against signed checkpoints, without a database.", "对照已签名的检查点核验包含证明或一致性证明，无需数据库。")
    )

    @Option(help: ArgumentHelp("The proof JSON from `microfund proof`.", valueName: "file"))
    var proof: String
    @Option(help: ArgumentHelp("The signed checkpoint the proof is for (the later one, for consistency).", valueName: "file"))
    var checkpoint: String
    @Option(name: .customLong("old-checkpoint"), help: ArgumentHelp("For a consistency proof: the earlier signed checkpoint.", valueName: "file"))
    var oldCheckpoint: String?
    @Option(name: .customLong("operator-key"), help: ArgumentHelp("The operator's public key (PEM), e.g. keys/operator.pem.pub.", valueName: "file"))
    var operatorKey: String?
    @Option(help: ArgumentHelp("The operator's verifier key text, instead of --operator-key.", valueName: "vkey"))
    var vkey: String?
    @Option(help: ArgumentHelp("The ledger origin to insist on; defaults to the checkpoint's own.", valueName: "origin"))
    var origin: String?

    func validate() throws {
        guard (operatorKey == nil) != (vkey == nil) else { throw ValidationError("give exactly one of --operator-key and --vkey") }
    }

    func run() throws {
        let (name, key) = try verifier()
        let latest = try Checkpoint.open(InputFile.text(checkpoint), origin: name, key: key)
        let document = try JSONParser.parse(InputFile.read(proof))
        switch document.objectValue?["type"]?.stringValue {
        case "inclusion":
            let inclusion = try InclusionProof(json: document)
            try inclusion.verify(against: latest)
            StandardOutput.write("ok: entry \(inclusion.sequence) is in the journal of \(latest.size) entries signed by \(name)")
        case "consistency":
            guard let oldCheckpoint else { throw ValidationError("a consistency proof needs --old-checkpoint") }
            let earlier = try Checkpoint.open(InputFile.text(oldCheckpoint), origin: name, key: key)
            try ConsistencyProof(json: document).verify(from: earlier, to: latest)
            StandardOutput.write("ok: the journal of \(earlier.size) entries is a prefix of the journal of \(latest.size) entries")
        default:
            throw CommandFailure(LedgerError(.proofMalformed, "the proof's type must be inclusion or consistency"))
        }
    }

    /// The key name (origin) and key that must have signed the checkpoints.
    private func verifier() throws -> (String, Ed25519PublicKey) {
        if let vkey {
            guard let parsed = SignedNote.parseVerifierKey(vkey) else {
                throw CommandFailure(LedgerError(.checkpointMalformed, "not an Ed25519 verifier key"))
            }
            if let origin, origin != parsed.name { throw CommandFailure(LedgerError(.checkpointMalformed, "the verifier key is for \(parsed.name)")) }
            return (parsed.name, parsed.key)
        }
        let key = try KeyFiles.readPublic(operatorKey!)
        let name = try origin ?? Checkpoint(text: SignedNote.unverifiedText(InputFile.text(checkpoint))).origin
        return (name, key)
    }
}

extension InputFile {
    static func text(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }
}
