/// The wire form of need profiles and offers (docs/protocol.md §4.3), and
/// back: stores keep them as the same canonical JSON.
public enum OpportunityFields {
    /// Most requirement lines in a profile.
    public static let lineCountMax = 16
    /// Most names in an earmark list.
    public static let earmarkNamesMax = 16
    /// Largest area of a space line or offer, in m² (100 km²).
    public static let areaMax: Int64 = 100_000_000
    /// Largest radius: half the equator, beyond which every point is in reach.
    public static let radiusMax: Int64 = 20_037_509

    static func profile(_ value: JSONValue, context: String) throws(LedgerError) -> NeedProfile {
        var reader = try FieldReader(value, context: context)
        let location = try self.location(reader.object("location"), context: "\(context).location")
        let community = try reader.name("community")
        let category = try reader.name("category")
        let window = try span(reader.object("window"), context: "\(context).window")
        let priority = try reader.integer("priority", in: 1...5)
        let elements = try reader.array("lines", countMax: lineCountMax)
        guard !elements.isEmpty else { throw LedgerError(.invalidField, "\(context).lines must hold at least one line") }
        var lines: [NeedLine] = []
        for (index, element) in elements.enumerated() {
            let line = try self.line(element, context: "\(context).lines[\(index)]", needWindow: window)
            guard !lines.contains(where: { $0.id == line.id }) else {
                throw LedgerError(.invalidField, "\(context).lines has two lines named \(line.id)")
            }
            lines.append(line)
        }
        try reader.finish()
        return NeedProfile(location: location, community: community, category: category, window: window, priority: Int(priority), lines: lines)
    }

    private static func line(_ value: JSONValue, context: String, needWindow: TimeSpan) throws(LedgerError) -> NeedLine {
        var reader = try FieldReader(value, context: context)
        let id = try reader.name("line")
        let asset = try reader.asset("asset")
        let skill = try self.skill(&reader, asset)
        let line: NeedLine
        if asset == .space {
            let window = try span(reader.object("window"), context: "\(context).window")
            guard needWindow.contains(window) else {
                throw LedgerError(.invalidField, "\(context).window must lie inside the need's window")
            }
            line = NeedLine(id: id, asset: asset, skill: nil, quantity: try reader.integer("area", in: 1...areaMax), window: window)
        } else {
            line = NeedLine(id: id, asset: asset, skill: skill, quantity: try reader.amount("amount"), window: nil)
        }
        try reader.finish()
        return line
    }

    static func offer(_ reader: inout FieldReader, author: String) throws(LedgerError) -> Offer {
        let id = try reader.name("offer")
        let asset = try reader.asset("asset")
        let skill = try self.skill(&reader, asset)
        let quantity = asset == .space ? try reader.integer("area", in: 1...areaMax) : try reader.amount("amount")
        let radius: Int64? = reader.has("radius") ? try reader.integer("radius", in: 0...radiusMax) : (asset == .cny ? nil : Offer.defaultRadiusMetres)
        let location = try self.location(reader.object("location"), context: "body.location")
        let window = try span(reader.object("window"), context: "body.window")
        var categories: [String] = [], communities: [String] = []
        if reader.has("earmark") {
            var earmark = try FieldReader(reader.object("earmark"), context: "body.earmark")
            if earmark.has("categories") { categories = try names(&earmark, "categories") }
            if earmark.has("communities") { communities = try names(&earmark, "communities") }
            try earmark.finish()
            guard !categories.isEmpty || !communities.isEmpty else {
                throw LedgerError(.invalidField, "body.earmark must name at least one category or community; leave it out for none")
            }
        }
        return Offer(
            id: id, party: author, asset: asset, skill: skill, quantity: quantity, radiusMetres: radius, location: location,
            window: window, categories: categories, communities: communities, publishedAt: 0)
    }

    /// `skill` for LABOUR, `discipline` for EXPERTISE, neither otherwise.
    private static func skill(_ reader: inout FieldReader, _ asset: Asset) throws(LedgerError) -> String? {
        switch asset {
        case .labour: return try reader.name("skill")
        case .expertise: return try reader.name("discipline")
        case .cny, .space: return nil
        }
    }

    private static func names(_ reader: inout FieldReader, _ member: String) throws(LedgerError) -> [String] {
        var names: [String] = []
        for element in try reader.array(member, countMax: earmarkNamesMax) {
            guard let name = element.stringValue, Identifier.isValidName(name) else {
                throw LedgerError(.invalidField, "\(reader.context).\(member) must hold names of a-z, 0-9, '.', '_' or '-'")
            }
            guard !names.contains(name) else { throw LedgerError(.invalidField, "\(reader.context).\(member) names \(name) twice") }
            names.append(name)
        }
        guard !names.isEmpty else { throw LedgerError(.invalidField, "\(reader.context).\(member) must not be empty") }
        return names.sorted()
    }

    private static func location(_ value: JSONValue, context: String) throws(LedgerError) -> Location {
        var reader = try FieldReader(value, context: context)
        let location = Location(
            latitudeE6: try reader.integer("latitudeE6", in: -90_000_000...90_000_000),
            longitudeE6: try reader.integer("longitudeE6", in: -180_000_000...180_000_000))
        try reader.finish()
        return location
    }

    private static func span(_ value: JSONValue, context: String) throws(LedgerError) -> TimeSpan {
        var reader = try FieldReader(value, context: context)
        let start = try reader.timestamp("start"), end = try reader.timestamp("end")
        try reader.finish()
        guard start < end else { throw LedgerError(.invalidField, "\(context).end must come after its start") }
        return TimeSpan(start: start, end: end)
    }
}

extension OpportunityFields {
    public static func json(_ profile: NeedProfile) -> JSONValue {
        .object([
            "location": json(profile.location), "community": .string(profile.community), "category": .string(profile.category),
            "window": json(profile.window), "priority": .integer(Int64(profile.priority)),
            "lines": .array(profile.lines.map { line in
                var object: JSONObject = ["line": .string(line.id), "asset": .string(line.asset.rawValue)]
                if let skill = line.skill { object[line.asset == .labour ? "skill" : "discipline"] = .string(skill) }
                if let window = line.window {
                    object["area"] = .integer(line.quantity)
                    object["window"] = json(window)
                } else {
                    object["amount"] = .integer(line.quantity)
                }
                return .object(object)
            }),
        ])
    }

    /// The `offer.publish` body that describes `offer`.
    public static func json(_ offer: Offer) -> JSONValue {
        var object: JSONObject = [
            "offer": .string(offer.id), "asset": .string(offer.asset.rawValue),
            "location": json(offer.location), "window": json(offer.window),
        ]
        if let skill = offer.skill { object[offer.asset == .labour ? "skill" : "discipline"] = .string(skill) }
        object[offer.asset == .space ? "area" : "amount"] = .integer(offer.quantity)
        let defaultRadius: Int64? = offer.asset == .cny ? nil : Offer.defaultRadiusMetres
        if offer.radiusMetres != defaultRadius, let radius = offer.radiusMetres { object["radius"] = .integer(radius) }
        if !offer.categories.isEmpty || !offer.communities.isEmpty {
            var earmark = JSONObject()
            if !offer.categories.isEmpty { earmark["categories"] = .array(offer.categories.map { .string($0) }) }
            if !offer.communities.isEmpty { earmark["communities"] = .array(offer.communities.map { .string($0) }) }
            object["earmark"] = .object(earmark)
        }
        return .object(object)
    }

    static func json(_ location: Location) -> JSONValue {
        .object(["latitudeE6": .integer(location.latitudeE6), "longitudeE6": .integer(location.longitudeE6)])
    }

    static func json(_ span: TimeSpan) -> JSONValue {
        .object(["start": .string(span.start.text), "end": .string(span.end.text)])
    }
}

extension FieldReader {
    /// A JSON integer within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int64>) throws(LedgerError) -> Int64 {
        let value = try self.value(name)
        guard case .number(let number) = value, let integer = number.int64, range.contains(integer) else {
            throw LedgerError(.invalidField, "\(context).\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return integer
    }
}

extension OpportunityFields {
    /// A profile in its wire form, checked as `need.create` checks it.
    public static func profile(_ value: JSONValue) throws(LedgerError) -> NeedProfile {
        try profile(value, context: "profile")
    }

    /// A profile read back from its stored JSON; nil if it is not one.
    public static func storedProfile(_ value: JSONValue) -> NeedProfile? {
        try? profile(value, context: "profile")
    }

    /// An offer read back from its stored `offer.publish` body.
    public static func storedOffer(_ value: JSONValue, party: String, state: Offer.State, publishedAt: UInt64) -> Offer? {
        guard var reader = try? FieldReader(value, context: "offer"), let offer = try? offer(&reader, author: party),
              (try? reader.finish()) != nil
        else { return nil }
        return Offer(
            id: offer.id, party: party, asset: offer.asset, skill: offer.skill, quantity: offer.quantity,
            radiusMetres: offer.radiusMetres, location: offer.location, window: offer.window,
            categories: offer.categories, communities: offer.communities, state: state, publishedAt: publishedAt)
    }
}
