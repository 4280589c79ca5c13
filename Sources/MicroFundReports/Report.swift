public import MicroFundLedger

/// A report: sections of rows computed from one point of the ledger, with
/// the checks it makes (a statement's identity, a trial balance's zero
/// sums) and the checkpoint it reflects. Renderers turn it into text, CSV,
/// JSON or HTML; the JSON form is what `report verify` recomputes.
public struct Report: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case balance, statement, resources, coverage, contribution, trial
    }

    public var kind: Kind
    /// The ledger's origin.
    public var ledger: String
    /// The journal size the report reflects and the Merkle root at that
    /// size: the checkpoint a reader compares with a signed one.
    public var size: UInt64
    public var root: [UInt8]
    /// The time of entry `size`.
    public var time: Timestamp?
    /// For a statement: the entry the period starts after.
    public var from: UInt64?
    public var fromTime: Timestamp?
    /// For a contribution statement.
    public var party: String?
    /// For a coverage report of one need.
    public var need: String?
    public var sections: [Section]
    /// Named facts the report checked (true when they hold).
    public var checks: [Check]

    public struct Check: Sendable, Equatable {
        public var id: String
        public var holds: Bool

        public init(id: String, holds: Bool) {
            self.id = id
            self.holds = holds
        }
    }

    public init(kind: Kind, ledger: String, size: UInt64, root: [UInt8], time: Timestamp?, sections: [Section], checks: [Check] = []) {
        self.kind = kind
        self.ledger = ledger
        self.size = size
        self.root = root
        self.time = time
        self.sections = sections
        self.checks = checks
    }
}

/// One table of a report.
public struct Section: Sendable, Equatable {
    /// A stable key, also the label's key (`Labels`).
    public var id: String
    public var columns: [String]
    public var rows: [[Cell]]
    /// Rows that stand for reversed entries: struck through where the
    /// renderer can (HTML), and marked in a column of their own everywhere.
    public var struck: Set<Int> = []

    public init(id: String, columns: [String], rows: [[Cell]] = []) {
        self.id = id
        self.columns = columns
        self.rows = rows
    }
}

/// A value in a report. Amounts keep their asset and exact integer units
/// (fen, minutes, m²·days), in 128 bits so sums never overflow.
public enum Cell: Sendable, Equatable {
    case text(String)
    /// A name shown to people (a party's display name, a need's title),
    /// with the id it stands for.
    case name(String, id: String)
    case amount(Asset, Int128)
    case count(Int64)
    /// An instant: UTC in JSON, the ledger's local time with its offset
    /// where people read it.
    case time(Timestamp)
    case empty
}
