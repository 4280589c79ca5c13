import MicroFundLedger

/// The entry time a replay of a prepared history gives
/// (`AcceptanceTime.authorTimes`): the author's `ts`, never before the
/// ledger's last time.
func authorTime(_ envelope: Envelope, after state: LedgerState) -> Timestamp {
    guard let last = state.time, last > envelope.timestamp else { return envelope.timestamp }
    return last
}

/// Applies signed envelopes to `state` at their authors' times, stopping at
/// the first rejection.
func applyAtAuthorTimes(_ envelopes: [[UInt8]], to state: inout LedgerState) throws {
    for bytes in envelopes {
        let envelope = try Envelope.decode(bytes)
        _ = try state.apply(envelope, at: authorTime(envelope, after: state))
    }
}

/// The code `bytes` is refused with on a copy of `state`, or nil if accepted.
func refusal(_ bytes: [UInt8], on state: LedgerState) -> LedgerError.Code? {
    var copy = state
    do {
        let envelope = try Envelope.decode(bytes)
        _ = try copy.apply(envelope, at: authorTime(envelope, after: copy))
        return nil
    } catch {
        return error.code
    }
}
