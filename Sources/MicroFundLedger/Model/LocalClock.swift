/// A ledger's local time: its zone's name and the zone's offset from UTC
/// at any instant. The core keeps no tz data and reads no clock, so the
/// offsets come from outside (the CLI builds them from the system's tz
/// database); what the core does is write times with them, the same way
/// for every front end: `2026-12-10T09:00:00+08:00`.
public struct LocalClock: Sendable {
    /// The IANA name (`Asia/Shanghai`), as the policy has it.
    public let zone: String
    private let offsetAt: @Sendable (_ epochSeconds: Int64) -> Int

    /// A clock whose offset from UTC at each instant `offsetAt` gives, in seconds.
    public init(zone: String, offsetAt: @escaping @Sendable (_ epochSeconds: Int64) -> Int) {
        self.zone = zone
        self.offsetAt = offsetAt
    }

    /// UTC itself, for tests and for readers without a tz database.
    public static let utc = LocalClock(zone: "UTC") { _ in 0 }

    /// A zone with one fixed offset, in seconds east of UTC.
    public static func fixed(zone: String, offsetSeconds: Int) -> LocalClock {
        LocalClock(zone: zone) { _ in offsetSeconds }
    }

    /// Seconds east of UTC at `time`.
    public func offsetSeconds(at time: Timestamp) -> Int { offsetAt(time.seconds) }

    /// RFC 3339 with the zone's offset: `2026-12-10T09:00:00+08:00` (`Z` in UTC).
    public func format(_ time: Timestamp) -> String {
        let offset = offsetAt(time.seconds)
        let local = Timestamp.fromEpoch(seconds: time.seconds + Int64(offset)).text.dropLast()
        return String(local) + LocalClock.offsetText(offset)
    }

    /// The local calendar day of `time`: `2026-12-10`.
    public func date(_ time: Timestamp) -> String {
        String(Timestamp.fromEpoch(seconds: time.seconds + Int64(offsetAt(time.seconds))).text.prefix(10))
    }

    /// The instant at which the local wall clock reads `localSeconds`
    /// (seconds since 1970-01-01T00:00:00 on that wall clock). Around a
    /// change of offset the later reading wins; a wall time skipped by a
    /// change falls after it.
    public func instant(localSeconds: Int64) -> Int64 {
        var guess = localSeconds - Int64(offsetAt(localSeconds))
        guess = localSeconds - Int64(offsetAt(guess))
        return guess
    }

    /// `+08:00`, `-03:30`, or `Z` for no offset.
    public static func offsetText(_ seconds: Int) -> String {
        guard seconds != 0 else { return "Z" }
        let minutes = abs(seconds) / 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return (seconds < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
    }
}
