import MicroFundLedger

/// "Did you mean …?" for ids and command names typed by hand: the nearest
/// known one within a small edit distance, when exactly one is nearest.
enum Suggestions {
    /// The candidate closest to `typed`, if it is at most two edits away
    /// and closer than half the word (so `x` suggests nothing).
    static func nearest(to typed: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(typed.unicodeScalars)
        let limit = min(2, max(1, typed.count / 2))
        var best: (String, Int)?
        var tied = false
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.unicodeScalars), limit: limit)
            guard distance <= limit, distance > 0 else { continue }
            if let current = best, distance == current.1 { tied = true; continue }
            if best == nil || distance < best!.1 { best = (candidate, distance); tied = false }
        }
        return tied ? nil : best?.0
    }

    /// "; did you mean X?", or nothing.
    static func hint(_ typed: String, among candidates: some Sequence<String>) -> String {
        nearest(to: typed, among: candidates).map { Words.say("; did you mean \($0)?", "；您要找的是不是 \($0)？") } ?? ""
    }

    /// Levenshtein distance, stopping early past `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }

    /// The ids a refusal's subject may have been meant as.
    static func candidates(for code: LedgerError.Code, in state: LedgerState) -> [String] {
        switch code {
        case .partyUnknown: Array(state.parties.keys)
        case .needUnknown: Array(state.needs.keys)
        case .motionUnknown: Array(state.motions.keys)
        case .offerUnknown: Array(state.offers.keys)
        case .pledgeUnknown: Array(state.pledges.keys)
        default: []
        }
    }

    /// A refusal with what only the person's own terminal adds: the
    /// nearest id for an unknown one, and for an overdraft what the
    /// account has available and, from an earmark, what the pool has.
    static func explained(_ error: LedgerError, state: LedgerState) -> LedgerError {
        guard let subject = error.subject else { return error }
        var message = error.message
        switch error.code {
        case .partyUnknown, .needUnknown, .motionUnknown, .offerUnknown, .pledgeUnknown:
            message += hint(subject, among: candidates(for: error.code, in: state))
        case .overdraft:
            guard let path = AccountPath(subject) else { break }
            let available = state.accounts[path]?.available ?? 0
            message += Words.say(": it has \(path.asset.format(available)) available (posted less pending)",
                                 "：该账户可用 \(path.asset.format(available))（已入账减待定）")
            if case .earmark = path {
                let pool = state.accounts[.pool(.cny)]?.available ?? 0
                message += Words.say("; the general pool (fund:pool:CNY) has \(Asset.cny.format(pool)) available: a payout may draw on it with --from pool",
                                     "；公共资金池（fund:pool:CNY）可用 \(Asset.cny.format(pool))：拨付可用 --from pool 从资金池支出")
            }
        case .notReversible where state.motions[subject] != nil:
            // The entry paid out a motion: say the command that reverses it.
            message += Words.say("; propose it with: microfund reverse --payout \(subject) --reason TEXT",
                                 "；用此命令提出：microfund reverse --payout \(subject) --reason 原因")
        default:
            break
        }
        return LedgerError(error.code, message, subject: error.subject)
    }
}
