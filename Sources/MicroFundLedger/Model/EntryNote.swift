/// What a fund manager writes beside money moving: a memo for people
/// (`Spring fair collection`, `春季义卖`) and the external reference of the
/// paper trail (a receipt or bank-transfer number). Both optional; a
/// reference, when given, names one entry of its kind only, so the same
/// receipt can never be booked twice (`reference_duplicate`).
public struct EntryNote: Sendable, Equatable, Hashable {
    public let memo: String?
    public let reference: String?

    public init(memo: String? = nil, reference: String? = nil) {
        self.memo = memo
        self.reference = reference
    }

    /// No memo, no reference.
    public static let none = EntryNote()

    /// Most code points in a reference: receipt and transfer numbers are short.
    public static let referenceCharacterCountMax = 64

    /// Reads the optional `memo` (display text, §2.2) and `reference`
    /// (display text of at most 64 code points) of a body.
    static func read(_ body: inout FieldReader) throws(LedgerError) -> EntryNote {
        let memo = body.has("memo") ? try body.text("memo") : nil
        var reference: String?
        if body.has("reference") {
            let text = try body.string("reference")
            guard Identifier.isValidText(text), text.unicodeScalars.count <= referenceCharacterCountMax else {
                throw LedgerError(.invalidField, "body.reference must be 1-\(referenceCharacterCountMax) characters without control characters")
            }
            reference = text
        }
        return EntryNote(memo: memo, reference: reference)
    }

    /// Adds the members to a body that is being made.
    func add(to body: inout JSONObject) {
        if let memo { body["memo"] = .string(memo) }
        if let reference { body["reference"] = .string(reference) }
    }
}

/// Which entries a reference must be unique among: one namespace per kind
/// of money movement.
public struct ReferenceKey: Sendable, Hashable {
    /// `donation.record`, `donation.refund` or `disburse` (a payout motion).
    public let kind: String
    public let reference: String

    public init(kind: String, reference: String) {
        self.kind = kind
        self.reference = reference
    }
}
