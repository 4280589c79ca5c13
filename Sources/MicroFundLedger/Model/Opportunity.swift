/// What the matcher needs to know about needs and offers (docs/protocol.md
/// §4.3): where, when, what kind of help, for whom.

/// A point in WGS84, in millionths of a degree: the protocol has no
/// fractions, and 10⁻⁶° is about 11 cm.
public struct Location: Sendable, Equatable, Hashable {
    public let latitudeE6: Int64
    public let longitudeE6: Int64

    public init(latitudeE6: Int64, longitudeE6: Int64) {
        self.latitudeE6 = latitudeE6
        self.longitudeE6 = longitudeE6
    }

    public var latitude: Double { Double(latitudeE6) / 1_000_000 }
    public var longitude: Double { Double(longitudeE6) / 1_000_000 }
}

/// A half-open interval of time, [start, end), with start < end.
public struct TimeSpan: Sendable, Equatable, Hashable {
    public let start: Timestamp
    public let end: Timestamp

    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = end
    }

    public func contains(_ other: TimeSpan) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: TimeSpan) -> Bool { max(start, other.start) < min(end, other.end) }

    /// Whole days it touches, counting a part day as one: what a space line
    /// of `area` m² for this span asks in m²·days.
    public var days: Int64 {
        let seconds = end.seconds - start.seconds
        return (seconds + 86_399) / 86_400
    }
}

/// One requirement line of a need: cash, labour with a skill, expertise with
/// a discipline, or space of at least `quantity` m² for `window`.
public struct NeedLine: Sendable, Equatable {
    /// Unique within its need.
    public let id: String
    public let asset: Asset
    /// The skill (LABOUR) or discipline (EXPERTISE); nil for CNY and SPACE.
    public let skill: String?
    /// Fen, minutes, or (SPACE) the least area in m².
    public let quantity: Int64
    /// SPACE only: when the space is used, inside the need's window.
    public let window: TimeSpan?

    public init(id: String, asset: Asset, skill: String?, quantity: Int64, window: TimeSpan?) {
        self.id = id
        self.asset = asset
        self.skill = skill
        self.quantity = quantity
        self.window = window
    }

    /// What the line asks in the ledger's unit of its asset (SPACE:
    /// m²·days).
    public var requirement: Int64 {
        asset == .space ? quantity * (window?.days ?? 0) : quantity
    }
}

/// Where, when and how urgently a need wants what, for the matcher.
public struct NeedProfile: Sendable, Equatable {
    public let location: Location
    public let community: String
    public let category: String
    public let window: TimeSpan
    /// 1 (lowest) to 5 (highest).
    public let priority: Int
    public let lines: [NeedLine]

    public init(location: Location, community: String, category: String, window: TimeSpan, priority: Int, lines: [NeedLine]) {
        self.location = location
        self.community = community
        self.category = category
        self.window = window
        self.priority = priority
        self.lines = lines
    }

    public func line(_ id: String) -> NeedLine? { lines.first { $0.id == id } }

    /// The requirements the lines add up to, per asset.
    public var requirements: [Asset: Int64] {
        lines.reduce(into: [:]) { $0[$1.asset, default: 0] += $1.requirement }
    }
}

/// A party's standing offer of one kind of resource (`offer.publish`).
public struct Offer: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case live
        case withdrawn
    }

    public let id: String
    /// The party that offers: the author of `offer.publish`.
    public let party: String
    public let asset: Asset
    /// The skill (LABOUR) or discipline (EXPERTISE); nil for CNY and SPACE.
    public let skill: String?
    /// Fen or minutes; for SPACE the area in m², lent whole to one line.
    public let quantity: Int64
    /// Metres within which it serves; nil for no limit.
    public let radiusMetres: Int64?
    public let location: Location
    public let window: TimeSpan
    /// Earmark: categories and communities it may serve (empty: any).
    public let categories: [String]
    public let communities: [String]
    public var state: State
    public let publishedAt: UInt64

    public init(
        id: String, party: String, asset: Asset, skill: String?, quantity: Int64, radiusMetres: Int64?, location: Location,
        window: TimeSpan, categories: [String], communities: [String], state: State = .live, publishedAt: UInt64
    ) {
        self.id = id
        self.party = party
        self.asset = asset
        self.skill = skill
        self.quantity = quantity
        self.radiusMetres = radiusMetres
        self.location = location
        self.window = window
        self.categories = categories
        self.communities = communities
        self.state = state
        self.publishedAt = publishedAt
    }

    /// The radius a non-cash offer has when it names none: the 500-metre
    /// service circle.
    public static let defaultRadiusMetres: Int64 = 500
}
