import GRDB

/// The SQLite schema, as GRDB migrations. A migration is never edited once
/// it has shipped; changes come as new migrations (GRDB Migrations.md).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: journal and state") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2: merkle tree") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3: contributions") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4: need stages and motions") { db in
            try db.execute(sql: version4)
        }
        migrator.registerMigration("v5: hearing voices") { db in
            try db.execute(sql: version5)
        }
        migrator.registerMigration("v6: offers and need profiles") { db in
            try db.execute(sql: version6)
        }
        migrator.registerMigration("v7: account versions") { db in
            try db.execute(sql: version7)
            try AccountVersions.backfill(db)
        }
        migrator.registerMigration("v8: external references and reversals") { db in
            try db.execute(sql: version8)
        }
        migrator.registerMigration("v9: need stage history") { db in
            try db.execute(sql: version9)
            try NeedStages.backfill(db)
        }
        return migrator
    }

    /// The journal is the truth; every other table is derived from it and
    /// kept up to date in the same transaction as each append. Triggers make
    /// the journal append-only for anything that goes through SQLite.
    private static let version1 = """
        CREATE TABLE meta (
            name TEXT PRIMARY KEY NOT NULL,
            value BLOB NOT NULL
        ) STRICT;
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY NOT NULL CHECK (seq > 0),
            envelope_id TEXT NOT NULL UNIQUE,
            content_hash BLOB NOT NULL CHECK (length(content_hash) = 32),
            entry BLOB NOT NULL
        ) STRICT;
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TABLE parties (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            organisation TEXT,
            roles TEXT NOT NULL,
            registered_seq INTEGER NOT NULL REFERENCES journal(seq)
        ) STRICT;
        CREATE TABLE party_keys (
            kid TEXT PRIMARY KEY NOT NULL,
            party TEXT NOT NULL REFERENCES parties(id),
            public_key BLOB NOT NULL CHECK (length(public_key) = 32),
            registered_seq INTEGER NOT NULL REFERENCES journal(seq),
            revoked_seq INTEGER REFERENCES journal(seq)
        ) STRICT;
        CREATE TABLE needs (
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            coordinator TEXT NOT NULL REFERENCES parties(id),
            proposer TEXT NOT NULL REFERENCES parties(id),
            requirements TEXT NOT NULL,
            created_seq INTEGER NOT NULL REFERENCES journal(seq)
        ) STRICT;
        CREATE TABLE accounts (
            path TEXT PRIMARY KEY NOT NULL,
            asset TEXT NOT NULL,
            debits_pending INTEGER NOT NULL CHECK (debits_pending >= 0),
            debits_posted INTEGER NOT NULL CHECK (debits_posted >= 0),
            credits_pending INTEGER NOT NULL CHECK (credits_pending >= 0),
            credits_posted INTEGER NOT NULL CHECK (credits_posted >= 0),
            updated_seq INTEGER NOT NULL REFERENCES journal(seq)
        ) STRICT;
        CREATE TABLE pledges (
            id TEXT PRIMARY KEY NOT NULL,
            party TEXT NOT NULL REFERENCES parties(id),
            need TEXT NOT NULL REFERENCES needs(id),
            asset TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            deadline TEXT NOT NULL,
            state TEXT NOT NULL,
            delivered INTEGER NOT NULL,
            made_seq INTEGER NOT NULL REFERENCES journal(seq),
            settled_seq INTEGER REFERENCES journal(seq)
        ) STRICT;
        CREATE TABLE transfers (
            seq INTEGER NOT NULL REFERENCES journal(seq),
            position INTEGER NOT NULL,
            debit TEXT NOT NULL,
            credit TEXT NOT NULL,
            asset TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            phase TEXT NOT NULL,
            pending_id TEXT,
            PRIMARY KEY (seq, position)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX transfers_by_debit ON transfers(debit, seq);
        CREATE INDEX transfers_by_credit ON transfers(credit, seq);
        """

    /// Every complete subtree of the journal's RFC 6962 tree: level 0 holds
    /// leaf hashes (leaf index = seq - 1). About two rows per entry; a proof
    /// reads O(log n) of them. Ledgers from before this migration are filled
    /// in from their journal when they are next opened.
    private static let version2 = """
        CREATE TABLE merkle_nodes (
            level INTEGER NOT NULL CHECK (level >= 0 AND level < 64),
            idx INTEGER NOT NULL CHECK (idx >= 0),
            hash BLOB NOT NULL CHECK (length(hash) = 32),
            PRIMARY KEY (level, idx)
        ) STRICT, WITHOUT ROWID;
        """

    /// Cash each contributor gave to each fund account (the pool or an
    /// earmark), net of refunds: what a refund may take back. Filled in for
    /// older ledgers from their transfers: posted (and confirmed pending)
    /// cash from a party's source account to the fund, less refunds back.
    private static let version3 = """
        CREATE TABLE contributions (
            party TEXT NOT NULL REFERENCES parties(id),
            account TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount >= 0),
            updated_seq INTEGER NOT NULL REFERENCES journal(seq),
            PRIMARY KEY (party, account)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO contributions (party, account, amount, updated_seq)
        SELECT party, account, SUM(amount), MAX(seq) FROM (
            SELECT substr(debit, 7, length(debit) - 10) AS party, credit AS account, amount, seq FROM transfers
                WHERE debit LIKE 'party:%:CNY' AND (credit = 'fund:pool:CNY' OR credit LIKE 'fund:earmark:%:CNY')
                AND phase IN ('posted', 'post_pending')
            UNION ALL
            SELECT substr(credit, 7, length(credit) - 10), debit, -amount, seq FROM transfers
                WHERE credit LIKE 'party:%:CNY' AND (debit = 'fund:pool:CNY' OR debit LIKE 'fund:earmark:%:CNY')
                AND phase = 'posted'
        ) GROUP BY party, account;
        """

    /// A need's stage among the six meetings (older needs are all
    /// proposed: nothing could move them before), and committee motions,
    /// each kept whole as canonical JSON beside its id and state.
    private static let version4 = """
        ALTER TABLE needs ADD COLUMN stage TEXT NOT NULL DEFAULT 'proposed';
        CREATE TABLE motions (
            id TEXT PRIMARY KEY NOT NULL,
            state TEXT NOT NULL,
            record BLOB NOT NULL,
            updated_seq INTEGER NOT NULL REFERENCES journal(seq)
        ) STRICT;
        """

    /// Matching: a need's profile (where, when, which lines) as canonical
    /// JSON, offers kept whole the same way, and the line and offer a
    /// pledge names. Older needs and pledges have none.
    private static let version6 = """
        ALTER TABLE needs ADD COLUMN profile BLOB;
        ALTER TABLE pledges ADD COLUMN line TEXT;
        ALTER TABLE pledges ADD COLUMN offer TEXT;
        CREATE TABLE offers (
            id TEXT PRIMARY KEY NOT NULL,
            party TEXT NOT NULL REFERENCES parties(id),
            state TEXT NOT NULL CHECK (state IN ('live', 'withdrawn')),
            record BLOB NOT NULL,
            published_seq INTEGER NOT NULL REFERENCES journal(seq),
            updated_seq INTEGER NOT NULL REFERENCES journal(seq)
        ) STRICT;
        """

    /// Every account's four balances after each transaction that changed
    /// it: a balance at any past sequence number is one index seek per
    /// account (the latest version at or before it), never a replay.
    /// Receipt and transfer numbers booked by donations, refunds and
    /// payouts: the primary key is the rule that one reference names one
    /// entry of its kind. Reversals: the primary key is the rule that an
    /// entry is reversed once. No backfill: entries before this version
    /// carry no references and no reversals.
    private static let version8 = """
        CREATE TABLE entry_references (
            kind TEXT NOT NULL CHECK (kind IN ('donation.record', 'donation.refund', 'disburse')),
            reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
            seq INTEGER NOT NULL REFERENCES journal(seq),
            PRIMARY KEY (kind, reference)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE reversals (
            original_seq INTEGER PRIMARY KEY REFERENCES journal(seq),
            reversal_seq INTEGER NOT NULL UNIQUE REFERENCES journal(seq) CHECK (reversal_seq > original_seq),
            reason TEXT NOT NULL
        ) STRICT;
        """

    private static let version7 = """
        CREATE TABLE account_versions (
            path TEXT NOT NULL,
            seq INTEGER NOT NULL REFERENCES journal(seq),
            debits_pending INTEGER NOT NULL,
            debits_posted INTEGER NOT NULL,
            credits_pending INTEGER NOT NULL,
            credits_posted INTEGER NOT NULL,
            PRIMARY KEY (path, seq)
        ) STRICT, WITHOUT ROWID;
        """

    /// Residents' voices at needs' public hearings: each party's latest.
    private static let version5 = """
        CREATE TABLE voices (
            need TEXT NOT NULL REFERENCES needs(id),
            party TEXT NOT NULL REFERENCES parties(id),
            position TEXT NOT NULL CHECK (position IN ('support', 'object')),
            reason TEXT NOT NULL,
            recorded_seq INTEGER NOT NULL REFERENCES journal(seq),
            PRIMARY KEY (need, party)
        ) STRICT, WITHOUT ROWID;
        """

    /// Need stages: every stage each need took and the entry that put it
    /// there, so a report at a past point shows the stage of that point.
    /// Filled for older ledgers from their needs and passed motions.
    private static let version9 = """
        CREATE TABLE need_stages (
            need TEXT NOT NULL REFERENCES needs(id),
            seq INTEGER NOT NULL,
            stage TEXT NOT NULL,
            PRIMARY KEY (need, seq)
        ) STRICT, WITHOUT ROWID;
        """
}
