internal import COpenSSL
import Synchronization

/// Takes the oldest error OpenSSL queued on this thread and empties the queue,
/// so one failure never leaks into the report of the next call.
func drainOpenSSLError() -> UInt {
    let first = ERR_get_error()
    ERR_clear_error()
    return first
}

/// Owns an `EVP_PKEY` and frees it exactly once.
///
/// `EVP_PKEY` is reference counted and, once built, only read: OpenSSL
/// documents concurrent use of one key from several threads as safe as long
/// as each thread has its own `EVP_MD_CTX` (crypto(7), "Threads").
///
/// It also keeps a few verification contexts already initialized for this
/// key. `EVP_DigestVerifyInit` fetches the signature implementation from
/// the provider on every call, behind a lock shared by all threads; for
/// Ed25519 the one-shot `EVP_DigestVerify` may be called again on the same
/// context (as `openssl speed` does), so a context is initialized once and
/// lent to one verification at a time.
final class PKeyBox: @unchecked Sendable {
    let pointer: OpaquePointer
    private let verifiers = Mutex<[VerifierContext]>([])
    /// Idle contexts kept per key: one per core is plenty.
    private static let idleVerifierCountMax = 16

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        for context in verifiers.withLock({ $0 }) { EVP_MD_CTX_free(context.pointer) }
        EVP_PKEY_free(pointer)
    }

    /// A context ready for `EVP_DigestVerify` with this key, or nil if
    /// OpenSSL could not make one.
    func borrowVerifier() -> OpaquePointer? {
        if let context = verifiers.withLock({ $0.popLast() }) { return context.pointer }
        guard let context = EVP_MD_CTX_new() else { return nil }
        // EVP_DigestVerifyInit(3): for Ed25519 "the digest type must be NULL".
        guard EVP_DigestVerifyInit(context, nil, nil, nil, pointer) == 1 else {
            EVP_MD_CTX_free(context)
            return nil
        }
        return context
    }

    /// Returns a context after a successful verification; after a failed
    /// one the caller frees it instead, so no error state is ever reused.
    func returnVerifier(_ context: OpaquePointer) {
        let handle = VerifierContext(pointer: context)
        let kept = verifiers.withLock { idle in
            guard idle.count < PKeyBox.idleVerifierCountMax else { return false }
            idle.append(handle)
            return true
        }
        if !kept { EVP_MD_CTX_free(context) }
    }
}

/// An idle verification context; only ever used by one thread at a time,
/// handed over under the pool's lock.
struct VerifierContext: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// A memory BIO that frees itself.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws(CryptoError) {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw CryptoError(.keyGenerationFailed, "BIO_new failed", openSSLError: drainOpenSSLError())
        }
        pointer = bio
    }

    deinit {
        BIO_free(pointer)
    }

    /// Everything written to the BIO so far, as text.
    func contents() -> String {
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = microfund_bio_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return "" }
        let buffer = UnsafeRawBufferPointer(start: data, count: Int(length))
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Runs `read` over a read-only memory BIO on `text` and returns what it made.
///
/// BIO_new_mem_buf(3): "the supplied data is read directly from the supplied
/// buffer", so the buffer must outlive the BIO; both live in this scope.
func readPEM(_ text: String, _ read: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
    var bytes = Array(text.utf8)
    let count = Int32(bytes.count)
    return bytes.withUnsafeMutableBytes { raw -> OpaquePointer? in
        guard let bio = BIO_new_mem_buf(raw.baseAddress, count) else { return nil }
        defer { BIO_free(bio) }
        return read(bio)
    }
}

/// A key file holds one key: OpenSSL's PEM readers take the first block and
/// ignore the rest, so a file with two keys would sign with whichever came
/// first without a word.
func requireOnePEMBlock(_ text: String) throws(CryptoError) {
    let marker = Array("-----BEGIN ".utf8)
    let bytes = Array(text.utf8)
    var blocks = 0
    var index = 0
    while index + marker.count <= bytes.count {
        if bytes[index..<(index + marker.count)].elementsEqual(marker) {
            blocks += 1
            index += marker.count
        } else {
            index += 1
        }
    }
    guard blocks == 1 else {
        throw CryptoError(.invalidPEM, blocks == 0 ? "no PEM block" : "\(blocks) PEM blocks; a key file must hold exactly one key")
    }
}
