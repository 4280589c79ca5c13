import Foundation
import Hummingbird
import MicroFundLedger
import MicroFundService
import MicroFundStore

/// A request's query string, read strictly: a parameter the route does not
/// take, a name given twice, or a value of the wrong form is
/// `request_invalid` (400), never silently ignored.
struct Query {
    private var values: [String: String] = [:]

    init(_ request: Request, allowed: Set<String>) throws(Problem) {
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                throw Problem(.requestInvalid, allowed.isEmpty ? "this route takes no query parameters, not \(name)"
                              : "unknown query parameter \(name); this route takes \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw Problem(.requestInvalid, "\(name) is given twice") }
            values[name] = String(value)
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// A whole number in `range`, or nil when absent.
    func number(_ name: String, in range: ClosedRange<UInt64> = 0...UInt64(Int64.max)) throws(Problem) -> UInt64? {
        guard let text = values[name] else { return nil }
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count <= 19, let value = UInt64(text), range.contains(value) else {
            throw Problem(.requestInvalid, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(LedgerError.oneLine(text))")
        }
        return value
    }

    /// `zh` or `en`: `?lang=`, else the `Accept-Language` header's first
    /// language, else Chinese.
    func language(_ request: Request) throws(Problem) -> Language {
        if let text = values["lang"] {
            guard let language = Language(rawValue: text) else { throw Problem(.requestInvalid, "lang must be zh or en, not \(LedgerError.oneLine(text))") }
            return language
        }
        if let header = request.headers[.acceptLanguage]?.lowercased(), header.hasPrefix("en") { return .en }
        return .zh
    }
}

/// A path parameter, present by the route's own pattern.
extension Parameters {
    /// The parameter percent-decoded (`fund%3Apool%3ACNY` is `fund:pool:CNY`).
    func text(_ name: String) throws(Problem) -> String {
        guard let raw = self.get(name) else { throw Problem(.requestInvalid, "the path lacks \(name)") }
        guard let value = raw.removingPercentEncoding else {
            throw Problem(.requestInvalid, "\(name) is not percent-encoded UTF-8: \(LedgerError.oneLine(raw))")
        }
        return value
    }

    func number(_ name: String) throws(Problem) -> UInt64 {
        let text = try text(name)
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.utf8.count <= 19, let value = UInt64(text) else {
            throw Problem(.requestInvalid, "\(name) must be a whole number, not \(LedgerError.oneLine(text))")
        }
        return value
    }
}
