import Foundation
import MicroFundCrypto
import MicroFundLedger
import Testing

/// `Fixtures/vectors/envelopes.json` was produced by an independent Python
/// implementation written from docs/protocol.md; MicroFund must reproduce it
/// byte for byte.
@Suite("Envelope vectors from an independent implementation")
struct EnvelopeVectorTests {
    let document: JSONObject

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/vectors/envelopes.json"))
        document = try #require(JSONParser.parse([UInt8](data)).objectValue)
    }

    private func string(_ name: String, in object: JSONObject) throws -> String {
        try #require(object[name]?.stringValue)
    }

    @Test("key id and signatures, canonical bytes, content hash, entry and leaf hash match")
    func vectors() throws {
        let seed = try #require(ByteEncoding.bytes(hex: string("secretKeyHex", in: document)))
        let key = try Ed25519PrivateKey(rawRepresentation: seed)
        #expect(try KeyIdentifier.of(key.publicKey) == string("keyId", in: document))
        #expect(ByteEncoding.base64(key.publicKey.rawRepresentation) == (try string("publicKeyBase64", in: document)))
        #expect(String(decoding: Envelope.signingPrefix, as: UTF8.self) == (try string("signingPrefix", in: document)))
        let vectors = try #require(document["vectors"]?.arrayValue)
        #expect(vectors.count == 13)
        for element in vectors {
            let vector = try #require(element.objectValue)
            let signed = try Envelope.sign(try #require(vector["unsigned"]), with: [key])
            #expect(String(decoding: signed, as: UTF8.self) == (try string("signedEnvelope", in: vector)))
            let envelope = try Envelope.decode(signed)
            #expect(ByteEncoding.hex(envelope.signingBytes) == (try string("signingBytesHex", in: vector)))
            #expect(ByteEncoding.hex(envelope.contentHash) == (try string("contentHashHex", in: vector)))
            #expect(ByteEncoding.base64(envelope.signatures[0].signature) == (try string("signatureBase64", in: vector)))
            guard case .number(let sequence)? = vector["sequence"], let value = sequence.int64 else {
                Issue.record("no sequence")
                continue
            }
            let time = try #require(Timestamp(string("time", in: vector)))
            let entry = JournalEntry(sequence: UInt64(value), time: time, envelope: envelope)
            #expect(String(decoding: entry.bytes, as: UTF8.self) == (try string("entry", in: vector)))
            #expect(ByteEncoding.hex(try SHA256.digest([0] + entry.bytes)) == (try string("leafHashHex", in: vector)))
            #expect(try JournalEntry(decoding: entry.bytes).bytes == entry.bytes)
        }
    }
}

/// docs/protocol.md quotes the vectors; a drift between the two would make
/// the document lie to the people who implement from it.
@Suite("docs/protocol.md quotes the current vectors")
struct ProtocolDocumentTests {
    @Test("the worked examples in the document are the ones in Fixtures/vectors")
    func workedExamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let envelopes = try #require(JSONParser.parse([UInt8](Data(contentsOf: root.appendingPathComponent("Fixtures/vectors/envelopes.json")))).objectValue)
        let journal = try #require(JSONParser.parse([UInt8](Data(contentsOf: root.appendingPathComponent("Fixtures/vectors/journal.json")))).objectValue)
        let donation = try #require(envelopes["vectors"]?.arrayValue?.compactMap(\.objectValue).first { $0["unsigned"]?.objectValue?["kind"]?.stringValue == "donation.record" })
        var quoted = ["signedEnvelope", "signingBytesHex", "contentHashHex", "entry", "leafHashHex"].compactMap { donation[$0]?.stringValue }
        quoted += ["keyId", "publicKeyBase64"].compactMap { envelopes[$0]?.stringValue }
        quoted += ["checkpoint", "operatorVerifierKey"].compactMap { journal[$0]?.stringValue }
        quoted += (journal["roots"]?.arrayValue ?? []).compactMap(\.stringValue)
        quoted += (journal["inclusion"]?.objectValue?["hashes"]?.arrayValue ?? []).compactMap(\.stringValue)
        quoted += (journal["consistency"]?.objectValue?["hashes"]?.arrayValue ?? []).compactMap(\.stringValue)
        quoted.append(try #require(journal["entries"]?.arrayValue?[2].stringValue))
        #expect(quoted.count == 21)
        for text in quoted {
            #expect(document.contains(text), "docs/protocol.md does not quote \(text.prefix(60))")
        }
    }
}
