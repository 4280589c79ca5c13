import MicroFundLedger

/// Reads a `match-instance/1` document (docs/matching.md) into a
/// `MatchProblem`, checking every rule the format states; the first broken
/// one is reported with the item's id, and nothing is returned.
public enum ProblemDecoder {
    /// Largest file accepted: 256 MiB (a 200,000-offer instance is 40 MB).
    public static let byteLimit = 256 << 20
    public static let needsMax = 1_000_000
    public static let linesPerNeedMax = 64
    public static let offersMax = 10_000_000
    /// Largest quantity (fen or minutes): 10¹², ¥10 billion.
    public static let quantityMax: Int64 = 1_000_000_000_000
    /// Largest area in m² (100 km²).
    public static let areaMax: Int64 = 100_000_000
    /// Largest radius in metres: half the equator; beyond it every point is
    /// in reach.
    public static let radiusMax: Int64 = 20_037_509
    /// Times are minutes in ±10⁹ (about 1,900 years).
    public static let minuteMagnitudeMax: Int64 = 1_000_000_000
    public static let identifierBytesMax = 128

    /// `limit` is for tests of the boundary; callers use the default.
    public static func decode(_ bytes: [UInt8], limit: Int = byteLimit) throws(MatchError) -> MatchProblem {
        guard bytes.count <= limit else {
            throw MatchError(.tooLarge, "the file has \(bytes.count) bytes; the limit is \(limit)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw MatchError(.malformed, "not JSON: \(error.message)")
        }
        var reader = try DocumentReader(root)
        return try reader.problem()
    }
}
