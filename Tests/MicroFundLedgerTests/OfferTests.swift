import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import Testing

/// Offers, need profiles, and pledges that draw on an offer for a line.
@Suite("Offers and matchable needs")
struct OfferTests {
    let s: Scenario
    var state = LedgerState()

    init() throws {
        s = try Scenario()
        try applyAtAuthorTimes(s.setup() + [s.createWall()], to: &state)
    }

    func pledge(_ id: String, by party: String, key: Ed25519PrivateKey, _ asset: Asset, _ amount: Int64, line: String?, offer: String?, need: String = Scenario.wallNeed) throws -> [UInt8] {
        try EnvelopeDraft.makePledge(ledger: s.origin, id: id, author: party, timestamp: Scenario.time(3), need: need, asset: asset, amount: amount, deadline: nil, line: line, offer: offer)
            .signed(by: [key])
    }

    @Test("a profile is kept with the need, and its lines set the requirements")
    func profile() throws {
        let need = try #require(state.needs[Scenario.wallNeed])
        #expect(need.profile == Scenario.wallProfile)
        // 40 m² for two days is 80 m²·days.
        #expect(need.requirements == [.cny: 800_000, .labour: 1_200, .expertise: 120, .space: 80])
        var wrong = try EnvelopeDraft.createNeed(ledger: s.origin, id: "n2", author: "hub", timestamp: Scenario.time(2), need: "n2", title: "T", coordinator: "hub",
                                                 requirements: [.cny: 800_000], profile: Scenario.wallProfile).signed(by: [s.coordinator])
        #expect(refusal(wrong, on: state) == .invalidField)
        var profile = Scenario.wallProfile
        profile = NeedProfile(location: profile.location, community: profile.community, category: profile.category, window: profile.window, priority: 6, lines: profile.lines)
        wrong = try EnvelopeDraft.createNeed(ledger: s.origin, id: "n3", author: "hub", timestamp: Scenario.time(2), need: "n3", title: "T", coordinator: "hub", profile: profile).signed(by: [s.coordinator])
        #expect(refusal(wrong, on: state) == .invalidField)
    }

    @Test("publish and withdraw: the party or an admin; ids unique; withdrawn once")
    mutating func lifecycle() throws {
        let paint = Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 600)
        try applyAtAuthorTimes([s.publish(paint, key: s.enterprise)], to: &state)
        #expect(state.offers["studio-paint"]?.party == "zone-studio")
        #expect(state.offers["studio-paint"]?.radiusMetres == 500)
        let again = try EnvelopeDraft.publishOffer(ledger: s.origin, id: "publish-2", author: "zone-studio", timestamp: Scenario.time(3), offer: paint).signed(by: [s.enterprise])
        #expect(refusal(again, on: state) == .offerExists)
        let byOther = try EnvelopeDraft.withdrawOffer(ledger: s.origin, id: "w0", author: "resident-wang", timestamp: Scenario.time(3), offer: "studio-paint").signed(by: [s.resident])
        #expect(refusal(byOther, on: state) == .forbidden)
        let unknown = try EnvelopeDraft.withdrawOffer(ledger: s.origin, id: "w1", author: "zone-studio", timestamp: Scenario.time(3), offer: "nope").signed(by: [s.enterprise])
        #expect(refusal(unknown, on: state) == .offerUnknown)
        let byAdmin = try EnvelopeDraft.withdrawOffer(ledger: s.origin, id: "w2", author: "committee", timestamp: Scenario.time(3), offer: "studio-paint").signed(by: [s.admin])
        try applyAtAuthorTimes([byAdmin], to: &state)
        #expect(state.offers["studio-paint"]?.state == .withdrawn)
        let twice = try EnvelopeDraft.withdrawOffer(ledger: s.origin, id: "w3", author: "zone-studio", timestamp: Scenario.time(3), offer: "studio-paint").signed(by: [s.enterprise])
        #expect(refusal(twice, on: state) == .offerWithdrawn)
        #expect(refusal(try pledge("p", by: "zone-studio", key: s.enterprise, .labour, 60, line: "paint", offer: "studio-paint"), on: state) == .offerWithdrawn)
    }

    @Test("a pledge draws on an offer up to what it has left, for a line of its kind")
    mutating func drawing() throws {
        let paint = Scenario.offer("studio-paint", party: "zone-studio", .labour, skill: "painting", quantity: 600)
        let hall = Scenario.offer("studio-hall", party: "zone-studio", .space, quantity: 60)
        try applyAtAuthorTimes([s.publish(paint, key: s.enterprise), s.publish(hall, key: s.enterprise)], to: &state)
        let cases: [([UInt8], LedgerError.Code)] = [
            (try pledge("a", by: "zone-studio", key: s.enterprise, .labour, 60, line: "nope", offer: "studio-paint"), .lineUnknown),
            (try pledge("b", by: "zone-studio", key: s.enterprise, .expertise, 60, line: "paint", offer: "studio-paint"), .offerMismatch),
            (try pledge("c", by: "zone-studio", key: s.enterprise, .expertise, 60, line: "legal", offer: "studio-paint"), .offerMismatch),
            (try pledge("d", by: "zone-studio", key: s.enterprise, .labour, 601, line: "paint", offer: "studio-paint"), .offerExhausted),
            (try pledge("e", by: "resident-wang", key: s.resident, .labour, 60, line: "paint", offer: "studio-paint"), .forbidden),
            (try pledge("f", by: "zone-studio", key: s.enterprise, .labour, 60, line: nil, offer: "studio-paint"), .invalidField),
            (try pledge("g", by: "zone-studio", key: s.enterprise, .labour, 60, line: "paint", offer: "ghost"), .offerUnknown),
            (try pledge("h", by: "zone-studio", key: s.enterprise, .space, 79, line: "workshop", offer: "studio-hall"), .offerMismatch),
            (try pledge("i", by: "zone-studio", key: s.enterprise, .labour, 60, line: "paint", offer: nil, need: s.need), .lineUnknown),
        ]
        for (bytes, code) in cases {
            #expect(refusal(bytes, on: state) == code)
        }
        // Exactly what is left is accepted; then nothing is.
        try applyAtAuthorTimes([try pledge("p1", by: "zone-studio", key: s.enterprise, .labour, 600, line: "paint", offer: "studio-paint")], to: &state)
        #expect(state.drawn(from: "studio-paint") == 600)
        #expect(state.committed(toLine: "paint", of: Scenario.wallNeed) == 600)
        #expect(refusal(try pledge("p2", by: "zone-studio", key: s.enterprise, .labour, 1, line: "paint", offer: "studio-paint"), on: state) == .offerExhausted)
        // Space is lent whole, once.
        try applyAtAuthorTimes([try pledge("p3", by: "zone-studio", key: s.enterprise, .space, 80, line: "workshop", offer: "studio-hall")], to: &state)
        #expect(refusal(try pledge("p4", by: "zone-studio", key: s.enterprise, .space, 80, line: "workshop", offer: "studio-hall"), on: state) == .offerExhausted)
        // A cancelled pledge gives its amount back to the offer.
        let cancel = try EnvelopeDraft.cancelPledge(ledger: s.origin, id: "x1", author: "zone-studio", timestamp: Scenario.time(4), pledge: "p1").signed(by: [s.enterprise])
        try applyAtAuthorTimes([cancel], to: &state)
        #expect(state.drawn(from: "studio-paint") == 0)
    }

    @Test("malformed offers are refused with the field named")
    func malformed() throws {
        func body(_ edit: (inout JSONObject) -> Void) throws -> [UInt8] {
            var object = OpportunityFields.json(Scenario.offer("o", party: "zone-studio", .labour, skill: "painting", quantity: 60)).objectValue!
            edit(&object)
            return try EnvelopeDraft(ledger: s.origin, id: "o-\(object.count)", kind: .offerPublish, author: "zone-studio", timestamp: Scenario.time(3), body: object).signed(by: [s.enterprise])
        }
        #expect(refusal(try body { $0["skill"] = nil }, on: state) == .missingField)
        #expect(refusal(try body { $0["amount"] = .integer(0) }, on: state) == .amountNotPositive)
        #expect(refusal(try body { $0["radius"] = .integer(-1) }, on: state) == .invalidField)
        #expect(refusal(try body { $0["location"] = .object(["latitudeE6": .integer(90_000_001), "longitudeE6": .integer(0)]) }, on: state) == .invalidField)
        #expect(refusal(try body { $0["window"] = .object(["start": .string(Scenario.day(3).text), "end": .string(Scenario.day(3).text)]) }, on: state) == .invalidField)
        #expect(refusal(try body { $0["earmark"] = .object([:]) }, on: state) == .invalidField)
        #expect(refusal(try body { $0["discipline"] = .string("legal") }, on: state) == .unknownField)
        #expect(refusal(try body { $0["asset"] = .string("TIME") }, on: state) == .invalidField)
    }
}
