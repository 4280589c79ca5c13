import MicroFundCrypto

/// An inclusion proof as the protocol writes it (docs/protocol.md §Proofs):
/// the entry itself, its place, and the RFC 9162 audit path, hashes in
/// standard base64.
public struct InclusionProof: Sendable, Equatable {
    public let origin: String
    public let sequence: UInt64
    public let treeSize: UInt64
    /// The journal entry's canonical bytes.
    public let entry: [UInt8]
    public let rootHash: [UInt8]
    public let hashes: [[UInt8]]

    public init(origin: String, sequence: UInt64, treeSize: UInt64, entry: [UInt8], rootHash: [UInt8], hashes: [[UInt8]]) {
        self.origin = origin
        self.sequence = sequence
        self.treeSize = treeSize
        self.entry = entry
        self.rootHash = rootHash
        self.hashes = hashes
    }

    /// The proof as canonical JSON.
    public func json() throws(LedgerError) -> [UInt8] {
        let leaf: [UInt8]
        do { leaf = try Merkle.leafHash(entry) } catch { throw LedgerError(.storeFailure, "\(error)") }
        return try CanonicalJSON.encode(.object([
            "type": .string("inclusion"), "origin": .string(origin), "seq": .integer(Int64(sequence)),
            "leafIndex": .integer(Int64(sequence - 1)), "treeSize": .integer(Int64(treeSize)),
            "entry": JSONParser.parse(entry), "leafHash": .string(ByteEncoding.base64(leaf)),
            "rootHash": .string(ByteEncoding.base64(rootHash)), "hashes": .array(hashes.map { .string(ByteEncoding.base64($0)) }),
        ]))
    }

    /// Reads a proof; the entry is re-canonicalized, so its bytes are exactly the journal's.
    public init(json: JSONValue) throws(LedgerError) {
        var reader = try FieldReader(json, context: "proof")
        _ = try reader.string("type")
        origin = try reader.string("origin")
        sequence = try ProofField.count(&reader, "seq", minimum: 1)
        let leafIndex = try ProofField.count(&reader, "leafIndex", minimum: 0)
        treeSize = try ProofField.count(&reader, "treeSize", minimum: 1)
        entry = try CanonicalJSON.encode(reader.object("entry"))
        _ = reader.has("leafHash")
        rootHash = try ProofField.hash(reader.string("rootHash"), "rootHash")
        hashes = try ProofField.hashes(&reader)
        try reader.finish()
        guard leafIndex == sequence - 1 else { throw LedgerError(.proofMalformed, "proof.leafIndex must be seq − 1") }
    }

    /// Checks the proof against a verified checkpoint: same tree, the entry
    /// is the one at `sequence`, and the audit path leads to the signed root.
    public func verify(against checkpoint: Checkpoint) throws(LedgerError) {
        guard treeSize == checkpoint.size, rootHash == checkpoint.rootHash else {
            throw LedgerError(.proofInvalid, "the proof is for a tree of \(treeSize) entries, the checkpoint for \(checkpoint.size)")
        }
        let decoded = try JournalEntry(decoding: entry)
        guard decoded.sequence == sequence else {
            throw LedgerError(.proofInvalid, "the entry is sequence \(decoded.sequence), the proof says \(sequence)")
        }
        let leaf: [UInt8]
        do { leaf = try Merkle.leafHash(entry) } catch { throw LedgerError(.storeFailure, "\(error)") }
        guard Merkle.verifyInclusion(leafHash: leaf, index: sequence - 1, size: treeSize, proof: hashes, root: checkpoint.rootHash) else {
            throw LedgerError(.proofInvalid, "the audit path does not lead from entry \(sequence) to the checkpoint's root")
        }
    }
}

/// A consistency proof as the protocol writes it.
public struct ConsistencyProof: Sendable, Equatable {
    public let origin: String
    public let from: UInt64
    public let to: UInt64
    public let fromRoot: [UInt8]
    public let toRoot: [UInt8]
    public let hashes: [[UInt8]]

    public init(origin: String, from: UInt64, to: UInt64, fromRoot: [UInt8], toRoot: [UInt8], hashes: [[UInt8]]) {
        self.origin = origin
        self.from = from
        self.to = to
        self.fromRoot = fromRoot
        self.toRoot = toRoot
        self.hashes = hashes
    }

    public func json() throws(LedgerError) -> [UInt8] {
        try CanonicalJSON.encode(.object([
            "type": .string("consistency"), "origin": .string(origin), "from": .integer(Int64(from)), "to": .integer(Int64(to)),
            "fromRoot": .string(ByteEncoding.base64(fromRoot)), "toRoot": .string(ByteEncoding.base64(toRoot)),
            "hashes": .array(hashes.map { .string(ByteEncoding.base64($0)) }),
        ]))
    }

    public init(json: JSONValue) throws(LedgerError) {
        var reader = try FieldReader(json, context: "proof")
        _ = try reader.string("type")
        origin = try reader.string("origin")
        from = try ProofField.count(&reader, "from", minimum: 1)
        to = try ProofField.count(&reader, "to", minimum: 1)
        fromRoot = try ProofField.hash(reader.string("fromRoot"), "fromRoot")
        toRoot = try ProofField.hash(reader.string("toRoot"), "toRoot")
        hashes = try ProofField.hashes(&reader)
        try reader.finish()
    }

    /// Checks the proof between two verified checkpoints.
    public func verify(from earlier: Checkpoint, to later: Checkpoint) throws(LedgerError) {
        guard from == earlier.size, to == later.size else {
            throw LedgerError(.proofInvalid, "the proof is from \(from) to \(to) entries, the checkpoints are for \(earlier.size) and \(later.size)")
        }
        guard Merkle.verifyConsistency(old: from, new: to, oldRoot: earlier.rootHash, newRoot: later.rootHash, proof: hashes) else {
            throw LedgerError(.proofInvalid, "the journal of \(to) entries does not extend the one of \(from): history was rewritten")
        }
    }
}

/// Field readers shared by both proof kinds.
enum ProofField {
    /// Most hashes a proof may carry: two per level of a 2^63-leaf tree.
    static let hashCountMax = 128

    static func count(_ reader: inout FieldReader, _ name: String, minimum: Int64) throws(LedgerError) -> UInt64 {
        _ = reader.has(name)
        guard case .number(let number)? = reader.object[name], let value = number.int64, value >= minimum else {
            throw LedgerError(.proofMalformed, "proof.\(name) must be an integer of at least \(minimum)")
        }
        return UInt64(value)
    }

    static func hash(_ text: String, _ name: String) throws(LedgerError) -> [UInt8] {
        guard let bytes = ByteEncoding.bytes(base64: text), bytes.count == Merkle.hashByteCount else {
            throw LedgerError(.proofMalformed, "proof.\(name) must be the base64 of 32 bytes")
        }
        return bytes
    }

    static func hashes(_ reader: inout FieldReader) throws(LedgerError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for element in try reader.array("hashes", countMax: hashCountMax) {
            guard let text = element.stringValue else { throw LedgerError(.proofMalformed, "proof.hashes must hold base64 strings") }
            out.append(try hash(text, "hashes[]"))
        }
        return out
    }
}
