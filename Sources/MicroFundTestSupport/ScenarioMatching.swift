public import MicroFundLedger
public import MicroFundCrypto

/// A matchable need and offers for the scenario: the gate wall of Jiangpu
/// Road, with a cash line, painters, a legal adviser and a workshop space.
extension Scenario {
    public static let wallNeed = "gate-wall"
    /// Jiangpu Road, Shanghai.
    public static let wall = Location(latitudeE6: 31_273_100, longitudeE6: 121_521_400)

    /// Days after the scenario's start, as a time.
    public static func day(_ days: Int64) -> Timestamp { time(days * 1_440) }

    public static var wallProfile: NeedProfile {
        NeedProfile(
            location: wall, community: "jiangpu-road", category: "facade",
            window: TimeSpan(start: day(1), end: day(31)), priority: 4,
            lines: [
                NeedLine(id: "cash", asset: .cny, skill: nil, quantity: 800_000, window: nil),
                NeedLine(id: "paint", asset: .labour, skill: "painting", quantity: 1_200, window: nil),
                NeedLine(id: "legal", asset: .expertise, skill: "legal", quantity: 120, window: nil),
                NeedLine(id: "workshop", asset: .space, skill: nil, quantity: 40, window: TimeSpan(start: day(5), end: day(7))),
            ])
    }

    /// `need.create` of the gate wall, coordinated by the hub.
    public func createWall(at minutes: Int64 = 1) throws -> [UInt8] {
        try EnvelopeDraft.createNeed(
            ledger: origin, id: "need-gate-wall", author: "hub", timestamp: Scenario.time(minutes), need: Scenario.wallNeed,
            title: "Jiangpu Road gate wall", coordinator: "hub", profile: Scenario.wallProfile
        ).signed(by: [coordinator])
    }

    /// An offer `metres` north of the wall, open for the whole month.
    public static func offer(
        _ id: String, party: String, _ asset: Asset, skill: String? = nil, quantity: Int64, metresNorth: Int64 = 100,
        radius: Int64? = 500, categories: [String] = [], communities: [String] = []
    ) -> Offer {
        Offer(
            id: id, party: party, asset: asset, skill: skill, quantity: quantity, radiusMetres: asset == .cny && radius == 500 ? nil : radius,
            location: Location(latitudeE6: wall.latitudeE6 + metresNorth * 9, longitudeE6: wall.longitudeE6),
            window: TimeSpan(start: day(0), end: day(40)), categories: categories, communities: communities, publishedAt: 0)
    }

    /// `offer.publish` of `offer`, signed by the key of its party.
    public func publish(_ offer: Offer, key: Ed25519PrivateKey, at minutes: Int64 = 2) throws -> [UInt8] {
        try EnvelopeDraft.publishOffer(ledger: origin, id: "publish-\(offer.id)", author: offer.party, timestamp: Scenario.time(minutes), offer: offer)
            .signed(by: [key])
    }
}

extension Scenario {
    /// Committee members m1 and m2 (keys 50 and 51), and the motion that
    /// approves the gate wall passed by both: what makes it open for matching.
    public func approveWall(at minutes: Int64 = 2) throws -> [[UInt8]] {
        let members = try [Scenario.key(50), Scenario.key(51)]
        var out: [[UInt8]] = []
        for (index, key) in members.enumerated() {
            out.append(try EnvelopeDraft.registerParty(
                ledger: origin, id: "register-m\(index + 1)", author: "committee", timestamp: Scenario.time(minutes),
                party: PartyDraft(id: "m\(index + 1)", kind: .resident, name: "M\(index + 1)", publicKey: key.publicKey, roles: [.committeeMember])
            ).signed(by: [admin]))
        }
        out.append(try EnvelopeDraft.proposeMotion(
            ledger: origin, id: "approve-wall", author: "hub", timestamp: Scenario.time(minutes), action: .advance(need: Scenario.wallNeed, to: .approved)
        ).signed(by: [coordinator]))
        for (index, key) in members.enumerated() {
            out.append(try EnvelopeDraft.motionVote(
                .motionApprove, ledger: origin, id: "approve-wall-\(index + 1)", author: "m\(index + 1)", timestamp: Scenario.time(minutes), motion: "approve-wall"
            ).signed(by: [key]))
        }
        return out
    }
}
