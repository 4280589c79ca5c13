public import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundStore
import MicroFundService
import MicroFundClient

/// `--data DIR`, which every command takes, and `--server URL`, which
/// makes a command use a running `microfund serve` instead.
public struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger's data directory.", valueName: "dir"))
    var data: String = "./microfund-data"

    @Option(name: .long, help: ArgumentHelp("A running `microfund serve` (http://host:port) to use instead of --data; also MICROFUND_SERVER. Envelopes are signed here: keys never leave this machine.", valueName: "url"))
    var server: String?

    public init() {}

    var directory: DataDirectory { DataDirectory(path: data) }

    /// The server this command talks to: `--server`, else
    /// `MICROFUND_SERVER`; nil to use the data directory.
    func remote(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteLedger? {
        guard let url = server ?? environment["MICROFUND_SERVER"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        return try RemoteLedger(url)
    }

    /// For commands that work on the files themselves (`init`, `keygen`,
    /// `serve`, `receipt`): `--server` is refused; `MICROFUND_SERVER` does
    /// not apply.
    func requireLocal(_ command: String) throws {
        if server != nil { throw CommandFailure(.usage, "`microfund \(command)` works on a data directory, not through --server") }
    }

    /// One consistent view to read: a snapshot of the data directory, or
    /// the server's journal, fetched and checked against its operator's
    /// signed checkpoint (every entry replayed) before anything is read.
    func reader() async throws -> any LedgerReader {
        if let remote = try remote() { return try await remote.journalCopy() }
        return try directory.read()
    }
}

/// How a command that writes signs and submits its envelope.
public struct SigningOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Private key (PKCS#8 PEM) to sign with.", valueName: "file"))
    var key: String

    @Option(name: .long, help: ArgumentHelp("Author party id; defaults to the party the key is registered to.", valueName: "party"))
    var author: String?

    @Option(name: .customLong("envelope-id"), help: ArgumentHelp("Envelope id (the idempotency key); defaults to a new unique id.", valueName: "id"))
    var envelopeID: String?

    @Option(name: .long, help: ArgumentHelp("Author's time: RFC 3339 with an offset (2026-05-01T09:30:00+08:00) or a date (the ledger's day); defaults to now.", valueName: "time"))
    var time: String?

    @Option(name: .customLong("co-sign"), help: ArgumentHelp("Another private key to add a signature with (e.g. the donor's).", valueName: "file"))
    var coSigners: [String] = []

    @Flag(name: .customLong("print-only"), help: "Print the signed envelope instead of submitting it.")
    var printOnly = false

    @Option(name: .customLong("ledger"), help: ArgumentHelp("The origin of the ledger the envelope is for; defaults to the origin of the ledger in --data. Needed with --print-only --author when there is no ledger at hand.", valueName: "origin"))
    var ledgerOrigin: String?

    public init() {}

    public func validate() throws {
        if let ledgerOrigin, !Identifier.isValidOrigin(ledgerOrigin) {
            throw ValidationError("--ledger must be a ledger origin: 1-128 printable ASCII characters without spaces")
        }
        if let envelopeID, !Identifier.isValidEnvelopeID(envelopeID) {
            throw ValidationError("--envelope-id must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'")
        }
    }

    /// `--time` read in the ledger's zone, or now.
    func timestamp(clock: LocalClock) throws -> Timestamp {
        try time.map { try TimeText.parse($0, clock: clock, what: "--time", language: Words.language) } ?? WallClock.now
    }

    func envelopeID(for kind: TransactionKind) -> String {
        envelopeID ?? "\(kind.rawValue)-\(UUID().uuidString.lowercased())"
    }

    /// Builds, signs and submits (or prints) one envelope; prints the outcome.
    /// A refusal whose code `answers` lists is no failure: its words are
    /// printed on stdout and the command exits 0 (`tick` with nothing due).
    func submit(data: DataOptions, kind: TransactionKind, answers: [LedgerError.Code: String] = [:], build: (_ ledger: String, _ id: String, _ author: String, _ time: Timestamp) throws -> EnvelopeDraft) async throws {
        try await submit(data: data, kind: kind, answers: answers) { ledger, id, author, time, _ in try build(ledger, id, author, time) }
    }

    /// The same, for commands that read times of their own (deadlines,
    /// windows): `clock` is the ledger's zone, in which a plain date is a
    /// day (the default zone when signing offline without a ledger).
    func submit(data: DataOptions, kind: TransactionKind, answers: [LedgerError.Code: String] = [:], build: (_ ledger: String, _ id: String, _ author: String, _ time: Timestamp, _ clock: LocalClock) throws -> EnvelopeDraft) async throws {
        let signer = try KeyFiles.readPrivate(key)
        // Signing offline needs no ledger: --print-only with --ledger signs
        // for that origin, reading the data directory only if there is one.
        let remote = try data.remote()
        let offline = printOnly && ledgerOrigin != nil && (author != nil || (remote == nil && !data.directory.exists))
        // Through a server, the state comes from its journal, checked
        // against the operator's signed checkpoint: names, keys and rules
        // read here are the ledger's, whatever the server says.
        let ledger = offline || remote != nil ? nil : try data.directory.open()
        let known: LedgerState? = if let ledger { ledger.snapshot } else if let remote, !offline { try await remote.journalCopy().loadState() } else { nil }
        let clock = known.map { LocalClock.of($0) } ?? .named(Policy.timeZoneDefault)
        let authorID = try author ?? registeredParty(of: signer, in: known)
        guard let origin = ledgerOrigin ?? known?.origin else {
            throw CommandFailure(.notInitialized, "the ledger has no origin; pass --ledger")
        }
        let draft = try build(origin, envelopeID(for: kind), authorID, try timestamp(clock: clock), clock)
        let keys = try [signer] + coSigners.map(KeyFiles.readPrivate)
        let signed = try draft.signed(by: keys)
        if printOnly {
            StandardOutput.write(String(decoding: signed, as: UTF8.self))
            // What was signed, in plain words, beside the bytes (stderr,
            // so the envelope on stdout stays a file to pass on).
            let words = Acknowledgement.describe(try Envelope.decode(signed), state: known ?? LedgerState(), language: Words.language)
            StandardError.write("signed, not submitted: \(LedgerError.oneLine(words)), as \(authorID) for ledger \(origin)")
            return
        }
        // A command a person typed answers in plain words; `submit` keeps
        // the fixed `accepted SEQ ID` form for programs.
        let before = known!
        let envelope = try Envelope.decode(signed)
        let outcome: SubmissionOutcome
        var after: LedgerState
        if let ledger {
            outcome = await ledger.submit(signed)
            after = ledger.snapshot
        } else {
            outcome = try await remote!.submit(signed, language: Words.language)
            // The names the acknowledgement uses, as the envelope left them.
            after = before
            _ = try? after.apply(envelope, at: WallClock.now)
        }
        switch outcome {
        case .accepted(let sequence, _), .duplicate(let sequence, _):
            let duplicate = if case .duplicate = outcome { true } else { false }
            StandardOutput.write(Acknowledgement.line(envelope, sequence: sequence, duplicate: duplicate, state: after, before: before, language: Words.language))
        case .rejected(_, let error):
            if let words = answers[error.code] {
                StandardOutput.write(words)
                return
            }
            try Outcomes.refuse([outcome], state: after)
        }
    }

    private func registeredParty(of key: Ed25519PrivateKey, in state: LedgerState?) throws -> String {
        let keyID = try KeyIdentifier.of(key.publicKey)
        guard let state else {
            throw CommandFailure(.keyUnknown, "with --print-only and no ledger at hand, pass --author: the party key \(keyID) signs for")
        }
        if key.publicKey == state.operatorKey {
            throw CommandFailure(.keyUnknown, "that is the operator key: the operator key signs checkpoints only; sign with a party's key")
        }
        guard let registered = state.keys[keyID] else {
            // --author cannot help a key the ledger does not know, except
            // for an envelope signed now and submitted after registration.
            throw CommandFailure(.keyUnknown, "key \(keyID) is not registered in this ledger: an admin registers it (party register, or key rotate)"
                + (printOnly ? "; to sign for later, pass --author" : ""))
        }
        return registered.party
    }
}

/// Prints submission outcomes: accepted and duplicate lines on stdout,
/// rejections on stderr (with `--json`, one JSON line per envelope on
/// stdout, rejections included).
enum Outcomes {
    /// Prints the outcomes of the commands that submit one envelope they
    /// built themselves; fails if it was rejected.
    /// For commands a person typed (docs/protocol.md §11.3): each
    /// refusal's first line is its code and what went wrong, with what the
    /// terminal may add (the nearest id, what an account has available);
    /// the envelope's id, which names nothing the person typed, comes on a
    /// second line. Fails if any was refused.
    static func refuse(_ outcomes: [SubmissionOutcome], state: LedgerState) throws {
        var refused = false
        for case .rejected(let id, let error) in outcomes {
            refused = true
            let explained = Suggestions.explained(error, state: state)
            StandardError.write(CommandFailure(explained.code.rawValue, explained.message).description
                + (id.map { Words.say("\n  envelope \(LedgerError.oneLine($0)) was not accepted; nothing was written", "\n  信封 \(LedgerError.oneLine($0)) 未被接受，账本没有任何改动") } ?? ""))
        }
        if refused { throw ExitCode(1) }
    }

    /// Prints one line per outcome, naming the input line and the envelope
    /// id where known; returns how many were rejected.
    static func print(_ outcomes: [(line: Int?, outcome: SubmissionOutcome, raw: [UInt8]?)], json: Bool) -> Int {
        var rejected = 0
        for (line, outcome, raw) in outcomes {
            if json {
                StandardOutput.write(OutcomeWire.line(outcome, line: line, claimedID: raw.flatMap(OutcomeWire.claimedID)))
            }
            switch outcome {
            case .accepted(let sequence, let id), .duplicate(let sequence, let id):
                if !json { StandardOutput.write("\(outcome.isAccepted ? "accepted" : "duplicate") \(sequence) \(id)") }
            case .rejected(let known, let error):
                rejected += 1
                if !json {
                    let id = known ?? raw.flatMap(OutcomeWire.claimedID)
                    let place = (line.map { "line \($0): " } ?? "") + (id.map { "\($0): " } ?? "")
                    StandardError.write(CommandFailure(error.code.rawValue, place + error.message).description)
                }
            }
        }
        return rejected
    }



}
