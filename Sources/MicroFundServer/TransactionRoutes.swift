import Foundation
import Hummingbird
import Metrics
import MicroFundLedger
import MicroFundService
import MicroFundStore
import NIOCore
import Synchronization

/// `POST /v1/transactions` and `GET /v1/transactions/{id}`: signed
/// envelopes in through the one write path, outcomes out.
struct TransactionRoutes {
    let served: ServedLedger
    let configuration: ServerConfiguration
    let stopping: ShutdownFlag

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/transactions") { request, _ in try await submit(request) }
        router.get("/v1/transactions/{id}") { request, context in try await transaction(request, context) }
    }

    private func submit(_ request: Request) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["lang"])
        let language = try query.language(request)
        // The media type without parameters; an empty header is no type.
        let type = request.headers[.contentType].flatMap { $0.split(separator: ";").first }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/json" || type == "application/x-ndjson" else {
            throw Problem(.unsupportedMediaType, "send one envelope as application/json or a batch as application/x-ndjson, not \(type ?? "no Content-Type")")
        }
        try admit()
        let body = try await RequestBodyReader(bytesMax: configuration.bodyBytesMax, seconds: configuration.requestSeconds).read(request)
        if type == "application/json" { return try await single(body, language: language) }
        return try batch(body)
    }

    /// Refuses new writes when stopping or when the queue is full.
    private func admit() throws(Problem) {
        if stopping.isSet { throw Problem(.shuttingDown, "the service is stopping; nothing was accepted") }
        let pending = served.ledger.pendingCount
        guard pending < configuration.queueCountMax else {
            throw Problem(.overloaded, "\(pending) envelopes are waiting for the writer; nothing was accepted, try again", retryAfterSeconds: 1)
        }
    }

    private func single(_ body: [UInt8], language: Language) async throws(Problem) -> Response {
        // A file sent as it is ends with a newline: JSON allows whitespace around the value.
        var body = body[...]
        while let last = body.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { body.removeLast() }
        guard !body.isEmpty else { throw Problem(.requestInvalid, "the body is empty: send one signed envelope") }
        let (outcome, envelope) = await served.ledger.submitDecoding(Array(body))
        Self.count(outcome)
        switch outcome {
        case .rejected(_, let error):
            throw Problem(error)
        case .accepted, .duplicate:
            var object = OutcomeWire.object(outcome)
            if let envelope {
                object["kind"] = .string(envelope.kind.rawValue)
                object["summary"] = .string(Acknowledgement.describe(envelope, state: served.ledger.snapshot, language: language))
            }
            return try Reply.json(.object(object), status: outcome.isAccepted ? .created : .ok)
        }
    }

    /// One outcome per input line (`line` numbers them from 1), written as
    /// each group commits; blank lines are skipped.
    private func batch(_ body: [UInt8]) throws(Problem) -> Response {
        var lines: [(number: Int, bytes: [UInt8])] = []
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var bytes = Array(line)
            if bytes.last == 0x0D { bytes.removeLast() }
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            lines.append((index + 1, bytes))
        }
        guard !lines.isEmpty else { throw Problem(.requestInvalid, "the batch holds no envelope") }
        guard lines.count <= configuration.batchCountMax else {
            throw Problem(.batchTooLarge, "the batch holds \(lines.count) envelopes; at most \(configuration.batchCountMax)")
        }
        let ledger = served.ledger
        let chunks = stride(from: 0, to: lines.count, by: Self.chunkCount).map { Array(lines[$0..<min($0 + Self.chunkCount, lines.count)]) }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
            for chunk in chunks {
                let outcomes = await ledger.submit(chunk.map(\.bytes))
                var text = ""
                for (line, outcome) in zip(chunk, outcomes) {
                    Self.count(outcome)
                    text += OutcomeWire.line(outcome, line: line.number, claimedID: outcome.isRejected ? OutcomeWire.claimedID(line.bytes) : nil) + "\n"
                }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        })
    }

    /// Envelopes per streamed group of a batch.
    static let chunkCount = 64

    private func transaction(_ request: Request, _ context: BasicRequestContext) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        let id = try context.parameters.text("id")
        guard id.utf8.count <= 128 else { throw Problem(.transactionUnknown, "no transaction has an id that long") }
        let stored: StoredEntry?
        do {
            stored = try await served.read { reader in
                guard let prior = try reader.priorOutcomes(envelopeIDs: [id])[id] else { return nil }
                return try reader.entries(from: prior.sequence, limit: 1).first
            }
        } catch {
            throw Problem.from(error)
        }
        guard let stored else { throw Problem(.transactionUnknown, "no transaction with id \(id) is in the journal") }
        return Reply.raw(stored.bytes + [0x0A], type: "application/json")
    }

    static func count(_ outcome: SubmissionOutcome) {
        let (kind, code): (String, String) = switch outcome {
        case .accepted: ("accepted", "")
        case .duplicate: ("duplicate", "")
        case .rejected(_, let error): ("rejected", error.code.rawValue)
        }
        let key = kind + ":" + code
        let counter = counters.withLock { counters in
            if let known = counters[key] { return known }
            let made = Counter(label: "microfund_transactions_total", dimensions: [("outcome", kind), ("code", code)])
            counters[key] = made
            return made
        }
        counter.increment()
    }

    /// One counter per outcome and code, made once (a metrics lookup per
    /// request would cost more than the increment).
    private static let counters = Mutex<[String: Counter]>([:])
}

/// Set once the service group begins its graceful shutdown.
final class ShutdownFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}

extension Problem {
    /// Any error a read threw, as a problem.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: problem
        case let error as ServiceError: Problem(error)
        case let error as LedgerError: Problem(error)
        default: Problem(.internalError, "the read failed")
        }
    }
}
