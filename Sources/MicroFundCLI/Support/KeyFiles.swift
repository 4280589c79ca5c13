import Foundation
import MicroFundCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Key files as `openssl genpkey -algorithm ed25519` and `openssl pkey
/// -pubout` write them: PKCS#8 PEM for the private key (mode 0600) and
/// SubjectPublicKeyInfo PEM beside it with `.pub` appended.
enum KeyFiles {
    /// Writes a new private key and its public key; refuses to overwrite.
    static func write(_ key: Ed25519PrivateKey, to path: String) throws {
        try writeNew(path, contents: key.pemRepresentation, mode: 0o600)
        try writeNew(path + ".pub", contents: key.publicKey.pemRepresentation, mode: 0o644)
    }

    /// Reads a private key, refusing one that others could read, as
    /// OpenSSH refuses an unprotected identity file: a key others can read
    /// may already be theirs.
    static func readPrivate(_ path: String) throws -> Ed25519PrivateKey {
        // A public key given where the private one belongs is the usual
        // slip (X.pem.pub for X.pem): say so before any permission check,
        // which a public key, readable by all, would fail.
        if let head = FileManager.default.contents(atPath: path)?.prefix(64), String(decoding: head, as: UTF8.self).contains("BEGIN PUBLIC KEY") {
            let privatePath = path.hasSuffix(".pub") ? String(path.dropLast(4)) : "its private key file"
            throw CommandFailure(.publicKeyGiven, "\(path) is a public key; sign with the private key (\(privatePath))")
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CommandFailure(.fileUnreadable, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw CommandFailure(.keyPermissions, "the private key \(path) is readable or writable by others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        return try Ed25519PrivateKey(pemRepresentation: read(path))
    }

    static func readPublic(_ path: String) throws -> Ed25519PublicKey {
        try Ed25519PublicKey(pemRepresentation: read(path))
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.fileUnreadable, "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Creates `path` with `mode` from the start (O_EXCL), so a private key
    /// is never readable by others, not even for an instant.
    static func writeNew(_ path: String, contents: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            throw CommandFailure(errno == EEXIST ? .fileExists : .ioError, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw CommandFailure(.ioError, "cannot write \(path)")
        }
    }
}

/// write(2), named apart from `KeyFiles.write`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
