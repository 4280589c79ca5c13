/// Why a cryptographic operation failed.
///
/// The code is stable and safe to show; `openSSLError` carries the packed
/// `ERR_get_error()` value so an operator can look it up with
/// `openssl errstr`. No key material ever appears in the description.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable kinds of failure. Raw values are never renumbered.
    public enum Code: String, Sendable, CaseIterable {
        /// OpenSSL refused to create a key, context or buffer.
        case keyGenerationFailed = "crypto_keygen_failed"
        /// The bytes are not an Ed25519 key of the expected length.
        case invalidKey = "crypto_invalid_key"
        /// The PEM text is not a PKCS#8 / SubjectPublicKeyInfo Ed25519 key.
        case invalidPEM = "crypto_invalid_pem"
        /// OpenSSL failed while signing.
        case signingFailed = "crypto_signing_failed"
        /// OpenSSL failed while hashing.
        case digestFailed = "crypto_digest_failed"
    }

    public let code: Code
    public let message: String
    /// The first error OpenSSL queued, 0 when there was none.
    public let openSSLError: UInt

    public init(_ code: Code, _ message: String, openSSLError: UInt = 0) {
        self.code = code
        self.message = message
        self.openSSLError = openSSLError
    }

    public var description: String {
        openSSLError == 0
            ? "\(code.rawValue): \(message)"
            : "\(code.rawValue): \(message) (openssl error 0x\(String(openSSLError, radix: 16)))"
    }
}
