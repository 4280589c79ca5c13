import MicroFundMatching
import Testing

/// Small problems whose answer is worked out by hand.
@Suite("Matching rules, hand-checked")
struct RuleTests {
    @Test("a scarce offer goes to the higher priority, and wholly")
    func priority() throws {
        let plan = try Matcher.match(problem(
            [need("low", priority: 1, [RequirementLine(id: "low-1", kind: .labour, skill: "painting", quantity: 120)]),
             need("high", priority: 5, [RequirementLine(id: "high-1", kind: .labour, skill: "painting", quantity: 120)])],
            [offer("o1", .labour, 120, skill: "painting")]))
        #expect(plan.allocations.map(\.lineId) == ["high-1"])
        #expect(plan.allocations.first?.quantity == 120)
        #expect(plan.objective == 5)
        #expect(plan.fulfilment == 5.0 / 6.0)
    }

    @Test("per-line fractions: a small line fully served is worth more than part of a big one")
    func fractions() throws {
        let plan = try Matcher.match(problem(
            [need("big", priority: 3, [RequirementLine(id: "big-1", kind: .cash, quantity: 100_000)]),
             need("small", priority: 3, [RequirementLine(id: "small-1", kind: .cash, quantity: 10_000)])],
            [offer("o1", .cash, 10_000)]))
        #expect(plan.allocations.map(\.lineId) == ["small-1"])
        #expect(plan.objective == 3)
    }

    @Test("on equal fulfilment the nearer offer serves")
    func distance() throws {
        let plan = try Matcher.match(problem(
            [need("n", [RequirementLine(id: "n-1", kind: .labour, skill: "gardening", quantity: 60)])],
            [offer("far", .labour, 60, skill: "gardening", at: near(east: 400)),
             offer("near", .labour, 60, skill: "gardening", at: near(north: 100))]))
        #expect(plan.allocations.map(\.offerId) == ["near"])
        #expect(abs(plan.allocations[0].distanceMetres - 100) < 0.5)
        #expect(plan.allocations[0].why == "labour (gardening); 100 m, within the offer's 500 m radius; windows overlap 2026-03-02 00:00 to 2026-04-01 00:00; no earmark")
    }

    @Test("fulfilment never yields to distance: a far offer serves rather than none")
    func lexicographic() throws {
        let plan = try Matcher.match(problem(
            [need("a", priority: 1, [RequirementLine(id: "a-1", kind: .labour, skill: "painting", quantity: 60)]),
             need("b", priority: 1, at: near(east: 1900), [RequirementLine(id: "b-1", kind: .labour, skill: "painting", quantity: 60)])],
            [offer("both", .labour, 60, skill: "painting", radius: 2000, at: near(east: 1000)),
             offer("onlyA", .labour, 60, skill: "painting", radius: 2000, at: near(east: 10))]))
        // onlyA reaches b too (1890 m), but then "both" would serve a at 1000 m:
        // both lines are served either way, and the total distance decides.
        #expect(plan.objective == 2)
        #expect(Set(plan.allocations.map { "\($0.offerId)>\($0.lineId)" }) == ["onlyA>a-1", "both>b-1"])
    }

    @Test("radius, skill, window and earmark each rule out a pair")
    func exclusions() throws {
        let line = [RequirementLine(id: "n-1", kind: .labour, skill: "painting", quantity: 60)]
        let cases: [MatchOffer] = [
            offer("out-of-reach", .labour, 60, skill: "painting", radius: 500, at: near(north: 501)),
            offer("other-skill", .labour, 60, skill: "gardening"),
            offer("too-late", .labour, 60, skill: "painting", window: TimeWindow(start: 43_200, end: 50_000)),
            offer("for-facades", .labour, 60, skill: "painting", earmark: Earmark(categories: ["facade"])),
            offer("for-c2", .labour, 60, skill: "painting", earmark: Earmark(communities: ["c2"])),
            offer("expertise", .expertise, 60, skill: "painting"),
        ]
        for o in cases {
            let plan = try Matcher.match(problem([need("n", line)], [o]))
            #expect(plan.allocations.isEmpty, "\(o.id) should not serve")
        }
        let fits = try Matcher.match(problem([need("n", line)], [offer("at-edge", .labour, 60, skill: "painting", radius: 500, at: near(north: 499))]))
        #expect(fits.allocations.count == 1)
        let earmarked = try Matcher.match(problem([need("n", line)], [offer("for-greening", .labour, 60, skill: "painting", earmark: Earmark(categories: ["greening"], communities: ["c1"]))]))
        #expect(earmarked.allocations.first?.why.hasSuffix("earmarked for category greening and community c1") == true)
    }

    @Test("space: whole, one offer to one line, window contained and area covered")
    func space() throws {
        let use = TimeWindow(start: 1_000, end: 2_440)
        let lines = [RequirementLine(id: "n-1", kind: .space, quantity: 40, window: use)]
        let small = offer("small", .space, 39, window: wholeMonth)
        let short = offer("short", .space, 100, window: TimeWindow(start: 1_001, end: 43_200))
        let right = offer("right", .space, 50, window: TimeWindow(start: 1_000, end: 2_440))
        let plan = try Matcher.match(problem([need("n", lines), need("m", lines.map { RequirementLine(id: "m-1", kind: .space, quantity: 45, window: $0.window) })],
                                         [small, short, right]))
        #expect(plan.allocations.count == 1)
        #expect(plan.allocations.first?.quantity == 40 || plan.allocations.first?.quantity == 45)
        #expect(plan.allocations.first?.offerId == "right")
    }

    @Test("a cash pool is split back onto its offers in offer-id order")
    func pools() throws {
        let plan = try Matcher.match(problem(
            [need("n", priority: 5, [RequirementLine(id: "n-1", kind: .cash, quantity: 25_000)]),
             need("m", priority: 1, [RequirementLine(id: "m-1", kind: .cash, quantity: 10_000)])],
            [offer("c", .cash, 10_000), offer("a", .cash, 10_000), offer("b", .cash, 10_000)]))
        let given = Dictionary(grouping: plan.allocations, by: \.offerId).mapValues { $0.reduce(0) { $0 + $1.quantity } }
        #expect(given == ["a": 10_000, "b": 10_000, "c": 10_000])
        #expect(plan.allocations.filter { $0.lineId == "n-1" }.map(\.offerId) == ["a", "b", "c"])
        #expect(plan.objective == 5 + 0.5)
    }
}

/// Absurd quantities (offers are self-declared) never overflow: a supply
/// is capped at what its lines can take, and a group whose totals could
/// overflow is refused with a code.
@Suite("Matching with absurd quantities")
struct OverflowTests {
    @Test("offers of nearly Int64.max serve ordinary lines, pooled or not")
    func hugeOffers() throws {
        let huge = Int64.max / 2 + 1
        let plan = try Matcher.match(problem(
            [need("n", [RequirementLine(id: "n-1", kind: .labour, skill: "painting", quantity: 61),
                        RequirementLine(id: "n-2", kind: .cash, quantity: 101)])],
            [offer("a", .labour, huge, skill: "painting"), offer("c1", .cash, huge), offer("c2", .cash, huge), offer("c3", .cash, huge)]))
        #expect(plan.allocations.map(\.quantity) == [61, 101])
        #expect(plan.allocations.map(\.offerId) == ["a", "c1"])
        #expect(plan.objective == 6)
    }

    @Test("requirements that sum past 2^62 units are match_too_large, not a crash")
    func hugeLines() throws {
        let big = Int64.max / 3
        let lines = (1...3).map { RequirementLine(id: "n-\($0)", kind: .labour, skill: "painting", quantity: big + Int64($0)) }
        #expect {
            try Matcher.match(problem([need("n", lines)], [offer("a", .labour, 7, skill: "painting")]))
        } throws: { ($0 as? MatchError)?.code == .tooLarge }
        // One line of a minute beside one of 2^61: no integer reward scale fits.
        let skewed = [RequirementLine(id: "n-1", kind: .labour, skill: "painting", quantity: 1),
                      RequirementLine(id: "n-2", kind: .labour, skill: "painting", quantity: Int64(1) << 61)]
        #expect {
            try Matcher.match(problem([need("n", skewed)], [offer("a", .labour, 7, skill: "painting")]))
        } throws: { ($0 as? MatchError)?.code == .tooLarge }
    }
}
