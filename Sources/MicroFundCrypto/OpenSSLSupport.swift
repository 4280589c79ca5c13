internal import COpenSSL

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
final class PKeyBox: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }
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
