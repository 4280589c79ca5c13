import MicroFundLedger

/// Pieces of JSON the CLI writes by hand (outcome lines, `balance --json`).
enum JSONText {
    /// `text` as a JSON string literal, escaped as RFC 8785 escapes it.
    static func quoted(_ text: String) -> String {
        String(decoding: (try? CanonicalJSON.encode(.string(text))) ?? Array(#""""#.utf8), as: UTF8.self)
    }
}
