/// The fund's rules as data (DESIGN.md §6): set at genesis, the same for
/// every verifier. Amounts are fen, shares basis points (1/10,000), so no
/// rule ever needs floating point.
public struct Policy: Sendable, Equatable {
    /// Disbursements up to `upTo` fen need `approvals` committee approvals,
    /// and a passed public hearing when `hearing` is set. Above the last
    /// tier, a majority of the whole committee decides.
    public struct Tier: Sendable, Equatable {
        public let upTo: Int64
        public let approvals: Int
        public let hearing: Bool

        public init(upTo: Int64, approvals: Int, hearing: Bool) {
            self.upTo = upTo
            self.approvals = approvals
            self.hearing = hearing
        }
    }

    public var tiers: [Tier]
    /// The most of a need's cash requirement paid before its acceptance.
    public var shareBeforeAcceptanceBasisPoints: Int64
    /// The share of every payout kept in the need's maintenance reserve.
    public var reserveShareBasisPoints: Int64
    /// Default lifetimes of pledges and motions.
    public var pledgeLifetimeDays: Int64
    public var motionLifetimeDays: Int64
    /// In-kind values for reports, in fen: per hour of labour or
    /// expertise, per square-metre-day of space.
    public var rates: [Asset: Int64]
    /// The IANA time zone the fund lives in (`Asia/Shanghai`): where a
    /// plain date typed on the command line starts and ends, and how times
    /// are shown. Entries keep UTC; this changes no rule.
    public var timeZone: String

    /// The zone of a ledger whose policy names none.
    public static let timeZoneDefault = "Asia/Shanghai"

    /// Most tiers a policy may have.
    public static let tierCountMax = 8

    /// The defaults: up to ¥5,000 two approvals; up to ¥50,000 three and a
    /// passed hearing; above that a majority of the committee. 30% before
    /// acceptance, 5% to the reserve; pledges 30 days, motions 14 days;
    /// ¥50 an hour of labour, ¥300 an hour of expertise, ¥1 a m²·day.
    public static let `default` = Policy(
        tiers: [Tier(upTo: 500_000, approvals: 2, hearing: false), Tier(upTo: 5_000_000, approvals: 3, hearing: true)],
        shareBeforeAcceptanceBasisPoints: 3_000, reserveShareBasisPoints: 500, pledgeLifetimeDays: 30, motionLifetimeDays: 14,
        rates: [.labour: 5_000, .expertise: 30_000, .space: 100]
    )

    public init(tiers: [Tier], shareBeforeAcceptanceBasisPoints: Int64, reserveShareBasisPoints: Int64, pledgeLifetimeDays: Int64, motionLifetimeDays: Int64, rates: [Asset: Int64], timeZone: String = Policy.timeZoneDefault) {
        self.timeZone = timeZone
        self.tiers = tiers
        self.shareBeforeAcceptanceBasisPoints = shareBeforeAcceptanceBasisPoints
        self.reserveShareBasisPoints = reserveShareBasisPoints
        self.pledgeLifetimeDays = pledgeLifetimeDays
        self.motionLifetimeDays = motionLifetimeDays
        self.rates = rates
    }

    /// Approvals a disbursement of `amount` fen needs, and whether it needs
    /// a passed hearing, for a committee of `committeeSize` members.
    public func approvals(forAmount amount: Int64, committeeSize: Int) -> (approvals: Int, hearing: Bool) {
        if let tier = tiers.first(where: { amount <= $0.upTo }) { return (tier.approvals, tier.hearing) }
        return (committeeSize / 2 + 1, tiers.last?.hearing ?? true)
    }

    // MARK: JSON (docs/protocol.md §4.2)

    /// Reads a policy object, insisting on every rule of §4.2.
    public init(json value: JSONValue, context: String) throws(LedgerError) {
        var reader = try FieldReader(value, context: context)
        let tierValues = try reader.array("tiers", countMax: Policy.tierCountMax)
        var tiers: [Tier] = []
        for element in tierValues {
            var tier = try FieldReader(element, context: "\(context).tiers[]")
            let upTo = try tier.amount("upTo")
            guard case .number(let number)? = tier.object["approvals"], let approvals = number.int64, (1...100).contains(approvals) else {
                throw LedgerError(.invalidField, "\(context).tiers[].approvals must be an integer from 1 to 100")
            }
            _ = tier.has("approvals")
            guard case .bool(let hearing)? = tier.object["hearing"] else {
                throw LedgerError(.invalidField, "\(context).tiers[].hearing must be true or false")
            }
            _ = tier.has("hearing")
            try tier.finish()
            guard tiers.last.map({ $0.upTo < upTo }) ?? true else {
                throw LedgerError(.invalidField, "\(context).tiers must rise strictly in upTo")
            }
            tiers.append(Tier(upTo: upTo, approvals: Int(approvals), hearing: hearing))
        }
        let share = try Policy.integer(&reader, "shareBeforeAcceptance", 0...10_000, context)
        let reserve = try Policy.integer(&reader, "reserveShare", 0...10_000, context)
        let pledgeDays = try Policy.integer(&reader, "pledgeLifetimeDays", 1...3_650, context)
        let motionDays = try Policy.integer(&reader, "motionLifetimeDays", 1...3_650, context)
        var rates: [Asset: Int64] = [:]
        var rateReader = try FieldReader(reader.object("rates"), context: "\(context).rates")
        for asset in [Asset.labour, .expertise, .space] {
            rates[asset] = try Policy.integer(&rateReader, asset.rawValue, 0...JSONNumber.maximumSafeInteger, "\(context).rates")
        }
        try rateReader.finish()
        var timeZone = Policy.timeZoneDefault
        if reader.has("timeZone") {
            guard case .string(let name)? = reader.object["timeZone"], Policy.isValidTimeZoneName(name) else {
                throw LedgerError(.invalidField, "\(context).timeZone must be an IANA time zone name such as Asia/Shanghai or UTC")
            }
            timeZone = name
        }
        try reader.finish()
        self.init(tiers: tiers, shareBeforeAcceptanceBasisPoints: share, reserveShareBasisPoints: reserve, pledgeLifetimeDays: pledgeDays, motionLifetimeDays: motionDays, rates: rates, timeZone: timeZone)
    }

    /// The shape of an IANA zone name (`Area/Location`, `UTC`): 1 to 64
    /// characters of letters, digits, `/`, `_`, `+` and `-`, starting with
    /// a letter. Whether the zone exists is the reader's tz database's to
    /// say; the core keeps no clock data.
    public static func isValidTimeZoneName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...64).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || [UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(byte)
        }
    }

    private static func integer(_ reader: inout FieldReader, _ name: String, _ range: ClosedRange<Int64>, _ context: String) throws(LedgerError) -> Int64 {
        guard reader.has(name), case .number(let number)? = reader.object[name], let value = number.int64, range.contains(value) else {
            throw LedgerError(reader.object[name] == nil ? .missingField : .invalidField, "\(context).\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The policy object, as genesis carries it and a store keeps it.
    public var json: JSONValue {
        .object([
            "tiers": .array(tiers.map { .object(["upTo": .integer($0.upTo), "approvals": .integer(Int64($0.approvals)), "hearing": .bool($0.hearing)]) }),
            "shareBeforeAcceptance": .integer(shareBeforeAcceptanceBasisPoints), "reserveShare": .integer(reserveShareBasisPoints),
            "pledgeLifetimeDays": .integer(pledgeLifetimeDays), "motionLifetimeDays": .integer(motionLifetimeDays),
            "rates": .object(JSONObject(Dictionary(uniqueKeysWithValues: rates.map { ($0.key.rawValue, JSONValue.integer($0.value)) }))),
            "timeZone": .string(timeZone),
        ])
    }

    /// The policy in plain words, one rule a line.
    public var plainWords: [String] {
        var lines: [String] = []
        var from: Int64 = 0
        for tier in tiers {
            lines.append("disbursements from \(Asset.cny.format(from)) up to \(Asset.cny.format(tier.upTo)): \(tier.approvals) committee approvals\(tier.hearing ? " and a passed public hearing" : "")")
            from = tier.upTo + 1
        }
        lines.append("disbursements above \(Asset.cny.format(tiers.last?.upTo ?? 0)): a majority of the whole committee\(tiers.last?.hearing ?? true ? " and a passed public hearing" : "")")
        lines.append("before a need is accepted, at most \(Policy.percent(shareBeforeAcceptanceBasisPoints)) of its cash requirement may be paid out")
        lines.append("\(Policy.percent(reserveShareBasisPoints)) of every payout goes to the need's maintenance reserve")
        lines.append("pledges last \(pledgeLifetimeDays) days and motions \(motionLifetimeDays) days unless they say otherwise")
        lines.append("the fund's time zone is \(timeZone): dates typed on the command line are its days, and times are shown in it")
        lines.append("in-kind value: \(Asset.cny.format(rates[.labour] ?? 0)) an hour of labour, \(Asset.cny.format(rates[.expertise] ?? 0)) an hour of expertise, \(Asset.cny.format(rates[.space] ?? 0)) a m²·day of space")
        return lines
    }

    private static func percent(_ basisPoints: Int64) -> String {
        let hundredths = basisPoints % 100
        return "\(basisPoints / 100)\(hundredths == 0 ? "" : "." + (hundredths < 10 ? "0" : "") + String(hundredths))%"
    }
}
