/// The members of a JSON object, in insertion order.
///
/// Protocol objects have a handful of members, for which a list with linear
/// lookup is several times cheaper than hashing every name into a
/// dictionary; past `indexThreshold` members an index keeps lookups O(1),
/// so a hostile object with thousands of members stays linear to parse.
/// Equality ignores order, as JSON object equality does.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var members: [(name: String, value: JSONValue)] = []
    private var index: [String: Int]?
    static let indexThreshold = 16

    public init() {}

    /// An empty object with room for `capacity` members.
    public init(capacity: Int) {
        members.reserveCapacity(capacity)
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (name, value) in elements { self[name] = value }
    }

    public init(_ dictionary: [String: JSONValue]) {
        for (name, value) in dictionary { self[name] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    /// Member names, in insertion order.
    public var keys: [String] { members.map(\.name) }

    /// Where member `name` is in `members`.
    func position(of name: String) -> Int? {
        if let index { return index[name] }
        return members.firstIndex { $0.name == name }
    }

    public subscript(name: String) -> JSONValue? {
        get { position(of: name).map { members[$0].value } }
        set {
            if let newValue {
                updateValue(newValue, forKey: name)
            } else if let found = position(of: name) {
                members.remove(at: found)
                rebuildIndex()
            }
        }
    }

    /// Sets a member; returns the value it replaced, if any.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey name: String) -> JSONValue? {
        if let found = position(of: name) {
            let old = members[found].value
            members[found].value = value
            return old
        }
        append(name, value)
        return nil
    }

    /// Adds a member the caller knows is not there yet.
    mutating func append(_ name: String, _ value: JSONValue) {
        members.append((name, value))
        if index != nil {
            index![name] = members.count - 1
        } else if members.count > JSONObject.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func rebuildIndex() {
        guard members.count > JSONObject.indexThreshold else {
            index = nil
            return
        }
        var built: [String: Int] = [:]
        for (offset, member) in members.enumerated() { built[member.name] = offset }
        index = built
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.name] == $0.value }
    }
}
