import MicroFundCrypto
import Testing

@Suite("SHA-256, encodings and key ids")
struct HashAndEncodingTests {
    @Test("SHA-256 of the FIPS 180-2 examples")
    func sha256() throws {
        #expect(ByteEncoding.hex(try SHA256.digest([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ByteEncoding.hex(try SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let hasher = try SHA256()
        // A reused context must not carry state from one digest to the next.
        #expect(try hasher.hash(Array("ab".utf8), Array("c".utf8)) == SHA256.digest(Array("abc".utf8)))
        #expect(try hasher.hash([]) == SHA256.digest([]))
    }

    @Test("base64 round-trips and refuses non-canonical spellings")
    func base64() {
        // RFC 4648 §10 test vectors.
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases {
            #expect(ByteEncoding.base64(Array(plain.utf8)) == encoded)
            #expect(ByteEncoding.bytes(base64: encoded) == Array(plain.utf8))
        }
        for bad in ["Zg", "Zg=", "Zh==", "Zm9=", "Z===", "Zm 9v", "Zm9v\n", "Zg==Zg==", "Zm-v", "=Zm9"] {
            #expect(ByteEncoding.bytes(base64: bad) == nil, "accepted \(bad)")
        }
    }

    @Test("hex round-trips and refuses odd or non-hex input")
    func hex() {
        #expect(ByteEncoding.hex([0x00, 0xab, 0xff]) == "00abff")
        #expect(ByteEncoding.bytes(hex: "00ABff") == [0x00, 0xab, 0xff])
        #expect(ByteEncoding.bytes(hex: "abc") == nil)
        #expect(ByteEncoding.bytes(hex: "zz") == nil)
    }

    @Test("the key id is the first 16 bytes of SHA-256 of the raw key, in hex")
    func keyIdentifier() throws {
        let key = try Ed25519PublicKey(rawRepresentation: ByteEncoding.bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")!)
        let id = try KeyIdentifier.of(key)
        #expect(id.count == KeyIdentifier.characterCount)
        #expect(id == ByteEncoding.hex(try SHA256.digest(key.rawRepresentation).prefix(16)))
    }
}
