internal import COpenSSL

/// The Ed25519 algorithm as OpenSSL's EVP interface provides it (RFC 8032,
/// "pure" Ed25519: no pre-hash, no context).
public enum Ed25519 {
    /// Raw public and private keys are 32 bytes (RFC 8032 §5.1.5).
    public static let keyByteCount = 32
    /// Signatures are 64 bytes (RFC 8032 §5.1.6).
    public static let signatureByteCount = 64
}

/// An Ed25519 public key, the identity behind a signature.
///
/// Value semantics over a shared, immutable `EVP_PKEY`, so verifying many
/// signatures with one key builds the OpenSSL object once.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32 raw bytes of RFC 8032 §5.1.5.
    public let rawRepresentation: [UInt8]
    let box: PKeyBox

    /// Builds a key from its 32 raw bytes.
    public init(rawRepresentation bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Ed25519.keyByteCount else {
            throw CryptoError(.invalidKey, "an Ed25519 public key is \(Ed25519.keyByteCount) bytes, got \(bytes.count)")
        }
        guard let pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, bytes.count) else {
            throw CryptoError(.invalidKey, "OpenSSL rejected the public key", openSSLError: drainOpenSSLError())
        }
        self.rawRepresentation = bytes
        self.box = PKeyBox(pkey)
    }

    /// Reads a SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as
    /// `openssl pkey -pubout` writes it.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        try requireOnePEMBlock(pem)
        guard let pkey = readPEM(pem, { PEM_read_bio_PUBKEY($0, nil, nil, nil) }) else {
            throw CryptoError(.invalidPEM, "not a PEM public key", openSSLError: drainOpenSSLError())
        }
        let box = PKeyBox(pkey)
        guard EVP_PKEY_get_id(pkey) == EVP_PKEY_ED25519 else {
            throw CryptoError(.invalidPEM, "the PEM public key is not Ed25519")
        }
        self.rawRepresentation = try rawPublicKey(of: box)
        self.box = box
    }

    /// SubjectPublicKeyInfo PEM, byte for byte what `openssl pkey -pubout` writes.
    public var pemRepresentation: String {
        get throws(CryptoError) {
            let bio = try MemoryBIO()
            guard PEM_write_bio_PUBKEY(bio.pointer, box.pointer) == 1 else {
                throw CryptoError(.invalidKey, "PEM_write_bio_PUBKEY failed", openSSLError: drainOpenSSLError())
            }
            return bio.contents()
        }
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    ///
    /// Any malformed input is simply invalid: a verifier must never throw on
    /// attacker-controlled bytes. The OpenSSL error queue is cleared after a
    /// failed check so the failure cannot be misreported by a later call.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Ed25519.signatureByteCount else { return false }
        guard let context = box.borrowVerifier() else {
            _ = drainOpenSSLError()
            return false
        }
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        if result == 1 {
            box.returnVerifier(context)
        } else {
            _ = drainOpenSSLError()
            EVP_MD_CTX_free(context)
        }
        return result == 1
    }

    public static func == (lhs: Ed25519PublicKey, rhs: Ed25519PublicKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}

/// An Ed25519 private key. Signing is deterministic (RFC 8032 §5.1.6).
public struct Ed25519PrivateKey: Sendable {
    let box: PKeyBox
    /// The matching public key, derived once.
    public let publicKey: Ed25519PublicKey

    /// A fresh key from OpenSSL's CSPRNG.
    public init() throws(CryptoError) {
        guard let pkey = microfund_ed25519_keygen() else {
            throw CryptoError(.keyGenerationFailed, "EVP_PKEY_Q_keygen(ED25519) failed", openSSLError: drainOpenSSLError())
        }
        try self.init(box: PKeyBox(pkey))
    }

    /// Builds a key from its 32-byte seed (RFC 8032 §5.1.5 "private key").
    public init(rawRepresentation seed: [UInt8]) throws(CryptoError) {
        guard seed.count == Ed25519.keyByteCount else {
            throw CryptoError(.invalidKey, "an Ed25519 private key is \(Ed25519.keyByteCount) bytes, got \(seed.count)")
        }
        guard let pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count) else {
            throw CryptoError(.invalidKey, "OpenSSL rejected the private key", openSSLError: drainOpenSSLError())
        }
        try self.init(box: PKeyBox(pkey))
    }

    /// Reads a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as
    /// `openssl genpkey -algorithm ed25519` writes it. Encrypted keys are
    /// refused: the callback is NULL and the passphrase empty.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        // A NULL callback makes OpenSSL prompt on the terminal for a
        // passphrase (pem_password_cb(3)); this one declines instead.
        try requireOnePEMBlock(pem)
        let refusePassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { _, _, _, _ in 0 }
        guard let pkey = readPEM(pem, { PEM_read_bio_PrivateKey($0, nil, refusePassphrase, nil) }) else {
            throw CryptoError(.invalidPEM, "not an unencrypted PEM private key", openSSLError: drainOpenSSLError())
        }
        let box = PKeyBox(pkey)
        guard EVP_PKEY_get_id(pkey) == EVP_PKEY_ED25519 else {
            throw CryptoError(.invalidPEM, "the PEM private key is not Ed25519")
        }
        try self.init(box: box)
    }

    private init(box: PKeyBox) throws(CryptoError) {
        self.box = box
        let raw = try rawPublicKey(of: box)
        self.publicKey = try Ed25519PublicKey(rawRepresentation: raw)
    }

    /// PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it.
    public var pemRepresentation: String {
        get throws(CryptoError) {
            let bio = try MemoryBIO()
            // PEM_write_bio_PrivateKey(3) writes PKCS#8 ("PRIVATE KEY") when
            // no cipher is given.
            guard PEM_write_bio_PrivateKey(bio.pointer, box.pointer, nil, nil, 0, nil, nil) == 1 else {
                throw CryptoError(.invalidKey, "PEM_write_bio_PrivateKey failed", openSSLError: drainOpenSSLError())
            }
            return bio.contents()
        }
    }

    /// The 64-byte signature of `message`.
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else {
            throw CryptoError(.signingFailed, "EVP_MD_CTX_new failed", openSSLError: drainOpenSSLError())
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, box.pointer) == 1 else {
            throw CryptoError(.signingFailed, "EVP_DigestSignInit failed", openSSLError: drainOpenSSLError())
        }
        var signature = [UInt8](repeating: 0, count: Ed25519.signatureByteCount)
        var length = signature.count
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1,
              length == Ed25519.signatureByteCount
        else {
            throw CryptoError(.signingFailed, "EVP_DigestSign failed", openSSLError: drainOpenSSLError())
        }
        return signature
    }
}

/// Reads the raw public key of an Ed25519 `EVP_PKEY`. Private seeds are
/// never extracted: nothing in MicroFund needs them outside OpenSSL.
private func rawPublicKey(of box: PKeyBox) throws(CryptoError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: Ed25519.keyByteCount)
    var length = bytes.count
    guard EVP_PKEY_get_raw_public_key(box.pointer, &bytes, &length) == 1, length == Ed25519.keyByteCount else {
        throw CryptoError(.invalidKey, "EVP_PKEY_get_raw_public_key failed", openSSLError: drainOpenSSLError())
    }
    return bytes
}
