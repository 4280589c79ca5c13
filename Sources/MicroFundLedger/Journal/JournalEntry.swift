/// The journal's unit: an accepted envelope at its sequence number and the
/// ledger's time of acceptance.
///
/// Its canonical bytes are the RFC 8785 form of
/// `{"envelope": <the envelope, signatures included>, "seq": N, "time": T}`;
/// they are what is stored, exported, and hashed into the Merkle tree
/// (docs/protocol.md §6). `time` is the time the ledger vouches for: every
/// deadline is judged against it, never against the author's own `ts`.
public struct JournalEntry: Sendable {
    public let sequence: UInt64
    public let time: Timestamp
    public let envelope: Envelope
    public let bytes: [UInt8]

    /// The entry for `envelope` accepted at `sequence` and `time`.
    public init(sequence: UInt64, time: Timestamp, envelope: Envelope) {
        self.sequence = sequence
        self.time = time
        self.envelope = envelope
        // RFC 8785 orders "envelope" before "seq" and "time", so splicing
        // the envelope's own canonical bytes yields exactly the canonical entry.
        self.bytes = entryHead + envelope.canonicalBytes + entryTail(sequence, time)
    }

    /// Reads stored entry bytes back, insisting they are canonical: a byte
    /// changed anywhere, even in whitespace, is an error.
    public init(decoding bytes: [UInt8]) throws(LedgerError) {
        (sequence, time, envelope) = try Self.decodeParts(bytes)
        self.bytes = bytes
    }

    /// The sequence number, time and envelope of stored entry bytes, checked
    /// as `init(decoding:)` checks them, for callers that keep only these.
    public static func decodeParts(_ bytes: [UInt8]) throws(LedgerError) -> (sequence: UInt64, time: Timestamp, envelope: Envelope) {
        // The canonical parse checks the form byte for byte, so the
        // envelope's canonical and signed bytes are slices of these.
        var reader = try FieldReader(JSONParser.parse(bytes, canonical: true), context: "entry")
        _ = reader.has("seq")
        _ = reader.has("envelope")
        guard case .number(let number)? = reader.object["seq"], let sequence = number.int64, sequence > 0 else {
            throw LedgerError(.ledgerCorrupt, "entry.seq must be a positive integer")
        }
        guard let time = try? reader.timestamp("time") else {
            throw LedgerError(.ledgerCorrupt, "entry \(sequence) lacks the ledger's time of acceptance")
        }
        guard let envelopeJSON = reader.object["envelope"] else {
            throw LedgerError(.missingField, "entry.envelope is required")
        }
        try reader.finish()
        // With exactly these members, canonical bytes are the envelope's
        // between a fixed head and a tail that spells the sequence number
        // and the time.
        let tail = entryTail(UInt64(sequence), time)
        guard bytes.count > entryHead.count + tail.count, bytes.starts(with: entryHead), bytes.suffix(tail.count).elementsEqual(tail) else {
            throw LedgerError(.ledgerCorrupt, "entry \(sequence) is not an envelope, its sequence number and its time")
        }
        let envelope = try Envelope.decode(json: envelopeJSON, canonical: bytes[entryHead.count..<(bytes.count - tail.count)])
        return (UInt64(sequence), time, envelope)
    }
}

/// Every canonical entry's first bytes: RFC 8785 orders "envelope" first.
private let entryHead = Array(#"{"envelope":"#.utf8)

/// The last bytes of the canonical entry at `sequence` and `time`.
private func entryTail(_ sequence: UInt64, _ time: Timestamp) -> [UInt8] {
    Array(#","seq":\#(sequence),"time":"\#(time.text)"}"#.utf8)
}
