public import MicroFundCrypto

/// A public key registered to a party, from one journal position until it is revoked.
public struct RegisteredKey: Sendable, Equatable {
    public let id: String
    public let party: String
    public let publicKey: Ed25519PublicKey
    public let registeredAt: UInt64
    public var revokedAt: UInt64?

    public init(id: String, party: String, publicKey: Ed25519PublicKey, registeredAt: UInt64, revokedAt: UInt64? = nil) {
        self.id = id
        self.party = party
        self.publicKey = publicKey
        self.registeredAt = registeredAt
        self.revokedAt = revokedAt
    }
}

/// An item of the opportunity list. Location, window and skills come with
/// the matcher; stages with governance.
public struct Need: Sendable, Equatable {
    public let id: String
    public let title: String
    public let coordinator: String
    public let proposer: String
    /// What the need asks for, per asset, in the asset's unit.
    public let requirements: [Asset: Int64]
    public let createdAt: UInt64
    /// Where it stands among the six meetings, moved only by passed motions.
    public private(set) var stage: NeedStageMachine.State
    /// Every stage it has had, with the entry that put it there: its
    /// creation (proposed), then each passed motion that moved it. What a
    /// report at a past point reads.
    public private(set) var stages: [StageChange]
    /// Where, when and which lines, for matching; nil for a need created
    /// without one.
    public let profile: NeedProfile?

    public init(id: String, title: String, coordinator: String, proposer: String, requirements: [Asset: Int64], createdAt: UInt64,
                stage: NeedStageMachine.State = .at(.proposed), profile: NeedProfile? = nil, stages: [StageChange]? = nil) {
        self.stages = stages ?? [StageChange(sequence: createdAt, stage: stage)]
        self.profile = profile
        self.id = id
        self.title = title
        self.coordinator = coordinator
        self.proposer = proposer
        self.requirements = requirements
        self.createdAt = createdAt
        self.stage = stage
    }

    /// Moves the need to `stage` by entry `sequence`.
    public mutating func move(to stage: NeedStageMachine.State, at sequence: UInt64) {
        self.stage = stage
        stages.append(StageChange(sequence: sequence, stage: stage))
    }

    /// The stage just after entry `sequence`; nil before the need existed.
    public func stage(at sequence: UInt64) -> NeedStageMachine.State? {
        stages.last { $0.sequence <= sequence }?.stage
    }
}

/// A need's stage from an entry on.
public struct StageChange: Sendable, Equatable {
    public let sequence: UInt64
    public let stage: NeedStageMachine.State

    public init(sequence: UInt64, stage: NeedStageMachine.State) {
        self.sequence = sequence
        self.stage = stage
    }
}

/// A promise of resources to a need: a pending transfer with a deadline.
public struct Pledge: Sendable, Equatable {
    /// Where a pledge is in its life. Raw values are stored; never renamed.
    public enum State: String, Sendable, CaseIterable {
        case pending
        case confirmed
        case cancelled
        /// Its deadline passed unconfirmed (`PledgeLifecycle.expire`).
        case expired
    }

    /// Whether it still counts toward its line and offer: pending, or
    /// confirmed (for what was delivered).
    public var committed: Int64 {
        switch state {
        case .pending: amount
        case .confirmed: delivered
        case .cancelled, .expired: 0
        }
    }

    /// The envelope id of the `pledge.make` that created it.
    public let id: String
    public let party: String
    public let need: String
    public let asset: Asset
    public let amount: Int64
    public let deadline: Timestamp
    public var state: State
    /// The amount the coordinator confirmed as delivered.
    public var delivered: Int64
    public let madeAt: UInt64
    public var settledAt: UInt64?
    /// The need's requirement line it serves, if it names one.
    public let line: String?
    /// The author's offer it draws on, if it names one.
    public let offer: String?

    public init(
        id: String, party: String, need: String, asset: Asset, amount: Int64, deadline: Timestamp,
        state: State = .pending, delivered: Int64 = 0, madeAt: UInt64, settledAt: UInt64? = nil,
        line: String? = nil, offer: String? = nil
    ) {
        self.line = line
        self.offer = offer
        self.id = id
        self.party = party
        self.need = need
        self.asset = asset
        self.amount = amount
        self.deadline = deadline
        self.state = state
        self.delivered = delivered
        self.madeAt = madeAt
        self.settledAt = settledAt
    }

    /// The reservation the pledge holds until it is confirmed, cancelled or expires.
    public var reservation: PendingTransfer {
        PendingTransfer(id: id, debit: source, credit: destination, amount: amount, expiry: deadline, openedAt: madeAt)
    }

    /// The account the pledge debits.
    public var source: AccountPath { .party(party, asset) }
    /// The account the pledge credits.
    public var destination: AccountPath { .destination(ofNeed: need, asset: asset) }
}

/// One movement of an amount between two accounts, as the journal implies it.
public struct TransferRecord: Sendable, Equatable {
    /// What the transfer does to the balances.
    public enum Phase: String, Sendable, CaseIterable {
        /// Final at once.
        case posted
        /// Reserved: pending debit and credit.
        case pending
        /// A pending transfer made final for `amount`.
        case postPending = "post_pending"
        /// A pending transfer released for `amount`.
        case voidPending = "void_pending"
    }

    public let debit: AccountPath
    public let credit: AccountPath
    public let amount: Int64
    public let phase: Phase
    /// For post and void: the pledge (pending transfer) it settles.
    public let pendingID: String?

    public init(debit: AccountPath, credit: AccountPath, amount: Int64, phase: Phase, pendingID: String? = nil) {
        self.debit = debit
        self.credit = credit
        self.amount = amount
        self.phase = phase
        self.pendingID = pendingID
    }

    public var asset: Asset { debit.asset }
}

/// Where a contributor's cash went: a party and the fund account (the pool
/// or a need's earmark) that received it. A refund may come only from
/// where that donor's money went, up to what is left there of it.
public struct ContributionKey: Sendable, Hashable, Comparable {
    public let party: String
    public let account: AccountPath

    public init(party: String, account: AccountPath) {
        self.party = party
        self.account = account
    }

    public static func < (lhs: ContributionKey, rhs: ContributionKey) -> Bool {
        (lhs.party, lhs.account) < (rhs.party, rhs.account)
    }
}

/// A party's voice at a need's public hearing (决策听证): its latest
/// support or objection and why.
public struct HearingVoice: Sendable, Equatable {
    public let need: String
    public let party: String
    public let supports: Bool
    public let reason: String
    public let recordedAt: UInt64

    public init(need: String, party: String, supports: Bool, reason: String, recordedAt: UInt64) {
        self.need = need
        self.party = party
        self.supports = supports
        self.reason = reason
        self.recordedAt = recordedAt
    }
}
