/// Rules for the names the protocol uses. Restricting them keeps account
/// paths unambiguous (no `:`), keeps them safe in URLs and file names, and
/// puts a limit on every string (DESIGN.md §10).
public enum Identifier {
    /// Longest party, need or pledge id.
    public static let characterCountMax = 64
    /// Longest envelope id (the idempotency key).
    public static let envelopeIDCharacterCountMax = 128
    /// Longest display text (names, titles).
    public static let textCharacterCountMax = 200

    /// `[a-z0-9]` first, then `[a-z0-9._-]`, at most 64 characters: party,
    /// need and organisation ids.
    public static func isValidName(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= characterCountMax, isLowerAlphanumeric(first) else { return false }
        return utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// `[A-Za-z0-9._:-]`, 1 to 128 characters: envelope ids, which clients
    /// often make from a prefix and a UUID.
    public static func isValidEnvelopeID(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= envelopeIDCharacterCountMax else { return false }
        return utf8.allSatisfy {
            isLowerAlphanumeric($0) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":")
        }
    }

    /// Display text: 1 to 200 Unicode code points (not grapheme clusters,
    /// which differ between Unicode versions and libraries), none of them a
    /// control character (U+0000-U+001F, U+007F-U+009F).
    public static func isValidText(_ text: String) -> Bool {
        let count = text.unicodeScalars.count
        return count >= 1 && count <= textCharacterCountMax
            && !text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A ledger's origin (the checkpoint origin line, and the `ledger` every
    /// envelope names): 1-128 printable ASCII characters without spaces.
    public static func isValidOrigin(_ text: String) -> Bool {
        (1...128).contains(text.utf8.count) && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7f }
    }
}
