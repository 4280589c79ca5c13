/// Why a transaction was rejected, or a ledger could not be read.
///
/// `code` is the stable, machine-readable part: clients switch on it, the
/// HTTP service maps it to a problem type, and docs/protocol.md lists every
/// one. Codes are never renamed or reused. `message` is for people and
/// names fields, never amounts or personal data.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable error codes, in the order a submission is checked:
    /// size and syntax, then envelope shape, then signatures, then
    /// authorization, then the ledger's state.
    public enum Code: String, Sendable, CaseIterable {
        // Size and syntax.
        case envelopeTooLarge = "envelope_too_large"
        case invalidUTF8 = "invalid_utf8"
        case malformedJSON = "malformed_json"
        case duplicateKey = "duplicate_key"
        case nonIntegerNumber = "non_integer_number"
        // Envelope shape.
        case unsupportedVersion = "unsupported_version"
        case unknownKind = "unknown_kind"
        case missingField = "missing_field"
        case unknownField = "unknown_field"
        case invalidField = "invalid_field"
        case invalidTimestamp = "invalid_timestamp"
        case amountNotInteger = "amount_not_integer"
        case amountNotPositive = "amount_not_positive"
        case amountTooLarge = "amount_too_large"
        case invalidAccount = "invalid_account"
        /// The envelope names another ledger than the one it was submitted
        /// to: a signed envelope is valid in one ledger only.
        case wrongLedger = "wrong_ledger"
        /// The author's `ts` is too far from the ledger's time of acceptance.
        case timestampSkew = "timestamp_skew"
        // Signatures.
        case signatureMissing = "signature_missing"
        case signatureMalformed = "signature_malformed"
        case keyUnknown = "key_unknown"
        case keyRevoked = "key_revoked"
        case signatureInvalid = "signature_invalid"
        case authorNotSigner = "author_not_signer"
        // Idempotency.
        case idConflict = "id_conflict"
        // Authorization.
        case genesisRequired = "genesis_required"
        case genesisRepeated = "genesis_repeated"
        case forbidden = "forbidden"
        // Ledger state.
        case partyUnknown = "party_unknown"
        case partyExists = "party_exists"
        case keyExists = "key_exists"
        case needUnknown = "need_unknown"
        case needExists = "need_exists"
        case accountUnknown = "account_unknown"
        case assetMismatch = "asset_mismatch"
        case pledgeUnknown = "pledge_unknown"
        case pledgeNotPending = "pledge_not_pending"
        case pledgeExceeded = "pledge_exceeded"
        case pledgeExpired = "pledge_expired"
        case deadlinePassed = "deadline_passed"
        /// No offer has this id.
        case offerUnknown = "offer_unknown"
        /// An offer with this id was already published.
        case offerExists = "offer_exists"
        /// The offer was withdrawn.
        case offerWithdrawn = "offer_withdrawn"
        /// The offer has less left than the pledge draws (a space offer is
        /// already lent).
        case offerExhausted = "offer_exhausted"
        /// The need has no requirement line with this id.
        case lineUnknown = "line_unknown"
        /// The pledge, its line and its offer differ in asset, skill, area
        /// or window.
        case offerMismatch = "offer_mismatch"
        /// A `ledger.tick` found nothing past its deadline.
        case nothingDue = "nothing_due"
        case overdraft = "overdraft"
        case balanceOverflow = "balance_overflow"
        /// No motion has this id.
        case motionUnknown = "motion_unknown"
        /// The motion has passed, died or been withdrawn.
        case motionClosed = "motion_closed"
        /// The motion's deadline passed before this vote.
        case motionExpired = "motion_expired"
        /// The member already voted the other way.
        case alreadyVoted = "already_voted"
        /// The voter may not count toward this motion's quorum.
        case conflictOfInterest = "conflict_of_interest"
        /// Too few members without a conflict remain to reach the quorum.
        case quorumUnreachable = "quorum_unreachable"
        /// A need moves only to the stage right after its current one.
        case stageSkip = "stage_skip"
        /// The need is disputed: it waits for the dispute's resolution.
        case needDisputed = "need_disputed"
        /// Voices are heard only while a need waits for its hearing.
        case hearingClosed = "hearing_closed"
        /// A disbursement needs a passed public hearing first.
        case hearingRequired = "hearing_required"
        /// The payout would pass what the need's stage allows.
        case payoutCap = "payout_cap"
        /// Earmarked money goes only to its own need.
        case earmarkMisuse = "earmark_misuse"
        /// The change would leave the ledger without an admin able to sign.
        case lastAdminKey = "last_admin_key"
        /// A donation, refund or payout names an external reference (a
        /// receipt or transfer number) already booked by another of its kind.
        case referenceDuplicate = "reference_duplicate"
        /// The entry named by `entry.reverse` is not a donation, refund or
        /// delivery confirmation (a payout is reversed by a motion).
        case notReversible = "not_reversible"
        /// The entry was reversed already: a correction is made once.
        case alreadyReversed = "already_reversed"
        /// Undoing the entry would take money that was refunded, paid or
        /// reserved since; the message names the account and what it has.
        case reversalBlocked = "reversal_blocked"
        // Checkpoints and proofs.
        case checkpointMalformed = "checkpoint_malformed"
        case checkpointSignatureInvalid = "checkpoint_signature_invalid"
        case proofMalformed = "proof_malformed"
        case proofInvalid = "proof_invalid"
        case entryUnknown = "entry_unknown"
        // Reading a stored ledger.
        case storeFailure = "store_failure"
        /// Another process held the write lock past the bounded wait;
        /// nothing was written and the same submission may be retried.
        case storeBusy = "store_busy"
        /// The ledger's files can only be read here; nothing was written.
        case storeReadOnly = "store_read_only"
        case ledgerCorrupt = "ledger_corrupt"
    }

    public let code: Code
    public let message: String
    /// What the error is about, as an id or account path (the unknown
    /// need, the account that would be overdrawn), so a front end can
    /// add what only it may show: a "did you mean", or the balance.
    public let subject: String?

    public init(_ code: Code, _ message: String, subject: String? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
    }

    /// One line, whatever the message quotes: `error[CODE]: message`.
    public var description: String { "error[\(code.rawValue)]: \(LedgerError.oneLine(message))" }

    /// `text` safe to print as (part of) one line of a log or terminal:
    /// control characters, line and paragraph separators and bidirectional
    /// controls become `\u{XXXX}`, and a backslash is doubled, so text a
    /// client sent can never start a line of its own (a forged
    /// acknowledgement) nor reorder what follows it.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x5c: out += "\\\\"
            case 0x00...0x1f, 0x7f...0x9f, 0x2028, 0x2029, 0x200e, 0x200f, 0x202a...0x202e, 0x2066...0x2069, 0xfeff:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
