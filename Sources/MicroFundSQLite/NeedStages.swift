import Foundation
import GRDB
import MicroFundLedger

/// Each need's stage history (`need_stages`): a row per stage a need
/// took, with the entry that put it there.
enum NeedStages {
    /// Fills the table for a ledger written before it existed, from what it
    /// already stores: each need's creation (proposed), then every passed
    /// motion that moved a stage, in the order they passed, through the
    /// same state machine the ledger applies.
    static func backfill(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO need_stages (need, seq, stage) VALUES (?, ?, ?)")
        var stages: [String: NeedStageMachine] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, created_seq FROM needs") {
            let id: String = row["id"]
            stages[id] = NeedStageMachine(state: .at(.proposed))
            try insert.execute(arguments: [id, row["created_seq"] as Int64, NeedStageMachine.State.at(.proposed).text])
        }
        var passed: [(UInt64, Motion)] = []
        for record in try Data.fetchAll(db, sql: "SELECT record FROM motions WHERE state = 'passed'") {
            guard let motion = Motion(json: try JSONParser.parse([UInt8](record))), let settled = motion.settledAt else { continue }
            passed.append((settled, motion))
        }
        for (settled, motion) in passed.sorted(by: { $0.0 < $1.0 }) {
            guard let need = motion.action.need, var machine = stages[need], case .moved(let state)? = machine.carryOut(motion.action) else { continue }
            stages[need] = machine
            try insert.execute(arguments: [need, Int64(settled), state.text])
        }
    }
}
