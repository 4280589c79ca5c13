public import MicroFundLedger

/// The matching problem a ledger poses now: its open needs' lines and its
/// live offers, each net of what pledges already hold, and only the time
/// still ahead: windows are cut to start no earlier than `now`, and a space
/// line whose use has begun is left out (docs/matching.md §5).
///
/// Pure: it reads a `LedgerState` value. Ids in the problem: a need is its
/// id, a line `<need>/<line>`, an offer its id. Times are whole minutes
/// since 1970-01-01T00:00:00Z, rounded so that a pair the minutes allow is
/// one the exact times allow too (lines widen to whole minutes, offers
/// narrow), and explanations print UTC.
public struct LedgerProblem: Sendable {
    public let problem: MatchProblem
    /// For each problem line id, the need and line it stands for.
    public let lines: [String: (need: String, line: NeedLine)]

    public static let epoch = "1970-01-01T00:00:00Z"

    /// Needs that may receive pledges through matching: with a profile,
    /// approved and not yet accepted, not disputed.
    public static let openStages: Set<NeedStageMachine.Stage> = [.approved, .hearingPassed, .inProgress]

    public init(_ state: LedgerState, now: Timestamp) {
        let nowMinutes = Self.narrowed(TimeSpan(start: now, end: Timestamp.fromEpoch(seconds: now.seconds + 120)))?.start ?? 0
        var needs: [MatchNeed] = []
        var lines: [String: (need: String, line: NeedLine)] = [:]
        for need in state.needs.values.sorted(by: { $0.id < $1.id }) {
            guard let profile = need.profile, case .at(let stage) = need.stage, Self.openStages.contains(stage) else { continue }
            var requirement: [RequirementLine] = []
            for line in profile.lines {
                let committed = state.committed(toLine: line.id, of: need.id)
                let id = "\(need.id)/\(line.id)"
                if line.asset == .space {
                    guard committed == 0, let window = line.window, window.start >= now else { continue }
                    requirement.append(RequirementLine(id: id, kind: .space, quantity: line.quantity, window: Self.widened(window)))
                } else {
                    guard line.quantity > committed else { continue }
                    requirement.append(RequirementLine(id: id, kind: Self.kind(line.asset), skill: line.skill, quantity: line.quantity - committed))
                }
                lines[id] = (need.id, line)
            }
            var window = Self.widened(profile.window)
            window.start = max(window.start, nowMinutes)
            guard !requirement.isEmpty, window.start < window.end else { continue }
            needs.append(MatchNeed(
                id: need.id, community: profile.community, category: profile.category, priority: profile.priority,
                location: Self.point(profile.location), window: window, lines: requirement))
        }
        var offers: [MatchOffer] = []
        for offer in state.offers.values.sorted(by: { $0.id < $1.id }) where offer.state == .live {
            let drawn = state.drawn(from: offer.id)
            let left = offer.asset == .space ? (drawn == 0 ? offer.quantity : 0) : offer.quantity - drawn
            guard left > 0, var window = Self.narrowed(offer.window) else { continue }
            window.start = max(window.start, nowMinutes)
            guard window.start < window.end else { continue }
            offers.append(MatchOffer(
                id: offer.id, party: offer.party, kind: Self.kind(offer.asset), skill: offer.skill, quantity: left,
                radiusMetres: offer.radiusMetres.map(Double.init), location: Self.point(offer.location), window: window,
                earmark: Earmark(categories: offer.categories, communities: offer.communities)))
        }
        problem = MatchProblem(epoch: Self.epoch, needs: needs, offers: offers)
        self.lines = lines
    }

    public static func kind(_ asset: Asset) -> ResourceKind {
        switch asset {
        case .cny: .cash
        case .labour: .labour
        case .expertise: .expertise
        case .space: .space
        }
    }

    static func point(_ location: Location) -> GeoPoint {
        GeoPoint(latitude: location.latitude, longitude: location.longitude)
    }

    /// [⌊start⌋, ⌈end⌉) in minutes.
    static func widened(_ span: TimeSpan) -> TimeWindow {
        TimeWindow(start: floorMinutes(span.start.seconds), end: -floorMinutes(-span.end.seconds - (span.end.nanoseconds > 0 ? 1 : 0)))
    }

    /// [⌈start⌉, ⌊end⌋) in minutes; nil when no whole minute is left.
    static func narrowed(_ span: TimeSpan) -> TimeWindow? {
        let start = -floorMinutes(-span.start.seconds - (span.start.nanoseconds > 0 ? 1 : 0)), end = floorMinutes(span.end.seconds)
        return start < end ? TimeWindow(start: start, end: end) : nil
    }

    private static func floorMinutes(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 60 : (seconds - 59) / 60
    }

    /// The pledge that accepts `allocation`: the line's need and id, the
    /// offer, and the amount in the ledger's unit (SPACE: the line's area
    /// for its whole window, in m²·days).
    public func pledge(for allocation: MatchPlan.Allocation) -> (need: String, line: String, asset: Asset, amount: Int64)? {
        guard let (need, line) = lines[allocation.lineId] else { return nil }
        return (need, line.id, line.asset, line.asset == .space ? line.requirement : allocation.quantity)
    }
}
