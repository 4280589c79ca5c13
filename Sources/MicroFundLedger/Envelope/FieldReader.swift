import MicroFundCrypto

/// Reads the members of one JSON object and insists that every member is
/// understood, so a field a client misspelled is an error rather than
/// silently ignored.
struct FieldReader {
    let object: JSONObject
    /// Where the object sits, for messages: "envelope", "body".
    let context: String
    /// Members asked for so far, by position in `object`: one bit each for
    /// the first 64, a list past them (only a hostile object has those).
    private var read: UInt64 = 0
    private var readBeyond: [Int] = []

    init(_ value: JSONValue, context: String) throws(LedgerError) {
        guard let object = value.objectValue else {
            throw LedgerError(.invalidField, "\(context) must be a JSON object")
        }
        // The protocol has no null: an optional member is left out. Taking
        // null for "absent" would store a form that verifiers reject.
        if let null = object.members.first(where: { $0.value.isNull }) {
            throw LedgerError(.invalidField, "\(context).\(null.name.prefix(64)) is null; leave an optional member out instead")
        }
        self.object = object
        self.context = context
    }

    /// The value of member `name`, noting it as read; nil when absent.
    private mutating func lookup(_ name: String) -> JSONValue? {
        guard let position = object.position(of: name) else { return nil }
        if position < 64 {
            read |= 1 << UInt64(position)
        } else if !readBeyond.contains(position) {
            readBeyond.append(position)
        }
        return object.members[position].value
    }

    private func wasRead(_ position: Int) -> Bool {
        position < 64 ? read & (1 << UInt64(position)) != 0 : readBeyond.contains(position)
    }

    mutating func value(_ name: String) throws(LedgerError) -> JSONValue {
        guard let value = lookup(name) else {
            throw LedgerError(.missingField, "\(context).\(name) is required")
        }
        return value
    }

    mutating func has(_ name: String) -> Bool {
        lookup(name) != nil
    }

    mutating func string(_ name: String) throws(LedgerError) -> String {
        guard let text = try value(name).stringValue else {
            throw LedgerError(.invalidField, "\(context).\(name) must be a string")
        }
        return text
    }

    /// A party, need or organisation id.
    mutating func name(_ name: String) throws(LedgerError) -> String {
        let text = try string(name)
        guard Identifier.isValidName(text) else {
            throw LedgerError(.invalidField, "\(context).\(name) must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit")
        }
        return text
    }

    mutating func optionalName(_ name: String) throws(LedgerError) -> String? {
        has(name) ? try self.name(name) : nil
    }

    /// Human-readable text: names and titles.
    mutating func text(_ name: String) throws(LedgerError) -> String {
        let text = try string(name)
        guard Identifier.isValidText(text) else {
            throw LedgerError(.invalidField, "\(context).\(name) must be 1-\(Identifier.textCharacterCountMax) characters without control characters")
        }
        return text
    }

    mutating func timestamp(_ name: String) throws(LedgerError) -> Timestamp {
        let text = try string(name)
        guard let timestamp = Timestamp(text) else {
            throw LedgerError(.invalidTimestamp, "\(context).\(name) must be an RFC 3339 UTC time such as 2026-05-01T09:30:00Z")
        }
        return timestamp
    }

    /// An amount: a JSON integer from 1 to 2^53 − 1 (docs/protocol.md §Amounts).
    mutating func amount(_ name: String) throws(LedgerError) -> Int64 {
        try FieldReader.amount(value(name), field: "\(context).\(name)")
    }

    static func amount(_ value: JSONValue, field: String) throws(LedgerError) -> Int64 {
        guard case .number(let number) = value else {
            throw LedgerError(.invalidField, "\(field) must be a JSON integer")
        }
        guard number.isInteger else {
            throw LedgerError(.amountNotInteger, "\(field) must be a whole number of the asset's unit")
        }
        if number.lexeme.hasPrefix("-") || number.int64 == 0 {
            throw LedgerError(.amountNotPositive, "\(field) must be at least 1")
        }
        guard let amount = number.int64, amount <= JSONNumber.maximumSafeInteger else {
            throw LedgerError(.amountTooLarge, "\(field) must be at most 2^53 − 1")
        }
        return amount
    }

    mutating func asset(_ name: String) throws(LedgerError) -> Asset {
        let text = try string(name)
        guard let asset = Asset(rawValue: text) else {
            throw LedgerError(.invalidField, "\(context).\(name) must be one of \(Asset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return asset
    }

    mutating func account(_ name: String) throws(LedgerError) -> AccountPath {
        let text = try string(name)
        guard let path = AccountPath(text) else {
            throw LedgerError(.invalidAccount, "\(context).\(name) is not an account path such as fund:pool:CNY")
        }
        return path
    }

    /// Base64 of a raw 32-byte Ed25519 public key.
    mutating func publicKey(_ name: String) throws(LedgerError) -> [UInt8] {
        let text = try string(name)
        guard let bytes = ByteEncoding.bytes(base64: text), bytes.count == 32 else {
            throw LedgerError(.invalidField, "\(context).\(name) must be the base64 of a raw 32-byte Ed25519 public key")
        }
        return bytes
    }

    mutating func array(_ name: String, countMax: Int) throws(LedgerError) -> [JSONValue] {
        guard let elements = try value(name).arrayValue else {
            throw LedgerError(.invalidField, "\(context).\(name) must be an array")
        }
        guard elements.count <= countMax else {
            throw LedgerError(.invalidField, "\(context).\(name) may hold at most \(countMax) elements")
        }
        return elements
    }

    mutating func object(_ name: String) throws(LedgerError) -> JSONValue {
        let value = try value(name)
        guard value.objectValue != nil else {
            throw LedgerError(.invalidField, "\(context).\(name) must be an object")
        }
        return value
    }

    /// Fails on any member that was never asked for.
    func finish() throws(LedgerError) {
        // Every member was asked for: nothing unknown (the common case).
        let count = object.count
        if count < 64, read == (1 << UInt64(count)) - 1 { return }
        let unknown = object.members.indices.filter { !wasRead($0) }.map { object.members[$0].name }
        if let extra = CanonicalJSON.sortedNames(unknown).first {
            throw LedgerError(.unknownField, "\(context).\(extra.prefix(64)) is not a field of this kind")
        }
    }
}
