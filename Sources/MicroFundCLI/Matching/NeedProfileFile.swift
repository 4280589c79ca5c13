import MicroFundLedger

/// A need profile from a JSON file, in its wire form (docs/protocol.md §4.3).
enum NeedProfileFile {
    static func read(_ path: String) throws -> NeedProfile {
        let value = try JSONParser.parse(InputFile.read(path))
        do {
            return try OpportunityFields.profile(value)
        } catch {
            throw CommandFailure(error)
        }
    }
}
