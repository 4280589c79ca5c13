import Foundation
import MicroFundCrypto
import Testing

/// One RFC 8032 §7.1 vector as `Fixtures/vectors/rfc8032-ed25519.json` holds it.
struct Ed25519Vector: Decodable, CustomTestStringConvertible, Sendable {
    let name: String
    let secretKey: String
    let publicKey: String
    let message: String
    let signature: String
    var testDescription: String { name }

    static func all() throws -> [Ed25519Vector] {
        struct File: Decodable { let vectors: [Ed25519Vector] }
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/vectors/rfc8032-ed25519.json"))
        return try JSONDecoder().decode(File.self, from: data).vectors
    }
}

private func hex(_ text: String) -> [UInt8] { ByteEncoding.bytes(hex: text)! }

@Suite("Ed25519 against RFC 8032 §7.1")
struct Ed25519VectorTests {
    @Test("all five vectors are present")
    func vectorsArePresent() throws {
        #expect(try Ed25519Vector.all().map(\.name) == ["TEST 1", "TEST 2", "TEST 3", "TEST 1024", "TEST SHA(abc)"])
    }

    @Test("derives the public key, signs byte-exactly and verifies", arguments: try Ed25519Vector.all())
    func vector(_ vector: Ed25519Vector) throws {
        let key = try Ed25519PrivateKey(rawRepresentation: hex(vector.secretKey))
        #expect(key.publicKey.rawRepresentation == hex(vector.publicKey))
        let signature = try key.signature(for: hex(vector.message))
        #expect(signature == hex(vector.signature))
        let publicKey = try Ed25519PublicKey(rawRepresentation: hex(vector.publicKey))
        #expect(publicKey.isValidSignature(hex(vector.signature), for: hex(vector.message)))
    }

    @Test("a flipped bit in the signature, message or key fails", arguments: try Ed25519Vector.all())
    func tampering(_ vector: Ed25519Vector) throws {
        let publicKey = try Ed25519PublicKey(rawRepresentation: hex(vector.publicKey))
        let signature = hex(vector.signature)
        let message = hex(vector.message)
        for index in [0, 31, 32, 63] {
            var bad = signature
            bad[index] ^= 0x01
            #expect(!publicKey.isValidSignature(bad, for: message))
        }
        var longer = message
        longer.append(0)
        #expect(!publicKey.isValidSignature(signature, for: longer))
        let other = try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32)).publicKey
        #expect(!other.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!publicKey.isValidSignature(signature + [0], for: message))
    }

    @Test("wrong key lengths are rejected with a stable code")
    func keyLengths() {
        for count in [0, 31, 33, 64] {
            #expect(throws: CryptoError.self) { try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: count)) }
            do {
                _ = try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 1, count: count))
                Issue.record("a \(count)-byte public key was accepted")
            } catch {
                #expect(error.code == .invalidKey)
            }
        }
    }
}
