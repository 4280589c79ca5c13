/// The key id rule of the wire protocol (docs/protocol.md §Keys):
/// lower-case hex of the first 16 bytes of SHA-256 of the raw 32-byte
/// Ed25519 public key, 32 characters.
public enum KeyIdentifier {
    /// Length of a key id in hex characters.
    public static let characterCount = 32

    /// The key id of `publicKey`.
    public static func of(_ publicKey: Ed25519PublicKey) throws(CryptoError) -> String {
        let digest = try SHA256.digest(publicKey.rawRepresentation)
        return ByteEncoding.hex(digest.prefix(16))
    }
}
