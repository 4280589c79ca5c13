public import MicroFundLedger
public import MicroFundStore

/// A submission's outcome on the wire (docs/protocol.md §11.2): one JSON
/// object with members in RFC 8785 order, `outcome` accepted, duplicate or
/// rejected, `seq` and `id` where known, `code` and `message` for a
/// refusal, and the input `line` when the caller numbers its input. The
/// same object for `microfund submit --json` and the HTTP API.
public enum OutcomeWire {
    public static func object(_ outcome: SubmissionOutcome, line: Int? = nil, claimedID: String? = nil) -> JSONObject {
        var members: JSONObject = [:]
        if let line { members["line"] = .integer(Int64(line)) }
        switch outcome {
        case .accepted(let sequence, let id), .duplicate(let sequence, let id):
            members["outcome"] = .string(outcome.isAccepted ? "accepted" : "duplicate")
            members["seq"] = .integer(Int64(sequence))
            members["id"] = .string(id)
        case .rejected(let known, let error):
            members["outcome"] = .string("rejected")
            members["id"] = (known ?? claimedID).map(JSONValue.string) ?? .null
            members["code"] = .string(error.code.rawValue)
            members["message"] = .string(error.message)
        }
        return members
    }

    /// The object as one line of canonical JSON.
    public static func line(_ outcome: SubmissionOutcome, line: Int? = nil, claimedID: String? = nil) -> String {
        let bytes = (try? CanonicalJSON.encode(.object(object(outcome, line: line, claimedID: claimedID)))) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An outcome object read back (what `object` writes): nil when it is
    /// not one. A refusal whose code is not the ledger's keeps its words
    /// under `store_failure`.
    public static func outcome(_ object: JSONObject) -> SubmissionOutcome? {
        let id = object["id"]?.stringValue
        let sequence: UInt64? = if case .number(let number)? = object["seq"], let value = number.int64, value > 0 { UInt64(value) } else { nil }
        switch (object["outcome"]?.stringValue, sequence, id) {
        case ("accepted", let sequence?, let id?): return .accepted(sequence: sequence, id: id)
        case ("duplicate", let sequence?, let id?): return .duplicate(sequence: sequence, id: id)
        case ("rejected", _, _):
            let code = object["code"]?.stringValue.flatMap(LedgerError.Code.init(rawValue:)) ?? .storeFailure
            return .rejected(id: id, LedgerError(code, object["message"]?.stringValue ?? "refused by the server"))
        default: return nil
        }
    }

    /// The `id` an envelope that was refused claims, if it is JSON with one.
    public static func claimedID(_ raw: [UInt8]) -> String? {
        guard raw.count <= Envelope.byteCountMax else { return nil }
        return (try? JSONParser.parse(raw))?.objectValue?["id"]?.stringValue
    }
}

extension SubmissionOutcome {
    /// Whether it was appended now (not a duplicate, not refused).
    public var isAccepted: Bool {
        if case .accepted = self { true } else { false }
    }

    /// Whether it was refused.
    public var isRejected: Bool {
        if case .rejected = self { true } else { false }
    }
}
