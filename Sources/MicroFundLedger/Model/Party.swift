/// The six kinds of party that take part in micro-renewal (DESIGN.md §1).
public enum PartyKind: String, Sendable, CaseIterable {
    case enterprise
    case resident
    case government
    case socialOrganisation = "social_org"
    case planningTeam = "planning_team"
    case committee
}

/// What a party may do beyond what every registered party may do (offer,
/// pledge, propose a need).
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// Bootstraps parties and keys.
    case admin
    /// Records donations and refunds; later proposes disbursements.
    case fundManager = "fund_manager"
    /// Votes on motions of its committee (governance issue).
    case committeeMember = "committee_member"
    /// Coordinates needs and confirms deliveries.
    case coordinator
    /// Reads everything, writes nothing of the fund's.
    case auditor

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A registered participant.
public struct Party: Sendable, Equatable {
    public let id: String
    public let kind: PartyKind
    public let name: String
    /// The organisation a person acts for, so conflicts of interest can be seen.
    public let organisation: String?
    public let roles: Set<Role>
    /// The journal sequence number that registered it.
    public let registeredAt: UInt64

    public init(id: String, kind: PartyKind, name: String, organisation: String?, roles: Set<Role>, registeredAt: UInt64) {
        self.id = id
        self.kind = kind
        self.name = name
        self.organisation = organisation
        self.roles = roles
        self.registeredAt = registeredAt
    }
}
