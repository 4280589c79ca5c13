import Foundation
import MicroFundCrypto
import Testing

/// Keys and signatures must round-trip with the `openssl` tool, so a user can
/// make keys and check signatures with OpenSSL alone (DESIGN.md §4).
@Suite("Interoperability with the openssl command")
struct OpenSSLInteropTests {
    @Test("our PEM private key is read by openssl pkey, and it derives the same public key")
    func ourKeyReadByOpenSSL() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Ed25519PrivateKey()
        let keyFile = directory.appendingPathComponent("key.pem")
        try key.pemRepresentation.write(to: keyFile, atomically: true, encoding: .utf8)
        let result = try runTool(["openssl", "pkey", "-in", keyFile.path, "-pubout"])
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self) == (try key.publicKey.pemRepresentation))
    }

    @Test("a key from openssl genpkey signs, and its public PEM verifies")
    func opensslKeyUsedByUs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        #expect(try runTool(["openssl", "genpkey", "-algorithm", "ed25519", "-out", keyFile.path]).status == 0)
        let key = try Ed25519PrivateKey(pemRepresentation: String(contentsOf: keyFile, encoding: .utf8))
        #expect(try key.pemRepresentation == String(contentsOf: keyFile, encoding: .utf8))
        let publicPEM = try runTool(["openssl", "pkey", "-in", keyFile.path, "-pubout"]).output
        let publicKey = try Ed25519PublicKey(pemRepresentation: String(decoding: publicPEM, as: UTF8.self))
        #expect(publicKey == key.publicKey)
        let message = Array("microfund interop".utf8)
        #expect(publicKey.isValidSignature(try key.signature(for: message), for: message))
    }

    @Test("our signature verifies with openssl pkeyutl -verify -rawin")
    func ourSignatureVerifiedByOpenSSL() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Ed25519PrivateKey()
        let message = Array("donation of ¥500 to Liaoyuan Garden".utf8)
        let files = (
            pub: directory.appendingPathComponent("key.pub"),
            msg: directory.appendingPathComponent("msg"),
            sig: directory.appendingPathComponent("sig")
        )
        try key.publicKey.pemRepresentation.write(to: files.pub, atomically: true, encoding: .utf8)
        try Data(message).write(to: files.msg)
        try Data(key.signature(for: message)).write(to: files.sig)
        let verify = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", files.pub.path, "-rawin", "-in", files.msg.path, "-sigfile", files.sig.path]
        #expect(try runTool(verify).status == 0)
        var bad = try key.signature(for: message)
        bad[5] ^= 0x10
        try Data(bad).write(to: files.sig)
        #expect(try runTool(verify).status != 0)
    }

    @Test("openssl pkeyutl -sign -rawin output verifies with our wrapper")
    func opensslSignatureVerifiedByUs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        let messageFile = directory.appendingPathComponent("msg")
        let message = Array("pledge: 40 volunteers, Zoujiazhai walls".utf8)
        try Data(message).write(to: messageFile)
        #expect(try runTool(["openssl", "genpkey", "-algorithm", "ed25519", "-out", keyFile.path]).status == 0)
        let signed = try runTool(["openssl", "pkeyutl", "-sign", "-inkey", keyFile.path, "-rawin", "-in", messageFile.path])
        #expect(signed.status == 0)
        let key = try Ed25519PrivateKey(pemRepresentation: String(contentsOf: keyFile, encoding: .utf8))
        #expect(key.publicKey.isValidSignature(Array(signed.output), for: message))
        #expect(!key.publicKey.isValidSignature(Array(signed.output), for: message + [0x21]))
    }

    @Test("malformed and non-Ed25519 PEM is refused with crypto_invalid_pem")
    func badPEM() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rsaFile = directory.appendingPathComponent("rsa.pem")
        #expect(try runTool(["openssl", "genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", rsaFile.path]).status == 0)
        let ecPEM = try String(contentsOf: rsaFile, encoding: .utf8)
        for text in ["", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", ecPEM] {
            do {
                _ = try Ed25519PrivateKey(pemRepresentation: text)
                Issue.record("accepted a bad private PEM")
            } catch {
                #expect(error.code == .invalidPEM)
            }
        }
        let encrypted = try runTool(["openssl", "genpkey", "-algorithm", "ed25519", "-aes-128-cbc", "-pass", "pass:secret"])
        #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemRepresentation: String(decoding: encrypted.output, as: UTF8.self)) }
        #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemRepresentation: ecPEM) }
    }
}
