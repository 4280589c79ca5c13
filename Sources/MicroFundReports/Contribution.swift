public import MicroFundLedger
import MicroFundCrypto

/// What one party gave by this point: cash (net of refunds) and delivered
/// labour, expertise and space, each valued in CNY at the policy's rates,
/// with every entry that backs a line and its inclusion proof (the audit
/// path to the root of the checkpoint the report names).
extension ReportSource {
    public func contribution(of party: String) throws(LedgerError) -> Report {
        var given: [Asset: Int128] = [:]
        var entries = Section(id: "entries", columns: ["entry", "asset", "amount", "account", "reversed_by"])
        // Entries that reversed another, by the entry they reversed.
        let undoing = Dictionary(uniqueKeysWithValues: state.reversals.values.map { ($0.sequence, $0.original) })
        for (seq, record) in try transfers(ofParty: party) where record.phase == .posted || record.phase == .postPending {
            let amount: Int128
            let other: AccountPath
            if case .party(party, _) = record.debit, record.credit.isFund || record.asset != .cny {
                (amount, other) = (Int128(record.amount), record.credit)
            } else if case .party(party, _) = record.credit, record.debit.isFund || record.asset != .cny {
                // A refund, or a reversal's mirror of a gift or a delivery.
                (amount, other) = (-Int128(record.amount), record.debit)
            } else {
                continue
            }
            let mark: Cell
            if let reversal = state.reversals[seq], reversal.sequence <= sequence {
                entries.struck.insert(entries.rows.count)
                mark = .text("#\(reversal.sequence)")
            } else if let original = undoing[seq] {
                mark = .text("↶ #\(original)")
            } else {
                mark = .empty
            }
            entries.rows.append([.count(Int64(seq)), .text(record.asset.rawValue), .amount(record.asset, amount), .text(other.description), mark])
            given[record.asset, default: 0] += amount
        }
        var lines = Section(id: "given", columns: ["asset", "given", "rate", "value"])
        var total = Int128(0)
        for asset in Asset.allCases where given[asset] != nil {
            let value = Self.value(given[asset]!, asset, state.policy)
            total += value
            let rate: Cell = asset == .cny ? .empty : .amount(.cny, Int128(state.policy.rates[asset] ?? 0))
            lines.rows.append([.text(asset.rawValue), .amount(asset, given[asset]!), rate, .amount(.cny, value)])
        }
        lines.rows.append([.text("total"), .empty, .empty, .amount(.cny, total)])
        var sections = [lines, entries]
        if let proofsOf {
            // Each backing entry's audit path to the checkpoint's root.
            var proofs = Section(id: "proofs", columns: ["entry", "audit_path"])
            let backing = Set(entries.rows.compactMap { row -> UInt64? in if case .count(let n) = row[0] { UInt64(n) } else { nil } }).sorted()
            let paths = try proofsOf(backing)
            for seq in backing {
                proofs.rows.append([.count(Int64(seq)), .text((paths[seq] ?? []).map { ByteEncoding.base64($0) }.joined(separator: " "))])
            }
            sections.append(proofs)
        }
        var result = report(.contribution, sections)
        result.party = party
        return result
    }

    /// In fen: LABOUR and EXPERTISE rates are per hour (amounts are
    /// minutes, rounded down to the fen), SPACE per m²·day.
    static func value(_ amount: Int128, _ asset: Asset, _ policy: Policy) -> Int128 {
        let rate = Int128(policy.rates[asset] ?? 0)
        switch asset {
        case .cny: return amount
        case .labour, .expertise: return amount * rate / 60
        case .space: return amount * rate
        }
    }
}
