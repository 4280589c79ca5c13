/// The kinds of transaction the protocol knows. Raw values are the wire
/// names; they are never renamed.
public enum TransactionKind: String, Sendable, CaseIterable {
    case genesis = "ledger.genesis"
    case tick = "ledger.tick"
    case partyRegister = "party.register"
    case partyUpdate = "party.update"
    case keyRotate = "key.rotate"
    case keyRevoke = "key.revoke"
    case needCreate = "need.create"
    case needVoice = "need.voice"
    case donationRecord = "donation.record"
    case donationRefund = "donation.refund"
    case offerPublish = "offer.publish"
    case offerWithdraw = "offer.withdraw"
    case pledgeMake = "pledge.make"
    case pledgeConfirm = "pledge.confirm"
    case pledgeCancel = "pledge.cancel"
    case motionPropose = "motion.propose"
    case motionApprove = "motion.approve"
    case motionReject = "motion.reject"
    case motionWithdraw = "motion.withdraw"
    case entryReverse = "entry.reverse"
}
