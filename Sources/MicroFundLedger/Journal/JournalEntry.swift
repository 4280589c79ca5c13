/// The journal's unit: an accepted envelope at its sequence number.
///
/// Its canonical bytes are the RFC 8785 form of
/// `{"envelope": <the envelope, signatures included>, "seq": N}`; they are
/// what is stored, exported, and hashed into the Merkle tree
/// (docs/protocol.md §Journal).
public struct JournalEntry: Sendable {
    public let sequence: UInt64
    public let envelope: Envelope
    public let bytes: [UInt8]

    /// The entry for `envelope` accepted at `sequence`.
    public init(sequence: UInt64, envelope: Envelope) {
        self.sequence = sequence
        self.envelope = envelope
        // RFC 8785 orders "envelope" before "seq", so splicing the envelope's
        // own canonical bytes yields exactly the canonical entry.
        self.bytes = Array(#"{"envelope":"#.utf8) + envelope.canonicalBytes + Array(#","seq":\#(sequence)}"#.utf8)
    }

    /// Reads stored entry bytes back, insisting they are canonical: a byte
    /// changed anywhere, even in whitespace, is an error.
    public init(decoding bytes: [UInt8]) throws(LedgerError) {
        var reader = try FieldReader(JSONParser.parse(bytes), context: "entry")
        _ = reader.has("seq")
        _ = reader.has("envelope")
        guard case .number(let number)? = reader.object["seq"], let sequence = number.int64, sequence > 0 else {
            throw LedgerError(.ledgerCorrupt, "entry.seq must be a positive integer")
        }
        let envelope = try Envelope.decode(json: reader.object["envelope"] ?? .null)
        try reader.finish()
        self.init(sequence: UInt64(sequence), envelope: envelope)
        guard self.bytes == bytes else {
            throw LedgerError(.ledgerCorrupt, "entry \(sequence) is not in canonical form")
        }
    }
}
