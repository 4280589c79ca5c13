public import MicroFundLedger
import MicroFundCrypto

/// Reports as canonical JSON (RFC 8785), `microfund-report/1`: language
/// neutral (ids, not labels), amounts as exact integers in the asset's unit
/// with the asset named, the checkpoint the report reflects. `report
/// verify` recomputes a report from this and compares the bytes.
public enum JSONRenderer {
    public static let schema = "microfund-report/1"

    public static func render(_ report: Report) throws(LedgerError) -> String {
        String(decoding: try CanonicalJSON.encode(json(report)), as: UTF8.self)
    }

    public static func json(_ report: Report) -> JSONValue {
        var object: JSONObject = [
            "schema": .string(schema), "kind": .string(report.kind.rawValue), "ledger": .string(report.ledger),
            "checkpoint": .object(["size": .integer(Int64(report.size)), "root": .string(ByteEncoding.base64(report.root))]),
            "sections": .array(report.sections.map { section in
                .object([
                    "id": .string(section.id), "columns": .array(section.columns.map { .string($0) }),
                    "rows": .array(section.rows.map { .array($0.map(cell)) }),
                ])
            }),
            "checks": .object(JSONObject(Dictionary(uniqueKeysWithValues: report.checks.map { ($0.id, JSONValue.bool($0.holds)) }))),
        ]
        if let time = report.time { object["time"] = .string(time.text) }
        if let from = report.from { object["from"] = .integer(Int64(from)) }
        if let party = report.party { object["party"] = .string(party) }
        if let need = report.need { object["need"] = .string(need) }
        return .object(object)
    }

    static func cell(_ cell: Cell) -> JSONValue {
        switch cell {
        case .text(let text): .string(text)
        case .time(let time): .string(time.text)
        case .name(let name, let id): .object(["id": .string(id), "name": .string(name)])
        case .amount(let asset, let value): .object(["asset": .string(asset.rawValue), "amount": .number(JSONNumber(lexeme: String(value)))])
        case .count(let value): .integer(value)
        case .empty: .string("")
        }
    }

    /// What a report file says it is, to recompute it: kind, size, the
    /// period's start and the party.
    public struct Claim: Sendable {
        public let kind: Report.Kind
        public let ledger: String
        public let size: UInt64
        public let from: UInt64?
        public let party: String?
        public let need: String?
    }

    public static func claim(_ value: JSONValue) -> Claim? {
        guard let object = value.objectValue, object["schema"]?.stringValue == schema,
              let kind = object["kind"]?.stringValue.flatMap(Report.Kind.init(rawValue:)),
              let ledger = object["ledger"]?.stringValue,
              case .number(let size)? = object["checkpoint"]?.objectValue?["size"], let count = size.int64, count >= 0
        else { return nil }
        var from: UInt64?
        if let value = object["from"] {
            guard case .number(let number) = value, let start = number.int64, start >= 0 else { return nil }
            from = UInt64(start)
        }
        return Claim(kind: kind, ledger: ledger, size: UInt64(count), from: from, party: object["party"]?.stringValue, need: object["need"]?.stringValue)
    }
}
