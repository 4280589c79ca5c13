/// The matcher's answer: what each offer gives to each requirement line,
/// and why, with the objective it reaches.
public struct MatchPlan: Sendable {
    /// Sorted by line id, then offer id; at most one per (offer, line).
    public var allocations: [Allocation]
    /// Σ over lines of w(priority) × served / required (space: 0 or 1).
    public var objective: Double
    /// `objective` / Σ over all lines of w(priority).
    public var fulfilment: Double
    /// Facts about the solve, for benchmarks and diagnostics.
    public var statistics: Statistics

    public struct Allocation: Sendable, Equatable {
        public var offerId: String
        public var party: String
        public var lineId: String
        public var needId: String
        public var kind: ResourceKind
        /// Instance units: fen, minutes, or (space) the line's area in m².
        public var quantity: Int64
        /// Great-circle (haversine) distance between need and offer.
        public var distanceMetres: Double
        /// Plain words: kind and skill, distance against radius, windows,
        /// earmark.
        public var why: String
    }

    public struct Statistics: Sendable {
        public var groups = 0
        public var arcs = 0
        public var supplies = 0
        /// The smallest reward scale S used by any group: every allocation's
        /// objective is within a relative 1/S of the true optimum's.
        public var smallestScale: Int64 = 0
    }

    public init(allocations: [Allocation], objective: Double, fulfilment: Double, statistics: Statistics) {
        self.allocations = allocations
        self.objective = objective
        self.fulfilment = fulfilment
        self.statistics = statistics
    }
}
