import MicroFundLedger

/// The checks of `match-instance/1`, member by member. Each error names
/// where it is ("need n000012", "offer o0000042") and what is wrong.
struct DocumentReader {
    private let root: JSONObject
    private var skills: Set<String>?
    private var disciplines: Set<String>?
    private var categories: Set<String>?
    private var communities: Set<String>?
    private var horizon = TimeWindow(start: -ProblemDecoder.minuteMagnitudeMax, end: ProblemDecoder.minuteMagnitudeMax)
    private var defaultRadius: Double = 500
    private var earthRadius = Sphere.meanEarthRadiusMetres

    init(_ value: JSONValue) throws(MatchError) {
        guard let object = value.objectValue else { throw MatchError(.malformed, "the document is not a JSON object") }
        root = object
    }

    mutating func problem() throws(MatchError) -> MatchProblem {
        let schema = try Self.string(root, "schema", "the document")
        guard schema == "match-instance/1" else {
            throw MatchError(.unsupportedSchema, "schema is \"\(schema)\", not \"match-instance/1\"")
        }
        try readSettings()
        let weights = try priorityWeights()
        let epoch = try root["epoch"].map { value throws(MatchError) in
            guard let text = value.stringValue, MinuteClock(epoch: text) != nil else {
                throw MatchError(.malformed, "epoch is not an RFC 3339 date and time")
            }
            return text
        }
        let needs = try self.needs()
        let offers = try self.offers()
        return MatchProblem(
            epoch: epoch, earthRadiusMetres: earthRadius, priorityWeights: weights, needs: needs, offers: offers)
    }

    private mutating func readSettings() throws(MatchError) {
        skills = try Self.nameList(root, "skills")
        disciplines = try Self.nameList(root, "disciplines")
        categories = try Self.nameList(root, "categories")
        if let list = root["communities"] {
            guard let array = list.arrayValue else { throw MatchError(.malformed, "communities is not an array") }
            var names = Set<String>()
            for item in array {
                guard let object = item.objectValue else { throw MatchError(.malformed, "a community is not an object") }
                names.insert(try Self.identifier(object, "id", "a community"))
            }
            communities = names
        }
        if root["horizon"] != nil {
            horizon = try Self.window(root, "horizon", "the document", within: horizon)
        }
        if let value = root["earth_radius_m"] {
            guard let radius = Self.double(value), radius >= 1, radius <= 1e9 else {
                throw MatchError(.invalidLocation, "earth_radius_m is not a number of metres in 1...10^9")
            }
            earthRadius = radius
        }
        if root["default_radius_m"] != nil {
            defaultRadius = Double(try Self.integer(root, "default_radius_m", "the document", 0...ProblemDecoder.radiusMax, .invalidLocation))
        }
    }

    private func priorityWeights() throws(MatchError) -> [Double] {
        guard let value = root["priority_weights"] else { return [1, 2, 3, 4, 5] }
        guard let object = value.objectValue else { throw MatchError(.malformed, "priority_weights is not an object") }
        var weights: [Double] = []
        for priority in 1...5 {
            guard let weight = object["\(priority)"].flatMap(Self.double), weight > 0, weight <= 1e6 else {
                throw MatchError(.invalidPriority, "priority_weights[\"\(priority)\"] is not a number in (0, 10^6]")
            }
            weights.append(weight)
        }
        guard object.count == 5 else { throw MatchError(.invalidPriority, "priority_weights has keys other than \"1\"...\"5\"") }
        return weights
    }

    private func needs() throws(MatchError) -> [MatchNeed] {
        let array = try Self.array(root, "needs", "the document")
        guard array.count <= ProblemDecoder.needsMax else {
            throw MatchError(.tooLarge, "\(array.count) needs; the limit is \(ProblemDecoder.needsMax)")
        }
        var needIds = Set<String>(), lineIds = Set<String>()
        var needs: [MatchNeed] = []
        needs.reserveCapacity(array.count)
        for item in array {
            guard let object = item.objectValue else { throw MatchError(.malformed, "a need is not an object") }
            let need = try self.need(object)
            guard needIds.insert(need.id).inserted else { throw MatchError(.duplicateId, "need \(need.id) appears twice") }
            for line in need.lines where !lineIds.insert(line.id).inserted {
                throw MatchError(.duplicateId, "line \(line.id) appears twice")
            }
            needs.append(need)
        }
        return needs
    }

    private func need(_ object: JSONObject) throws(MatchError) -> MatchNeed {
        let id = try Self.identifier(object, "id", "a need")
        let item = "need \(id)"
        let community = try Self.identifier(object, "community", item)
        if let communities, !communities.contains(community) {
            throw MatchError(.unknownName, "\(item): community \(community) is not in communities")
        }
        let category = try Self.identifier(object, "category", item)
        if let categories, !categories.contains(category) {
            throw MatchError(.unknownName, "\(item): category \(category) is not in categories")
        }
        let priority = try Self.integer(object, "priority", item, 1...5, .invalidPriority)
        let location = try Self.location(object, item)
        let window = try Self.window(object, "window", item, within: horizon)
        let lineArray = try Self.array(object, "lines", item)
        guard lineArray.count <= ProblemDecoder.linesPerNeedMax else {
            throw MatchError(.tooLarge, "\(item) has \(lineArray.count) lines; the limit is \(ProblemDecoder.linesPerNeedMax)")
        }
        var lines: [RequirementLine] = []
        for value in lineArray {
            guard let line = value.objectValue else { throw MatchError(.malformed, "\(item): a line is not an object") }
            lines.append(try requirement(line, needWindow: window, item))
        }
        return MatchNeed(
            id: id, community: community, category: category, priority: Int(priority),
            location: location, window: window, lines: lines)
    }

    private func requirement(_ object: JSONObject, needWindow: TimeWindow, _ needItem: String) throws(MatchError) -> RequirementLine {
        let id = try Self.identifier(object, "id", "\(needItem): a line")
        let item = "line \(id)"
        let kind = try Self.kind(object, item)
        let skill = try self.skill(object, kind, item)
        if kind == .space {
            let area = try Self.integer(object, "area_m2", item, 1...ProblemDecoder.areaMax, .invalidQuantity)
            let window = try Self.window(object, "window", item, within: horizon)
            guard needWindow.contains(window) else {
                throw MatchError(.invalidWindow, "\(item): its window is not inside its need's window")
            }
            return RequirementLine(id: id, kind: kind, quantity: area, window: window)
        }
        let quantity = try Self.integer(object, "quantity", item, 1...ProblemDecoder.quantityMax, .invalidQuantity)
        return RequirementLine(id: id, kind: kind, skill: skill, quantity: quantity)
    }

    private func offers() throws(MatchError) -> [MatchOffer] {
        let array = try Self.array(root, "offers", "the document")
        guard array.count <= ProblemDecoder.offersMax else {
            throw MatchError(.tooLarge, "\(array.count) offers; the limit is \(ProblemDecoder.offersMax)")
        }
        var ids = Set<String>()
        var offers: [MatchOffer] = []
        offers.reserveCapacity(array.count)
        for value in array {
            guard let object = value.objectValue else { throw MatchError(.malformed, "an offer is not an object") }
            let offer = try self.offer(object)
            guard ids.insert(offer.id).inserted else { throw MatchError(.duplicateId, "offer \(offer.id) appears twice") }
            offers.append(offer)
        }
        return offers
    }

    private func offer(_ object: JSONObject) throws(MatchError) -> MatchOffer {
        let id = try Self.identifier(object, "id", "an offer")
        let item = "offer \(id)"
        let party = try Self.identifier(object, "party", item)
        let kind = try Self.kind(object, item)
        let skill = try self.skill(object, kind, item)
        let quantity = kind == .space
            ? try Self.integer(object, "area_m2", item, 1...ProblemDecoder.areaMax, .invalidQuantity)
            : try Self.integer(object, "quantity", item, 1...ProblemDecoder.quantityMax, .invalidQuantity)
        let radius: Double?
        switch object["radius_m"] {
        case .none: radius = kind == .cash ? nil : defaultRadius
        case .some(.null): radius = nil
        case .some: radius = Double(try Self.integer(object, "radius_m", item, 0...ProblemDecoder.radiusMax, .invalidLocation))
        }
        return MatchOffer(
            id: id, party: party, kind: kind, skill: skill, quantity: quantity, radiusMetres: radius,
            location: try Self.location(object, item), window: try Self.window(object, "window", item, within: horizon),
            earmark: try earmark(object, item))
    }

    private func earmark(_ object: JSONObject, _ item: String) throws(MatchError) -> Earmark {
        guard let value = object["earmark"], !value.isNull else { return Earmark() }
        guard let earmark = value.objectValue else { throw MatchError(.malformed, "\(item): earmark is not an object or null") }
        let wanted = try Self.nameList(earmark, "categories") ?? []
        let places = try Self.nameList(earmark, "communities") ?? []
        for name in wanted where categories.map({ !$0.contains(name) }) ?? false {
            throw MatchError(.unknownName, "\(item): earmark category \(name) is not in categories")
        }
        for name in places where communities.map({ !$0.contains(name) }) ?? false {
            throw MatchError(.unknownName, "\(item): earmark community \(name) is not in communities")
        }
        return Earmark(categories: Array(wanted), communities: Array(places))
    }

    /// The skill (labour) or discipline (expertise); none for other kinds.
    private func skill(_ object: JSONObject, _ kind: ResourceKind, _ item: String) throws(MatchError) -> String? {
        let member: String?, list: Set<String>?
        switch kind {
        case .labour: (member, list) = ("skill", skills)
        case .expertise: (member, list) = ("discipline", disciplines)
        case .cash, .space: (member, list) = (nil, nil)
        }
        for other in ["skill", "discipline"] where other != member && object[other] != nil {
            throw MatchError(.unknownSkill, "\(item): a \(kind.rawValue) \(item.hasPrefix("offer") ? "offer" : "line") has no \(other)")
        }
        guard let member else { return nil }
        let name = try Self.identifier(object, member, item)
        if let list, !list.contains(name) {
            throw MatchError(.unknownSkill, "\(item): \(member) \(name) is not in \(member == "skill" ? "skills" : "disciplines")")
        }
        return name
    }
}
