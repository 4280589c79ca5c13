public import MicroFundCrypto

/// The ledger as a value: what every accepted transaction so far has made.
///
/// `apply` is the whole of validation and application, pure and
/// deterministic: the same journal always folds to the same state, which is
/// what `verify` relies on. A store keeps a copy in memory and persists the
/// `Changes` of each transaction.
public struct LedgerState: Sendable {
    /// The sequence number of the last applied transaction; 0 before genesis.
    public private(set) var sequence: UInt64 = 0
    /// The ledger's time of acceptance of the last transaction; nil before
    /// genesis. Entry times never go back.
    public private(set) var time: Timestamp?
    /// The checkpoint origin line, from genesis.
    public private(set) var origin: String?
    /// The key that signs checkpoints, from genesis.
    public private(set) var operatorKey: Ed25519PublicKey?
    /// The fund's rules, from genesis (the defaults when it names none).
    public private(set) var policy: Policy = .default
    public private(set) var parties: [String: Party] = [:]
    /// The committee: every party with the `committee_member` role (kept
    /// as parties change: every vote asks for it).
    public private(set) var committee: Set<String> = []
    public private(set) var keys: [String: RegisteredKey] = [:]
    public private(set) var needs: [String: Need] = [:]
    public private(set) var accounts: [AccountPath: Account] = [:]
    public private(set) var pledges: [String: Pledge] = [:]
    /// Offers published, live or withdrawn.
    public private(set) var offers: [String: Offer] = [:]
    /// What pledges hold of each offer and of each need's line (pending
    /// amounts, confirmed deliveries): kept as pledges change, so drawing on
    /// an offer costs a lookup, not a walk over every pledge.
    private var drawnByOffer: [String: Int64] = [:]
    private var committedByLine: [NeedLineKey: Int64] = [:]
    public private(set) var motions: [String: Motion] = [:]
    /// Per need, cash reserved by open disbursement motions and paid by
    /// passed ones not reversed since: kept as motions change, so a payout's cap costs a
    /// lookup, not a walk over every motion.
    public private(set) var payouts: [String: (reserved: Int64, paid: Int64)] = [:]
    /// Voices at hearings, by need and then party: the latest of each party.
    public private(set) var voices: [String: [String: HearingVoice]] = [:]
    /// Cash each contributor gave to each fund account, net of refunds.
    public private(set) var contributions: [ContributionKey: Int64] = [:]
    /// External references (receipt and transfer numbers) booked, per kind,
    /// with the entry that booked each.
    public private(set) var references: [ReferenceKey: UInt64] = [:]
    /// Entries undone by `entry.reverse`, by the sequence number undone.
    public private(set) var reversals: [UInt64: Reversal] = [:]

    /// An empty ledger, waiting for its genesis.
    public init() {}

    /// A state restored from a store's tables.
    public init(
        sequence: UInt64, time: Timestamp?, origin: String?, operatorKey: Ed25519PublicKey?, policy: Policy, parties: [Party], keys: [RegisteredKey],
        needs: [Need], accounts: [AccountPath: Account], pledges: [Pledge], motions: [Motion], voices: [HearingVoice], contributions: [ContributionKey: Int64],
        offers: [Offer] = [], references: [ReferenceKey: UInt64] = [:], reversals: [Reversal] = []
    ) {
        self.references = references
        self.reversals = Dictionary(uniqueKeysWithValues: reversals.map { ($0.original, $0) })
        self.offers = Dictionary(uniqueKeysWithValues: offers.map { ($0.id, $0) })
        self.sequence = sequence
        self.time = time
        self.origin = origin
        self.operatorKey = operatorKey
        self.policy = policy
        self.parties = Dictionary(uniqueKeysWithValues: parties.map { ($0.id, $0) })
        self.committee = Set(parties.filter { $0.roles.contains(.committeeMember) }.map(\.id))
        self.keys = Dictionary(uniqueKeysWithValues: keys.map { ($0.id, $0) })
        self.needs = Dictionary(uniqueKeysWithValues: needs.map { ($0.id, $0) })
        self.accounts = accounts
        self.pledges = Dictionary(uniqueKeysWithValues: pledges.map { ($0.id, $0) })
        for pledge in pledges { tally(pledge, sign: 1) }
        self.contributions = contributions
        self.motions = Dictionary(uniqueKeysWithValues: motions.map { ($0.id, $0) })
        for motion in motions { count(motion, sign: 1) }
        for voice in voices { self.voices[voice.need, default: [:]][voice.party] = voice }
    }

    /// Validates `envelope` against this state and, if it is accepted,
    /// applies it as sequence number `sequence + 1`, accepted at `time` (the
    /// time the ledger vouches for). On error nothing changes.
    ///
    /// `history` gives earlier entries' envelopes by sequence number; only
    /// an `entry.reverse` asks it (for the entry it undoes).
    public mutating func apply(_ envelope: Envelope, at time: Timestamp, history: JournalHistory = { _ in nil }) throws(LedgerError) -> Changes {
        if let last = self.time, time < last {
            throw LedgerError(.ledgerCorrupt, "the ledger's time went back from \(last) to \(time)")
        }
        var changes = Changes(sequence: sequence + 1, time: time)
        try checkLedger(envelope)
        try checkAuthorTime(envelope, acceptedAt: time)
        let signers = try authenticate(envelope)
        do {
            // The plan reads `accounts`; it must be gone before `commit`
            // writes them, or every transaction would copy every account.
            var plan = TransferPlan(accounts: accounts, contributions: contributions)
            try validate(envelope, signers: signers, history: history, plan: &plan, changes: &changes)
            changes.accounts = plan.scratch
            changes.transfers = plan.records
            changes.contributions = plan.contributions
        }
        commit(changes)
        return changes
    }

    /// How far an author's `ts` may run ahead of the ledger's time: clocks
    /// differ by a little, never by a deadline's worth.
    public static let authorTimeAheadSecondsMax: Int64 = 300
    /// How far an author's `ts` may lag the ledger's time: an envelope
    /// signed offline, or co-signed over days, is still accepted.
    public static let authorTimeBehindSecondsMax: Int64 = 7 * 86_400

    /// The author's `ts` must be near the ledger's time: neither dated
    /// in the future (the year 9999) nor long before its acceptance.
    package func checkAuthorTime(_ envelope: Envelope, acceptedAt time: Timestamp) throws(LedgerError) {
        let ahead = envelope.timestamp.seconds - time.seconds
        guard ahead <= LedgerState.authorTimeAheadSecondsMax, -ahead <= LedgerState.authorTimeBehindSecondsMax else {
            throw LedgerError(.timestampSkew, "ts \(envelope.timestamp) is too far from the ledger's time \(time) (at most 5 minutes ahead, 7 days behind)")
        }
    }

    /// An envelope is for one ledger only: the `ledger` it names (and
    /// signs) must be this ledger's origin, or for genesis the origin it
    /// founds. Checked before signatures, as part of the envelope's shape.
    package func checkLedger(_ envelope: Envelope) throws(LedgerError) {
        let expected: String
        if case .genesis(let founded, _, _, _) = envelope.body, sequence == 0 {
            expected = founded
        } else if let origin {
            expected = origin
        } else {
            return  // No genesis yet: authentication reports genesis_required.
        }
        guard envelope.ledger == expected else {
            throw LedgerError(.wrongLedger, "the envelope is for ledger \(envelope.ledger), not \(expected)")
        }
    }

    private mutating func commit(_ changes: Changes) {
        assertBalanced(changes)
        if let genesis = changes.genesis {
            origin = genesis.origin
            operatorKey = genesis.operatorKey
            policy = genesis.policy
        }
        for party in changes.parties {
            parties[party.id] = party
            if party.roles.contains(.committeeMember) { committee.insert(party.id) } else { committee.remove(party.id) }
        }
        for key in changes.keys { keys[key.id] = key }
        for need in changes.needs { needs[need.id] = need }
        for pledge in changes.pledges {
            if let old = pledges[pledge.id] { tally(old, sign: -1) }
            tally(pledge, sign: 1)
            pledges[pledge.id] = pledge
        }
        for offer in changes.offers { offers[offer.id] = offer }
        for motion in changes.motions {
            if let old = motions[motion.id] { count(old, sign: -1) }
            count(motion, sign: 1)
            motions[motion.id] = motion
        }
        if let changed = changes.policy { policy = changed }
        for voice in changes.voices { voices[voice.need, default: [:]][voice.party] = voice }
        for (path, account) in changes.accounts { accounts[path] = account }
        for (key, amount) in changes.contributions { contributions[key] = amount }
        for (key, sequence) in changes.references { references[key] = sequence }
        for reversal in changes.reversals { reversals[reversal.original] = reversal }
        sequence = changes.sequence
        time = changes.time
    }

    /// Every open reservation, from pledges and disbursement motions alike.
    public var pendingTransfers: [PendingTransfer] {
        pledges.values.filter { $0.state == .pending }.map(\.reservation)
            + motions.values.filter { $0.lifecycle.state == .open }.flatMap(\.reservations)
    }

    /// Adds (`sign` 1) or removes (-1) what a pledge holds of its offer and line.
    private mutating func tally(_ pledge: Pledge, sign: Int64) {
        let held = sign * pledge.committed
        guard held != 0 else { return }
        if let offer = pledge.offer { drawnByOffer[offer, default: 0] += held }
        if let line = pledge.line { committedByLine[NeedLineKey(need: pledge.need, line: line), default: 0] += held }
    }

    /// What pledges have drawn on an offer: pending amounts and delivered
    /// amounts of confirmed ones.
    public func drawn(from offer: String) -> Int64 {
        drawnByOffer[offer] ?? 0
    }

    /// What pledges commit to a need's line (SPACE: m²·days).
    public func committed(toLine line: String, of need: String) -> Int64 {
        committedByLine[NeedLineKey(need: need, line: line)] ?? 0
    }

    private struct NeedLineKey: Hashable, Sendable {
        let need: String
        let line: String
    }

    /// Adds (`sign` 1) or removes (-1) what a disbursement motion counts
    /// toward its need's payouts.
    private mutating func count(_ motion: Motion, sign: Int64) {
        guard case .disburse(let need, _, let amount, _) = motion.action else { return }
        var totals = payouts[need] ?? (0, 0)
        switch motion.lifecycle.state {
        case .open: totals.reserved += sign * amount
        case .passed:
            // A reversed payout returned its money: it counts no more.
            guard motion.reversedAt == nil else { return }
            totals.paid += sign * amount
        case .rejected, .withdrawn, .expired: return
        }
        payouts[need] = totals
    }

    /// Double entry, checked on every transaction: per asset, the changes to
    /// all touched accounts' posted and pending balances sum to zero, so the
    /// sum of all balances stays zero at every sequence number.
    private func assertBalanced(_ changes: Changes) {
        var net: [Asset: (posted: Int64, pending: Int64)] = [:]
        for (path, after) in changes.accounts {
            let before = accounts[path] ?? Account()
            let posted = (after.creditsPosted - before.creditsPosted) - (after.debitsPosted - before.debitsPosted)
            let pending = (after.creditsPending - before.creditsPending) - (after.debitsPending - before.debitsPending)
            let sum = net[path.asset] ?? (0, 0)
            net[path.asset] = (sum.posted + posted, sum.pending + pending)
            precondition(!path.isOverdraftProtected || after.available >= 0, "protected account \(path) overdrawn")
        }
        for (asset, sum) in net {
            precondition(sum.posted == 0 && sum.pending == 0, "transaction \(changes.sequence) unbalanced in \(asset.rawValue)")
        }
    }
}
