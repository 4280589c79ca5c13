import MicroFundLedger

/// Typed member access for `DocumentReader`, each failure naming the item.
extension DocumentReader {
    static func string(_ object: JSONObject, _ name: String, _ item: String) throws(MatchError) -> String {
        guard let value = object[name] else { throw MatchError(.malformed, "\(item): \(name) is missing") }
        guard let text = value.stringValue else { throw MatchError(.malformed, "\(item): \(name) is not a string") }
        return text
    }

    /// An id or name: 1...128 bytes, no control characters.
    static func identifier(_ object: JSONObject, _ name: String, _ item: String) throws(MatchError) -> String {
        let text = try string(object, name, item)
        guard !text.isEmpty, text.utf8.count <= ProblemDecoder.identifierBytesMax,
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f })
        else {
            throw MatchError(.malformed, "\(item): \(name) is not 1...\(ProblemDecoder.identifierBytesMax) bytes of printable text")
        }
        return text
    }

    static func array(_ object: JSONObject, _ name: String, _ item: String) throws(MatchError) -> [JSONValue] {
        guard let value = object[name] else { throw MatchError(.malformed, "\(item): \(name) is missing") }
        guard let array = value.arrayValue else { throw MatchError(.malformed, "\(item): \(name) is not an array") }
        return array
    }

    static func integer(
        _ object: JSONObject, _ name: String, _ item: String, _ range: ClosedRange<Int64>, _ code: MatchError.Code
    ) throws(MatchError) -> Int64 {
        guard let value = object[name] else { throw MatchError(.malformed, "\(item): \(name) is missing") }
        guard case .number(let number) = value else { throw MatchError(.malformed, "\(item): \(name) is not a number") }
        guard let integer = number.int64, range.contains(integer) else {
            throw MatchError(code, "\(item): \(name) is \(number.lexeme), not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return integer
    }

    static func double(_ value: JSONValue) -> Double? {
        guard case .number(let number) = value, let double = Double(number.lexeme), double.isFinite else { return nil }
        return double
    }

    static func kind(_ object: JSONObject, _ item: String) throws(MatchError) -> ResourceKind {
        let text = try string(object, "kind", item)
        guard let kind = ResourceKind(rawValue: text) else {
            throw MatchError(.unknownKind, "\(item): kind \"\(text)\" is not cash, labour, expertise or space")
        }
        return kind
    }

    static func location(_ object: JSONObject, _ item: String) throws(MatchError) -> GeoPoint {
        guard let lat = object["lat"].flatMap(double), (-90...90).contains(lat) else {
            throw MatchError(.invalidLocation, "\(item): lat is missing or not a number in -90...90")
        }
        guard let lon = object["lon"].flatMap(double), (-180...180).contains(lon) else {
            throw MatchError(.invalidLocation, "\(item): lon is missing or not a number in -180...180")
        }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    /// [start, end] as two integers with start < end inside `bounds`.
    static func window(_ object: JSONObject, _ name: String, _ item: String, within bounds: TimeWindow) throws(MatchError) -> TimeWindow {
        let pair = try array(object, name, item)
        guard pair.count == 2, case .number(let start) = pair[0], case .number(let end) = pair[1],
              let s = start.int64, let e = end.int64
        else { throw MatchError(.invalidWindow, "\(item): \(name) is not [start, end] in whole minutes") }
        guard s < e else { throw MatchError(.invalidWindow, "\(item): \(name) ends at \(e), not after its start \(s)") }
        guard bounds.contains(TimeWindow(start: s, end: e)) else {
            throw MatchError(.invalidWindow, "\(item): \(name) [\(s), \(e)) is outside [\(bounds.start), \(bounds.end))")
        }
        return TimeWindow(start: s, end: e)
    }

    /// An optional array of distinct names.
    static func nameList(_ object: JSONObject, _ name: String) throws(MatchError) -> Set<String>? {
        guard let value = object[name] else { return nil }
        guard let array = value.arrayValue else { throw MatchError(.malformed, "\(name) is not an array") }
        var names = Set<String>()
        for element in array {
            guard let text = element.stringValue, !text.isEmpty else { throw MatchError(.malformed, "\(name) holds a non-string") }
            guard names.insert(text).inserted else { throw MatchError(.duplicateId, "\(name) lists \(text) twice") }
        }
        return names
    }
}
