import Foundation
import GRDB
import MicroFundLedger
import MicroFundStore
import MicroFundCrypto

/// Writes one accepted transaction's journal row and changed state rows
/// with cached prepared statements, inside the caller's transaction.
struct RowWriter {
    private let journal: Statement
    private let transfer: Statement
    private let account: Statement
    private let party: Statement
    private let key: Statement
    private let need: Statement
    private let pledge: Statement
    private let meta: Statement
    private let treeNode: Statement
    private let treeNodeIfAbsent: Statement
    private let contribution: Statement
    private let reference: Statement
    private let reversal: Statement
    private let needStage: Statement
    private let motion: Statement
    private let voice: Statement
    private let offer: Statement
    private let version: Statement

    init(_ db: Database) throws {
        journal = try db.cachedStatement(sql: "INSERT INTO journal (seq, envelope_id, content_hash, entry) VALUES (?, ?, ?, ?)")
        transfer = try db.cachedStatement(sql: "INSERT INTO transfers (seq, position, debit, credit, asset, amount, phase, pending_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        account = try db.cachedStatement(sql: """
            INSERT INTO accounts (path, asset, debits_pending, debits_posted, credits_pending, credits_posted, updated_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET debits_pending = excluded.debits_pending, debits_posted = excluded.debits_posted,
                credits_pending = excluded.credits_pending, credits_posted = excluded.credits_posted, updated_seq = excluded.updated_seq
            """)
        party = try db.cachedStatement(sql: """
            INSERT INTO parties (id, kind, name, organisation, roles, registered_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, organisation = excluded.organisation, roles = excluded.roles
            """)
        key = try db.cachedStatement(sql: """
            INSERT INTO party_keys (kid, party, public_key, registered_seq, revoked_seq) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(kid) DO UPDATE SET revoked_seq = excluded.revoked_seq
            """)
        need = try db.cachedStatement(sql: """
            INSERT INTO needs (id, title, coordinator, proposer, requirements, created_seq, stage, profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET stage = excluded.stage
            """)
        voice = try db.cachedStatement(sql: """
            INSERT INTO voices (need, party, position, reason, recorded_seq) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(need, party) DO UPDATE SET position = excluded.position, reason = excluded.reason, recorded_seq = excluded.recorded_seq
            """)
        motion = try db.cachedStatement(sql: """
            INSERT INTO motions (id, state, record, updated_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, record = excluded.record, updated_seq = excluded.updated_seq
            """)
        pledge = try db.cachedStatement(sql: """
            INSERT INTO pledges (id, party, need, asset, amount, deadline, state, delivered, made_seq, settled_seq, line, offer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, delivered = excluded.delivered, settled_seq = excluded.settled_seq
            """)
        offer = try db.cachedStatement(sql: """
            INSERT INTO offers (id, party, state, record, published_seq, updated_seq) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_seq = excluded.updated_seq
            """)
        version = try db.cachedStatement(sql: """
            INSERT INTO account_versions (path, seq, debits_pending, debits_posted, credits_pending, credits_posted) VALUES (?, ?, ?, ?, ?, ?)
            """)
        meta = try db.cachedStatement(sql: "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")
        treeNode = try db.cachedStatement(sql: "INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
        contribution = try db.cachedStatement(sql: """
            INSERT INTO contributions (party, account, amount, updated_seq) VALUES (?, ?, ?, ?)
            ON CONFLICT(party, account) DO UPDATE SET amount = excluded.amount, updated_seq = excluded.updated_seq
            """)
        reference = try db.cachedStatement(sql: "INSERT INTO entry_references (kind, reference, seq) VALUES (?, ?, ?)")
        reversal = try db.cachedStatement(sql: "INSERT INTO reversals (original_seq, reversal_seq, reason) VALUES (?, ?, ?)")
        needStage = try db.cachedStatement(sql: "INSERT INTO need_stages (need, seq, stage) VALUES (?, ?, ?)")
        treeNodeIfAbsent = try db.cachedStatement(sql: "INSERT OR IGNORE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)")
    }

    func write(_ node: MerkleFrontier.Node) throws {
        try treeNode.execute(arguments: [node.level, Int64(node.index), Data(node.hash)])
    }

    /// A node computed again by a process filling in an old ledger's tree,
    /// which another process may have stored first.
    func writeIfAbsent(_ node: MerkleFrontier.Node) throws {
        try treeNodeIfAbsent.execute(arguments: [node.level, Int64(node.index), Data(node.hash)])
    }

    /// Writes the balances and contributions a group of transactions left:
    /// each row once, with the last value and the sequence number that set
    /// it, rather than once per transaction that touched it.
    func writeBalances(of transactions: [AcceptedTransaction]) throws {
        var accounts: [AccountPath: (Account, UInt64)] = [:]
        var contributions: [ContributionKey: (Int64, UInt64)] = [:]
        for transaction in transactions {
            let sequence = transaction.entry.sequence
            for (path, value) in transaction.changes.accounts { accounts[path] = (value, sequence) }
            for (key, amount) in transaction.changes.contributions { contributions[key] = (amount, sequence) }
        }
        for (path, (value, sequence)) in accounts {
            try account.execute(arguments: [path.description, path.asset.rawValue, value.debitsPending, value.debitsPosted, value.creditsPending, value.creditsPosted, Int64(sequence)])
        }
        for (key, (amount, sequence)) in contributions {
            try contribution.execute(arguments: [key.party, key.account.description, amount, Int64(sequence)])
        }
    }

    /// Writes one transaction's journal row, records and tree nodes; its
    /// balances come with the group's, from `writeBalances`.
    func write(_ transaction: AcceptedTransaction) throws {
        let entry = transaction.entry
        let changes = transaction.changes
        let sequence = Int64(entry.sequence)
        do {
            try journal.execute(arguments: [sequence, entry.envelope.id, Data(entry.envelope.contentHash), Data(entry.bytes)])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            // The journal row's two constraints, told apart by kind on the
            // one statement that can break them, never by message text:
            // its sequence number (another writer took it) or its id.
            if error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY { throw StoreError.headMoved(head: entry.sequence) }
            throw StoreError(.duplicateEnvelope(id: entry.envelope.id))
        }
        if let genesis = changes.genesis {
            try meta.execute(arguments: ["origin", Data(genesis.origin.utf8)])
            try meta.execute(arguments: ["operator_key", Data(genesis.operatorKey.rawRepresentation)])
            try meta.execute(arguments: ["policy", Data(try CanonicalJSON.encode(genesis.policy.json))])
        }
        for value in changes.parties {
            let roles = value.roles.sorted().map(\.rawValue).joined(separator: ",")
            try party.execute(arguments: [value.id, value.kind.rawValue, value.name, value.organisation, roles, Int64(value.registeredAt)])
        }
        for value in changes.keys {
            try key.execute(arguments: [value.id, value.party, Data(value.publicKey.rawRepresentation), Int64(value.registeredAt), value.revokedAt.map(Int64.init)])
        }
        for value in changes.needs {
            try need.execute(arguments: [value.id, value.title, value.coordinator, value.proposer, RequirementCodec.encode(value.requirements), Int64(value.createdAt), value.stage.text,
                                          try value.profile.map { Data(try CanonicalJSON.encode(OpportunityFields.json($0))) }])
        }
        // A need in the changes took a stage in this entry (its creation,
        // or a passed motion): the history gains that row.
        for value in changes.needs {
            guard let change = value.stages.last, change.sequence == entry.sequence else { continue }
            try needStage.execute(arguments: [value.id, sequence, change.stage.text])
        }
        for value in changes.pledges {
            try pledge.execute(arguments: [
                value.id, value.party, value.need, value.asset.rawValue, value.amount, value.deadline.text, value.state.rawValue,
                value.delivered, Int64(value.madeAt), value.settledAt.map(Int64.init), value.line, value.offer,
            ])
        }
        for value in changes.offers {
            try offer.execute(arguments: [
                value.id, value.party, value.state.rawValue, Data(try CanonicalJSON.encode(OpportunityFields.json(value))),
                Int64(value.publishedAt), sequence,
            ])
        }
        if let policy = changes.policy {
            try meta.execute(arguments: ["policy", Data(try CanonicalJSON.encode(policy.json))])
        }
        for value in changes.reversals {
            try reversal.execute(arguments: [Int64(value.original), Int64(value.sequence), value.reason])
        }
        for (key, booked) in changes.references {
            try reference.execute(arguments: [key.kind, key.reference, Int64(booked)])
        }
        for value in changes.voices {
            try voice.execute(arguments: [value.need, value.party, value.supports ? "support" : "object", value.reason, Int64(value.recordedAt)])
        }
        for value in changes.motions {
            try motion.execute(arguments: [value.id, value.lifecycle.state.rawValue, Data(try CanonicalJSON.encode(value.json)), sequence])
        }
        for node in transaction.treeNodes {
            try write(node)
        }
        // Balances at this entry, for reports of the past (one row per
        // account it changed; about a tenth of ingest's time, measured).
        for (path, value) in changes.accounts {
            try version.execute(arguments: [path.description, sequence, value.debitsPending, value.debitsPosted, value.creditsPending, value.creditsPosted])
        }

        for (position, value) in changes.transfers.enumerated() {
            try transfer.execute(arguments: [sequence, position, value.debit.description, value.credit.description, value.asset.rawValue, value.amount, value.phase.rawValue, value.pendingID])
        }
    }
}

/// Requirement lines stored as `CNY=500000,LABOUR=2400`, in asset order.
enum RequirementCodec {
    static func encode(_ lines: [Asset: Int64]) -> String {
        lines.keys.sorted().map { "\($0.rawValue)=\(lines[$0]!)" }.joined(separator: ",")
    }

    static func decode(_ text: String) -> [Asset: Int64]? {
        var lines: [Asset: Int64] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=")
            guard pair.count == 2, let asset = Asset(rawValue: String(pair[0])), let amount = Int64(pair[1]) else { return nil }
            lines[asset] = amount
        }
        return lines
    }
}
