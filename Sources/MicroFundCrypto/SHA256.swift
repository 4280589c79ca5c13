internal import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
///
/// The `EVP_MD` is fetched from the default provider once per process:
/// EVP_MD_fetch(3) notes that implicit fetches (`EVP_sha256()` passed to
/// `EVP_Digest`) look the algorithm up on every call, which dominates the cost
/// of hashing small inputs such as Merkle nodes.
public final class SHA256 {
    /// Digest length in bytes.
    public static let byteCount = 32

    private let context: OpaquePointer

    /// A reusable hashing context. Not thread-safe: one per thread or lock.
    public init() throws(CryptoError) {
        guard SHA256Algorithm.shared.pointer != nil, let context = EVP_MD_CTX_new() else {
            throw CryptoError(.digestFailed, "SHA-256 is unavailable", openSSLError: drainOpenSSLError())
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// The digest of the concatenation of `parts`.
    public func hash(_ parts: [UInt8]...) throws(CryptoError) -> [UInt8] {
        try hash(parts: parts)
    }

    /// The digest of the concatenation of `parts`, reusing this context.
    public func hash(parts: [[UInt8]]) throws(CryptoError) -> [UInt8] {
        guard EVP_DigestInit_ex2(context, SHA256Algorithm.shared.pointer, nil) == 1 else {
            throw CryptoError(.digestFailed, "EVP_DigestInit_ex2 failed", openSSLError: drainOpenSSLError())
        }
        for part in parts {
            guard EVP_DigestUpdate(context, part, part.count) == 1 else {
                throw CryptoError(.digestFailed, "EVP_DigestUpdate failed", openSSLError: drainOpenSSLError())
            }
        }
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == SHA256.byteCount else {
            throw CryptoError(.digestFailed, "EVP_DigestFinal_ex failed", openSSLError: drainOpenSSLError())
        }
        return digest
    }

    /// One-shot digest of the concatenation of `parts`, for callers that
    /// hash rarely or on many threads. (A pool of reused contexts was tried
    /// here and saved about 0.1% of the instructions of `verify`.)
    public static func digest(_ parts: [UInt8]...) throws(CryptoError) -> [UInt8] {
        let hasher = try SHA256()
        return try hasher.hash(parts: parts)
    }
}

/// The process-wide fetched SHA-256 implementation.
private final class SHA256Algorithm: Sendable {
    static let shared = SHA256Algorithm()
    nonisolated(unsafe) let pointer: OpaquePointer?

    private init() {
        pointer = EVP_MD_fetch(nil, "SHA256", nil)
    }
}
