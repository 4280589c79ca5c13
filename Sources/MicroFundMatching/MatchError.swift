public import MicroFundLedger

/// Why a matching problem was refused. `code` is stable (docs/matching.md
/// lists every one); `message` names the item and the field.
public struct MatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        /// The file is larger than `ProblemDecoder.byteLimit`, or holds
        /// more needs, lines or offers than the limits allow.
        case tooLarge = "match_too_large"
        /// Not JSON, or a member is missing or of the wrong type.
        case malformed = "match_malformed"
        /// `schema` is not `match-instance/1`.
        case unsupportedSchema = "match_unsupported_schema"
        /// Two needs, two lines or two offers share an id.
        case duplicateId = "match_duplicate_id"
        /// A kind other than cash, labour, expertise, space.
        case unknownKind = "match_unknown_kind"
        /// A skill or discipline the file's lists do not have, or one given
        /// where the kind has none.
        case unknownSkill = "match_unknown_skill"
        /// A category or community the file's lists do not have.
        case unknownName = "match_unknown_name"
        /// A quantity or area that is not a positive integer within limits.
        case invalidQuantity = "match_invalid_quantity"
        /// A window that is not [start, end) with start < end inside the
        /// horizon, or a space line's window outside its need's.
        case invalidWindow = "match_invalid_window"
        /// A latitude, longitude, radius or earth radius out of range.
        case invalidLocation = "match_invalid_location"
        /// A priority other than 1...5, or a weight that is not positive.
        case invalidPriority = "match_invalid_priority"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension MatchError.Code {
    /// What the code means, in a short phrase per language.
    public func meaning(_ language: Language) -> String {
        switch self {
        case .tooLarge: language.pick("the matching problem is too large", "匹配问题规模过大")
        case .malformed: language.pick("the matching problem is malformed", "匹配问题格式错误")
        case .unsupportedSchema: language.pick("not a match-instance/1 file", "不是 match-instance/1 文件")
        case .duplicateId: language.pick("two items share an id", "两个条目编号重复")
        case .unknownKind: language.pick("unknown kind of resource", "未知的资源类型")
        case .unknownSkill: language.pick("unknown skill", "未知的专业技能")
        case .unknownName: language.pick("unknown category or community", "未知的类别或社区")
        case .invalidQuantity: language.pick("the quantity is not valid", "数量无效")
        case .invalidWindow: language.pick("the time window is not valid", "时间窗口无效")
        case .invalidLocation: language.pick("the location is not valid", "位置无效")
        case .invalidPriority: language.pick("the priority or weight is not valid", "优先级或权重无效")
        }
    }
}
