public import MicroFundCrypto

/// C2SP signed-note (c2sp.org/signed-note) with Ed25519 signatures: text
/// ending in a newline, a blank line, then signature lines
/// `— <key name> <base64(key hash ‖ signature)>`. The signature covers the
/// text including its final newline.
public enum SignedNote {
    /// The signature-line prefix: U+2014 EM DASH and a space.
    public static let signaturePrefix = "\u{2014} "
    /// The signature type byte for Ed25519.
    public static let ed25519Type: UInt8 = 0x01
    /// Most bytes of a note accepted for parsing.
    public static let byteCountMax = 1 << 20

    /// The 4-byte key hash: the first 4 bytes of
    /// SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key).
    public static func keyHash(name: String, key: Ed25519PublicKey) throws(CryptoError) -> [UInt8] {
        Array(try SHA256.digest(Array(name.utf8) + [0x0a, ed25519Type] + key.rawRepresentation).prefix(4))
    }

    /// The verifier key text `<name>+<hex key hash>+<base64(0x01 ‖ key)>`,
    /// as Go's sumdb/note and transparency-log tooling read it.
    public static func verifierKey(name: String, key: Ed25519PublicKey) throws(CryptoError) -> String {
        "\(name)+\(ByteEncoding.hex(try keyHash(name: name, key: key)))+\(ByteEncoding.base64([ed25519Type] + key.rawRepresentation))"
    }

    /// Parses a verifier key text; nil if it is not an Ed25519 one whose
    /// hash matches.
    public static func parseVerifierKey(_ text: String) -> (name: String, key: Ed25519PublicKey)? {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, isValidName(parts[0]), let bytes = ByteEncoding.bytes(base64: parts[2]),
              bytes.count == 33, bytes[0] == ed25519Type, let key = try? Ed25519PublicKey(rawRepresentation: Array(bytes[1...])),
              let hash = try? keyHash(name: parts[0], key: key), ByteEncoding.hex(hash) == parts[1]
        else { return nil }
        return (parts[0], key)
    }

    /// A key name is non-empty and has no spaces, newlines or `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" || $0.value < 0x20 }
    }

    /// Signs `text` (which must end in a newline and have no blank line) as `name`.
    public static func sign(_ text: String, name: String, key: Ed25519PrivateKey) throws(CryptoError) -> String {
        precondition(text.hasSuffix("\n") && !text.contains("\n\n") && isValidName(name), "not a signable note")
        let signature = try key.signature(for: Array(text.utf8))
        let hash = try keyHash(name: name, key: key.publicKey)
        return text + "\n" + signaturePrefix + name + " " + ByteEncoding.base64(hash + signature) + "\n"
    }

    /// The text part of a note, unverified: only for reading which key
    /// should verify it.
    public static func unverifiedText(_ note: String) throws(LedgerError) -> String {
        try split(note).text
    }

    /// A note's text (with its final newline) and its signature lines. The
    /// text ends at the last blank line, where Go's note.Open splits too.
    private static func split(_ note: String) throws(LedgerError) -> (text: String, signatureLines: [Substring]) {
        let bytes = Array(note.utf8)
        let blank = bytes.count >= 2 ? (1..<bytes.count).last { bytes[$0] == 0x0a && bytes[$0 - 1] == 0x0a } : nil
        guard bytes.count <= byteCountMax, bytes.last == 0x0a, let blank, blank + 1 < bytes.count else {
            throw LedgerError(.checkpointMalformed, "not a signed note: text, a blank line, then signature lines")
        }
        let text = String(decoding: bytes[..<blank], as: UTF8.self)
        let signatureLines = String(decoding: bytes[(blank + 1)..<(bytes.count - 1)], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        return (text, signatureLines)
    }

    /// The text of `note` if it carries a valid signature by (`name`, `key`).
    /// Signatures by other keys are ignored, as the spec requires; a
    /// signature line with this key's name and hash that fails rejects the note.
    public static func open(_ note: String, name: String, key: Ed25519PublicKey) throws(LedgerError) -> String {
        let (text, signatureLines) = try split(note)
        let expectedHash: [UInt8]
        do { expectedHash = try keyHash(name: name, key: key) } catch { throw LedgerError(.checkpointMalformed, "\(error)") }
        // Every line by this key is checked: a good line does not excuse a
        // bad one after it (docs/protocol.md §7).
        var verified = false
        for line in signatureLines {
            guard line.hasPrefix(signaturePrefix) else {
                throw LedgerError(.checkpointMalformed, "a signature line must start with an em dash and a space")
            }
            let fields = line.dropFirst(signaturePrefix.count).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, let blob = ByteEncoding.bytes(base64: String(fields[1])), blob.count >= 5 else {
                throw LedgerError(.checkpointMalformed, "a signature line is `— <name> <base64>`")
            }
            guard String(fields[0]) == name, Array(blob.prefix(4)) == expectedHash else { continue }
            guard key.isValidSignature(Array(blob.dropFirst(4)), for: Array(text.utf8)) else {
                throw LedgerError(.checkpointSignatureInvalid, "the signature by \(name) does not verify")
            }
            verified = true
        }
        if verified { return text }
        throw LedgerError(.checkpointSignatureInvalid, "no signature by \(name) with key hash \(ByteEncoding.hex(expectedHash))")
    }
}
