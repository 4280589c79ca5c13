import Foundation
import GRDB
import MicroFundCrypto
public import MicroFundLedger

extension SQLiteReader {
    /// Reads the state tables back into a `LedgerState`. A row that does not
    /// parse is reported as `ledger_corrupt`: `verify` says which one differs.
    public func loadState() throws(LedgerError) -> LedgerState {
        try loadState(full: true)
    }

    /// Genesis, policy, parties, keys, needs and accounts only: what most
    /// reports name things by, without the journal-sized tables (pledges,
    /// motions, voices, contributions, offers), which come back empty.
    public func loadDirectory() throws(LedgerError) -> LedgerState {
        try loadState(full: false)
    }

    /// One motion by id, if there is one.
    public func motion(id: String) throws(LedgerError) -> Motion? {
        try SQLiteReader.run {
            try reader.read { db in
                guard let record = try Data.fetchOne(db, sql: "SELECT record FROM motions WHERE id = ?", arguments: [id]) else { return nil }
                guard let motion = Motion(json: try JSONParser.parse([UInt8](record))) else { throw corrupt("motions", id) }
                return motion
            }
        }
    }

    private func loadState(full: Bool) throws(LedgerError) -> LedgerState {
        try SQLiteReader.run {
            try reader.read { db in
                let sequence = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM journal") ?? 0
                // The ledger's time is the last entry's.
                let time = try Data.fetchOne(db, sql: "SELECT entry FROM journal WHERE seq = ?", arguments: [sequence])
                    .map { data throws(LedgerError) in try JournalEntry.decodeParts([UInt8](data)).time }
                let meta = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, value FROM meta").map {
                    ($0["name"] as String, [UInt8]($0["value"] as Data))
                })
                let operatorKey = try meta["operator_key"].map { try Ed25519PublicKey(rawRepresentation: $0) }
                // Ledgers from before policies were stored have the defaults.
                let policy = try meta["policy"].map { bytes throws(LedgerError) in try Policy(json: JSONParser.parse(bytes), context: "policy") } ?? .default
                return LedgerState(
                    sequence: UInt64(sequence), time: time, origin: meta["origin"].map { String(decoding: $0, as: UTF8.self) },
                    operatorKey: operatorKey, policy: policy, parties: try parties(db), keys: try keys(db), needs: try needs(db),
                    accounts: try accounts(db), pledges: full ? try pledges(db) : [], motions: full ? try motions(db) : [],
                    voices: full ? try voices(db) : [], contributions: full ? try contributions(db) : [:],
                    offers: full ? try offers(db) : [], references: full ? try references(db) : [:],
                    reversals: try reversals(db)
                )
            }
        }
    }

    private func corrupt(_ table: String, _ id: String) -> LedgerError {
        LedgerError(.ledgerCorrupt, "row \(id) of \(table) does not parse")
    }

    private func parties(_ db: Database) throws -> [Party] {
        try Row.fetchAll(db, sql: "SELECT * FROM parties").map { row in
            let id: String = row["id"]
            let roleTexts = (row["roles"] as String).split(separator: ",").map(String.init)
            let roles = roleTexts.compactMap(Role.init(rawValue:))
            guard let kind = PartyKind(rawValue: row["kind"]), roles.count == roleTexts.count else { throw corrupt("parties", id) }
            return Party(id: id, kind: kind, name: row["name"], organisation: row["organisation"], roles: Set(roles), registeredAt: UInt64(row["registered_seq"] as Int64))
        }
    }

    private func keys(_ db: Database) throws -> [RegisteredKey] {
        try Row.fetchAll(db, sql: "SELECT * FROM party_keys").map { row in
            let key = try Ed25519PublicKey(rawRepresentation: [UInt8](row["public_key"] as Data))
            return RegisteredKey(
                id: row["kid"], party: row["party"], publicKey: key, registeredAt: UInt64(row["registered_seq"] as Int64),
                revokedAt: (row["revoked_seq"] as Int64?).map(UInt64.init)
            )
        }
    }

    private func needs(_ db: Database) throws -> [Need] {
        var history: [String: [StageChange]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT need, seq, stage FROM need_stages ORDER BY need, seq") {
            let need: String = row["need"]
            guard let stage = NeedStageMachine.State(text: row["stage"]) else { throw corrupt("need_stages", need) }
            history[need, default: []].append(StageChange(sequence: UInt64(row["seq"] as Int64), stage: stage))
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM needs").map { row in
            let id: String = row["id"]
            guard let requirements = RequirementCodec.decode(row["requirements"]), let stage = NeedStageMachine.State(text: row["stage"]) else { throw corrupt("needs", id) }
            var profile: NeedProfile?
            if let stored = row["profile"] as Data? {
                guard let decoded = OpportunityFields.storedProfile(try JSONParser.parse([UInt8](stored))) else { throw corrupt("needs", id) }
                profile = decoded
            }
            return Need(id: id, title: row["title"], coordinator: row["coordinator"], proposer: row["proposer"], requirements: requirements, createdAt: UInt64(row["created_seq"] as Int64), stage: stage, profile: profile,
                        stages: history[id] ?? [])
        }
    }

    private func accounts(_ db: Database) throws -> [AccountPath: Account] {
        var accounts: [AccountPath: Account] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM accounts") {
            let text: String = row["path"]
            guard let path = AccountPath(text) else { throw corrupt("accounts", text) }
            accounts[path] = Account(
                debitsPending: row["debits_pending"], debitsPosted: row["debits_posted"],
                creditsPending: row["credits_pending"], creditsPosted: row["credits_posted"]
            )
        }
        return accounts
    }

    /// The pledges that were pending just after entry `sequence`: made by
    /// then, and settled (if at all) only after it.
    public func pledges(pendingAt sequence: UInt64) throws(LedgerError) -> [Pledge] {
        try SQLiteReader.run {
            try reader.read { db in
                try pledges(db, where: "made_seq <= ? AND (settled_seq IS NULL OR settled_seq > ?)", [Int64(clamping: sequence), Int64(clamping: sequence)])
            }
        }
    }

    private func pledges(_ db: Database, where condition: String = "1", _ arguments: StatementArguments = []) throws -> [Pledge] {
        try Row.fetchAll(db, sql: "SELECT * FROM pledges WHERE \(condition)", arguments: arguments).map { row in
            let id: String = row["id"]
            guard let asset = Asset(rawValue: row["asset"]), let deadline = Timestamp(row["deadline"]),
                  let state = Pledge.State(rawValue: row["state"])
            else { throw corrupt("pledges", id) }
            return Pledge(
                id: id, party: row["party"], need: row["need"], asset: asset, amount: row["amount"], deadline: deadline,
                state: state, delivered: row["delivered"], madeAt: UInt64(row["made_seq"] as Int64),
                settledAt: (row["settled_seq"] as Int64?).map(UInt64.init), line: row["line"], offer: row["offer"]
            )
        }
    }

    private func offers(_ db: Database) throws -> [Offer] {
        try Row.fetchAll(db, sql: "SELECT id, party, state, record, published_seq FROM offers").map { row in
            let id: String = row["id"]
            guard let state = Offer.State(rawValue: row["state"]),
                  let offer = OpportunityFields.storedOffer(
                      try JSONParser.parse([UInt8](row["record"] as Data)), party: row["party"], state: state,
                      publishedAt: UInt64(row["published_seq"] as Int64)),
                  offer.id == id
            else { throw corrupt("offers", id) }
            return offer
        }
    }

    /// Loaded with the directory too: reports mark what was reversed.
    private func reversals(_ db: Database) throws -> [Reversal] {
        try Row.fetchAll(db, sql: "SELECT original_seq, reversal_seq, reason FROM reversals").map { row in
            Reversal(original: UInt64(row["original_seq"] as Int64), sequence: UInt64(row["reversal_seq"] as Int64), reason: row["reason"])
        }
    }

    private func references(_ db: Database) throws -> [ReferenceKey: UInt64] {
        var references: [ReferenceKey: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, reference, seq FROM entry_references") {
            references[ReferenceKey(kind: row["kind"], reference: row["reference"])] = UInt64(row["seq"] as Int64)
        }
        return references
    }

    private func contributions(_ db: Database) throws -> [ContributionKey: Int64] {
        var contributions: [ContributionKey: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT party, account, amount FROM contributions") {
            let text: String = row["account"]
            guard let account = AccountPath(text) else { throw corrupt("contributions", text) }
            contributions[ContributionKey(party: row["party"], account: account)] = row["amount"]
        }
        return contributions
    }

    private func motions(_ db: Database) throws -> [Motion] {
        try Row.fetchAll(db, sql: "SELECT id, state, record FROM motions").map { row in
            let id: String = row["id"]
            guard let motion = Motion(json: try JSONParser.parse([UInt8](row["record"] as Data))), motion.id == id,
                  motion.lifecycle.state.rawValue == (row["state"] as String)
            else { throw corrupt("motions", id) }
            return motion
        }
    }

    private func voices(_ db: Database) throws -> [HearingVoice] {
        try Row.fetchAll(db, sql: "SELECT need, party, position, reason, recorded_seq FROM voices").map { row in
            HearingVoice(need: row["need"], party: row["party"], supports: (row["position"] as String) == "support", reason: row["reason"], recordedAt: UInt64(row["recorded_seq"] as Int64))
        }
    }
}
