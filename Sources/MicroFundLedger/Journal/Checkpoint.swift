public import MicroFundCrypto

/// A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the origin line, the
/// tree size in decimal, and the base64 root hash, each ending in a newline.
/// Published as a signed note by the ledger's operator key, with the origin
/// as the key name.
public struct Checkpoint: Sendable, Equatable {
    public let origin: String
    public let size: UInt64
    public let rootHash: [UInt8]

    public init(origin: String, size: UInt64, rootHash: [UInt8]) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
    }

    /// The note text the operator signs.
    public var text: String {
        "\(origin)\n\(size)\n\(ByteEncoding.base64(rootHash))\n"
    }

    /// The signed checkpoint.
    public func signed(by key: Ed25519PrivateKey) throws(CryptoError) -> String {
        try SignedNote.sign(text, name: origin, key: key)
    }

    /// Parses checkpoint text (the note's text part). Extension lines after
    /// the root hash are allowed by the spec and ignored.
    public init(text: String) throws(LedgerError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "", SignedNote.isValidName(String(lines[0])) else {
            throw LedgerError(.checkpointMalformed, "a checkpoint is an origin line, a tree size line and a root hash line")
        }
        let sizeText = String(lines[1])
        guard let size = UInt64(sizeText), String(size) == sizeText else {
            throw LedgerError(.checkpointMalformed, "the tree size must be a decimal number without leading zeros")
        }
        guard let root = ByteEncoding.bytes(base64: String(lines[2])), root.count == Merkle.hashByteCount else {
            throw LedgerError(.checkpointMalformed, "the root hash must be the base64 of 32 bytes")
        }
        self.init(origin: String(lines[0]), size: size, rootHash: root)
    }

    /// Verifies a signed checkpoint against the operator's key and origin.
    public static func open(_ note: String, origin: String, key: Ed25519PublicKey) throws(LedgerError) -> Checkpoint {
        let checkpoint = try Checkpoint(text: SignedNote.open(note, name: origin, key: key))
        guard checkpoint.origin == origin else {
            throw LedgerError(.checkpointMalformed, "the checkpoint is for origin \(checkpoint.origin), not \(origin)")
        }
        return checkpoint
    }
}
