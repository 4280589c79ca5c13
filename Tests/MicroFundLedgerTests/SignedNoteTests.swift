import Foundation
import MicroFundCrypto
import MicroFundLedger
import Testing

/// Published vectors: the example of golang.org/x/mod/sumdb/note (the
/// reference implementation of signed notes) and the C2SP signed-note spec.
@Suite("C2SP signed notes and checkpoints")
struct SignedNoteTests {
    static let peterSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let peterVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let enochVerifier = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterLine = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochLine = "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"
    static let specVerifier = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    static let specNote = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"

    private func peterKey() throws -> Ed25519PrivateKey {
        let seed = try #require(ByteEncoding.bytes(base64: String(Self.peterSigner.split(separator: "+", maxSplits: 4).last!)))
        #expect(seed.first == 0x01)
        return try Ed25519PrivateKey(rawRepresentation: Array(seed.dropFirst()))
    }

    @Test("signing reproduces Go's published note byte for byte, and the verifier key")
    func goVector() throws {
        let key = try peterKey()
        #expect(try SignedNote.verifierKey(name: "PeterNeumann", key: key.publicKey) == Self.peterVerifier)
        #expect(try SignedNote.sign(Self.text, name: "PeterNeumann", key: key) == Self.text + "\n" + Self.peterLine)
    }

    @Test("opening: published notes verify; other signers are ignored; tampering fails")
    func opening() throws {
        let peter = try #require(SignedNote.parseVerifierKey(Self.peterVerifier))
        let enoch = try #require(SignedNote.parseVerifierKey(Self.enochVerifier))
        let spec = try #require(SignedNote.parseVerifierKey(Self.specVerifier))
        #expect(try SignedNote.open(Self.specNote, name: spec.name, key: spec.key) == "This is an example message.\n")
        let both = Self.text + "\n" + Self.enochLine + Self.peterLine
        #expect(try SignedNote.open(both, name: peter.name, key: peter.key) == Self.text)
        #expect(try SignedNote.open(both, name: enoch.name, key: enoch.key) == Self.text)
        #expect(throws: LedgerError(.checkpointSignatureInvalid, "no signature by EnochRoot with key hash af0cfe78")) {
            try SignedNote.open(Self.text + "\n" + Self.peterLine, name: enoch.name, key: enoch.key)
        }
        let tamperedText = Self.text.replacingFirst("answer", with: "ANSWER") + "\n" + Self.peterLine
        #expect(throws: LedgerError(.checkpointSignatureInvalid, "the signature by PeterNeumann does not verify")) {
            try SignedNote.open(tamperedText, name: peter.name, key: peter.key)
        }
        // A failing line by the key rejects the note wherever it stands,
        // after a good line too (docs/protocol.md §7).
        let peterFields = Self.peterLine.dropLast().split(separator: " ")
        var blob = try #require(ByteEncoding.bytes(base64: String(peterFields[2])))
        blob[10] ^= 0x01
        let badLine = "\(peterFields[0]) \(peterFields[1]) \(ByteEncoding.base64(blob))\n"
        #expect(badLine != Self.peterLine)
        for order in [Self.peterLine + badLine, badLine + Self.peterLine] {
            #expect(throws: LedgerError(.checkpointSignatureInvalid, "the signature by PeterNeumann does not verify")) {
                try SignedNote.open(Self.text + "\n" + order, name: peter.name, key: peter.key)
            }
        }
        for malformed in [Self.text, Self.text + Self.peterLine, Self.text + "\n" + "-- PeterNeumann AAAA\n", Self.text + "\n" + Self.peterLine.dropLast()] {
            #expect(throws: LedgerError.self) { try SignedNote.open(String(malformed), name: peter.name, key: peter.key) }
        }
        #expect(SignedNote.parseVerifierKey(Self.peterVerifier.replacingFirst("c74f20a3", with: "c74f20a4")) == nil)
        #expect(SignedNote.parseVerifierKey("PeterNeumann+c74f20a3") == nil)
    }

    @Test("checkpoints round-trip and refuse malformed text")
    func checkpoints() throws {
        let key = try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: 9, count: 32))
        let checkpoint = Checkpoint(origin: "ledger.example.org/jiangpu", size: 1_234, rootHash: [UInt8](repeating: 0xab, count: 32))
        let note = try checkpoint.signed(by: key)
        #expect(note.hasPrefix("ledger.example.org/jiangpu\n1234\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n\n\u{2014} ledger.example.org/jiangpu "))
        #expect(try Checkpoint.open(note, origin: checkpoint.origin, key: key.publicKey) == checkpoint)
        #expect(throws: LedgerError.self) { try Checkpoint.open(note, origin: "other.example.org/log", key: key.publicKey) }
        for text in ["o\n01234\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n", "o\n12\nAAAA\n", "o\n12\n", "o\n-1\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\n"] {
            #expect(throws: LedgerError.self) { try Checkpoint(text: text) }
        }
        #expect(try Checkpoint(text: "o\n12\nq6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=\nextension line\n").size == 12)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
