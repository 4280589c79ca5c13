public import HTTPTypes
public import MicroFundLedger
import MicroFundMatching
public import MicroFundService
import MicroFundStore

/// Every stable code's HTTP status (docs/http.md §5, a test keeps the two
/// equal): 400 malformed input, 401 signatures and keys, 403 roles, 404
/// what does not exist, 409 a conflict with what the ledger holds (an id
/// used for other content, something that exists already, money that is
/// not there), 413 too large, 415 wrong content type, 422 every other
/// rule refusal, 500 the service's own failure, 503 busy or stopping.
public enum ProblemStatus {
    /// The status code as a number.
    public static func code(of code: String) -> Int { status(of: code).code }

    public static func status(of code: String) -> HTTPResponse.Status {
        if let code = LedgerError.Code(rawValue: code) { return status(of: code) }
        if let code = ServerCode(rawValue: code) { return status(of: code) }
        if let code = ReportCode(rawValue: code) { return status(of: code) }
        if MatchError.Code(rawValue: code) != nil { return .badRequest }
        if code == ServiceError.invalidTime { return .badRequest }
        return .internalServerError
    }

    public static func status(of code: ServerCode) -> HTTPResponse.Status {
        switch code {
        case .routeUnknown, .transactionUnknown: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .requestInvalid: .badRequest
        case .bodyTooLarge, .batchTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .requestTimeout: .requestTimeout
        case .overloaded, .shuttingDown: .serviceUnavailable
        case .internalError: .internalServerError
        }
    }

    public static func status(of code: ReportCode) -> HTTPResponse.Status {
        switch code {
        case .dateOutOfRange, .periodInvalid, .malformed: .badRequest
        case .mismatch, .otherLedger: .unprocessableContent
        }
    }

    public static func status(of code: LedgerError.Code) -> HTTPResponse.Status {
        switch code {
        case .envelopeTooLarge: .contentTooLarge
        case .invalidUTF8, .malformedJSON, .duplicateKey, .nonIntegerNumber, .unsupportedVersion, .unknownKind,
             .missingField, .unknownField, .invalidField, .invalidTimestamp, .amountNotInteger, .amountNotPositive,
             .amountTooLarge, .invalidAccount, .checkpointMalformed, .proofMalformed:
            .badRequest
        case .signatureMissing, .signatureMalformed, .keyUnknown, .keyRevoked, .signatureInvalid, .authorNotSigner:
            .unauthorized
        case .forbidden, .conflictOfInterest:
            .forbidden
        case .partyUnknown, .needUnknown, .accountUnknown, .pledgeUnknown, .offerUnknown, .lineUnknown, .motionUnknown, .entryUnknown:
            .notFound
        case .idConflict, .overdraft, .genesisRepeated, .partyExists, .keyExists, .needExists, .offerExists,
             .referenceDuplicate, .alreadyVoted, .alreadyReversed:
            .conflict
        case .wrongLedger, .timestampSkew, .genesisRequired, .assetMismatch, .pledgeNotPending, .pledgeExceeded,
             .pledgeExpired, .deadlinePassed, .offerWithdrawn, .offerExhausted, .offerMismatch, .nothingDue,
             .balanceOverflow, .motionClosed, .motionExpired, .quorumUnreachable, .stageSkip, .needDisputed,
             .hearingClosed, .hearingRequired, .payoutCap, .earmarkMisuse, .lastAdminKey, .notReversible,
             .reversalBlocked, .checkpointSignatureInvalid, .proofInvalid:
            .unprocessableContent
        case .storeBusy, .storeReadOnly: .serviceUnavailable
        case .storeFailure, .ledgerCorrupt: .internalServerError
        }
    }
}
