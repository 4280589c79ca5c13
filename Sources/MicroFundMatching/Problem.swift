/// A matching problem: the needs of the opportunity list with their
/// requirement lines, and the offers that might serve them.
///
/// It is plain data with no behaviour of its own: the interchange format
/// (`match-instance/1`, read by `ProblemDecoder`) and the ledger both build
/// one, and `Matcher` solves it. Times are whole minutes since `epoch`.
public struct MatchProblem: Sendable {
    /// The instant minute 0 stands for, as an RFC 3339 text with an offset
    /// (`2026-03-02T00:00:00+08:00`); explanations print times in it.
    public var epoch: String?
    /// The sphere distances are measured on, in metres.
    public var earthRadiusMetres: Double
    /// w(priority) for priorities 1...5, each positive.
    public var priorityWeights: [Double]
    public var needs: [MatchNeed]
    public var offers: [MatchOffer]

    public init(
        epoch: String?, earthRadiusMetres: Double = Sphere.meanEarthRadiusMetres,
        priorityWeights: [Double] = [1, 2, 3, 4, 5], needs: [MatchNeed], offers: [MatchOffer]
    ) {
        self.epoch = epoch
        self.earthRadiusMetres = earthRadiusMetres
        self.priorityWeights = priorityWeights
        self.needs = needs
        self.offers = offers
    }

    /// w(priority) for a priority of 1...5.
    public func weight(priority: Int) -> Double { priorityWeights[priority - 1] }
}

/// The four kinds of resource the fund brings together.
public enum ResourceKind: String, Sendable, CaseIterable, Comparable {
    case cash, labour, expertise, space

    /// What a quantity of this kind counts in the interchange format.
    public var unit: String {
        switch self {
        case .cash: "fen"
        case .labour, .expertise: "minute"
        case .space: "m2"
        }
    }

    public static func < (left: ResourceKind, right: ResourceKind) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}

/// A half-open interval of minutes, [start, end), with start < end.
public struct TimeWindow: Sendable, Hashable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    /// Whether the two windows share at least one minute.
    public func overlaps(_ other: TimeWindow) -> Bool {
        max(start, other.start) < min(end, other.end)
    }

    /// Whether `other` lies wholly inside this window.
    public func contains(_ other: TimeWindow) -> Bool {
        start <= other.start && other.end <= end
    }
}

/// A point on the sphere, in degrees (WGS84 latitude and longitude).
public struct GeoPoint: Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// What an offer's giver allows it to be spent on. An empty list does not
/// restrict; a need must satisfy both lists that are not empty.
public struct Earmark: Sendable, Hashable {
    public var categories: [String]
    public var communities: [String]

    public init(categories: [String] = [], communities: [String] = []) {
        self.categories = categories.sorted()
        self.communities = communities.sorted()
    }

    public var isEmpty: Bool { categories.isEmpty && communities.isEmpty }

    public func admits(category: String, community: String) -> Bool {
        (categories.isEmpty || categories.contains(category))
            && (communities.isEmpty || communities.contains(community))
    }
}

/// An item of the opportunity list.
public struct MatchNeed: Sendable {
    public var id: String
    public var community: String
    public var category: String
    /// 1 (lowest) ... 5 (highest).
    public var priority: Int
    public var location: GeoPoint
    public var window: TimeWindow
    public var lines: [RequirementLine]

    public init(
        id: String, community: String, category: String, priority: Int,
        location: GeoPoint, window: TimeWindow, lines: [RequirementLine]
    ) {
        self.id = id
        self.community = community
        self.category = category
        self.priority = priority
        self.location = location
        self.window = window
        self.lines = lines
    }
}

/// One thing a need asks for.
public struct RequirementLine: Sendable {
    public var id: String
    public var kind: ResourceKind
    /// The skill (labour) or discipline (expertise); nil for cash and space.
    public var skill: String?
    /// Fen, minutes, or (space) the least area in m².
    public var quantity: Int64
    /// Space only: when the space is used, inside the need's window. Other
    /// kinds use the need's window.
    public var window: TimeWindow?

    public init(id: String, kind: ResourceKind, skill: String? = nil, quantity: Int64, window: TimeWindow? = nil) {
        self.id = id
        self.kind = kind
        self.skill = skill
        self.quantity = quantity
        self.window = window
    }
}

/// One party's offer of one kind of resource.
public struct MatchOffer: Sendable {
    public var id: String
    public var party: String
    public var kind: ResourceKind
    /// The skill (labour) or discipline (expertise); nil for cash and space.
    public var skill: String?
    /// Fen or minutes; for space the area in m², served whole to one line.
    public var quantity: Int64
    /// Metres from the offer's location within which it serves; nil for no
    /// limit.
    public var radiusMetres: Double?
    public var location: GeoPoint
    public var window: TimeWindow
    public var earmark: Earmark

    public init(
        id: String, party: String, kind: ResourceKind, skill: String? = nil, quantity: Int64,
        radiusMetres: Double?, location: GeoPoint, window: TimeWindow, earmark: Earmark = Earmark()
    ) {
        self.id = id
        self.party = party
        self.kind = kind
        self.skill = skill
        self.quantity = quantity
        self.radiusMetres = radiusMetres
        self.location = location
        self.window = window
        self.earmark = earmark
    }
}
