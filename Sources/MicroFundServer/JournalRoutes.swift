import HTTPTypes
import Hummingbird
import MicroFundLedger
import MicroFundService
import MicroFundStore
import NIOCore

/// The journal, its checkpoint and proofs: what anyone checks the books
/// with, the same bytes `microfund journal export`, `checkpoint` and
/// `proof` write.
struct JournalRoutes {
    let served: ServedLedger

    /// The most entries one page of `GET /v1/journal` returns.
    static let pageMax: UInt64 = 1_000

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v1/journal") { request, _ in try await journal(request) }
        router.get("/v1/checkpoint") { request, _ in try await checkpoint(request) }
        router.get("/v1/vkey") { request, _ in try await verifierKey(request) }
        router.get("/v1/proofs/inclusion/{seq}") { request, context in try await inclusion(request, context) }
        router.get("/v1/proofs/consistency") { request, _ in try await consistency(request) }
    }

    /// Entries from `from` (1 by default), at most `limit` (100 by
    /// default, 1,000 at most), one canonical entry per line. An empty body
    /// past the end; `MicroFund-Journal-Size` says how many there are.
    private func journal(_ request: Request) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["from", "limit"])
        let from = try query.number("from", in: 1...UInt64(Int64.max)) ?? 1
        let limit = try query.number("limit", in: 1...Self.pageMax) ?? 100
        let (rows, size) = try await read { reader in (try reader.entries(from: from, limit: Int(limit)), try reader.treeSize()) }
        var bytes: [UInt8] = []
        for row in rows { bytes += row.bytes + [0x0A] }
        var response = Reply.raw(bytes, type: "application/x-ndjson")
        response.headers[.journalSize] = String(size)
        return response
    }

    private func checkpoint(_ request: Request) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        guard let key = served.operatorKey else {
            throw Problem(LedgerError(.forbidden, "this server holds no operator key, so it signs no checkpoints"))
        }
        let note = try await read { reader in try Transparency(reader).checkpoint(signedBy: key) }
        return Reply.text(note)
    }

    private func verifierKey(_ request: Request) async throws(Problem) -> Response {
        _ = try Query(request, allowed: [])
        return Reply.text(try await read { reader in try Transparency(reader).verifierKey() } + "\n")
    }

    private func inclusion(_ request: Request, _ context: BasicRequestContext) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["size"])
        let sequence = try context.parameters.number("seq")
        let size = try query.number("size")
        let bytes = try await read { reader in try Transparency(reader).inclusionProof(sequence: sequence, size: size).json() }
        return Reply.raw(bytes + [0x0A], type: "application/json")
    }

    private func consistency(_ request: Request) async throws(Problem) -> Response {
        let query = try Query(request, allowed: ["from", "to"])
        guard let from = try query.number("from") else { throw Problem(.requestInvalid, "give from, the earlier tree size") }
        let to = try query.number("to")
        let bytes = try await read { reader in try Transparency(reader).consistencyProof(from: from, to: to).json() }
        return Reply.raw(bytes + [0x0A], type: "application/json")
    }

    private func read<Value: Sendable>(_ body: @escaping @Sendable (any LedgerReader) throws -> Value) async throws(Problem) -> Value {
        do { return try await served.read(body) } catch { throw Problem.from(error) }
    }
}

extension HTTPField.Name {
    static let journalSize = Self("MicroFund-Journal-Size")!
}
