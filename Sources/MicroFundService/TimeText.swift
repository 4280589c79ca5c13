import Foundation
public import MicroFundLedger
import Synchronization

/// Times as people type them on the command line, read to the UTC instant
/// the ledger stores:
/// - RFC 3339 with any offset: `2026-12-10T09:00:00+08:00`,
///   `2026-12-10T01:00:00Z`, with optional fractional seconds;
/// - a plain date, `2026-12-10`: a day in the ledger's time zone, its first
///   second, or for an end (`--to`, `--deadline`) its last second.
/// A time without an offset, an offset beyond ±23:59, or a day that is not
/// in the calendar (`2026-02-30`) is refused with `invalid_time`, and the
/// message shows each accepted form.
public enum TimeText {
    public static func parse(_ text: String, clock: LocalClock, endOfDay: Bool = false, what: String, language: Language) throws(ServiceError) -> Timestamp {
        if let day = localDay(text) {
            let start = clock.instant(localSeconds: day)
            guard endOfDay else { return Timestamp.fromEpoch(seconds: start) }
            return Timestamp.fromEpoch(seconds: clock.instant(localSeconds: day + 86_400) - 1)
        }
        guard let time = rfc3339(text) else {
            throw ServiceError(ServiceError.invalidTime, language.pick("\(what) \(text) is not a time: \(hint(clock, language: language))", "\(what) \(text) 不是有效的时间：\(hint(clock, language: language))"))
        }
        return time
    }

    /// An example of each accepted form, in the ledger's zone.
    public static func hint(_ clock: LocalClock, language: Language) -> String {
        let offset = Timestamp("2026-12-10T01:00:00Z").map(clock.offsetSeconds) ?? 0
        let example = Timestamp.fromEpoch(seconds: Timestamp("2026-12-10T09:00:00Z")!.seconds - Int64(offset))
        return language.pick("write \(clock.format(example)) (a time with its offset), 2026-12-10T01:00:00Z (UTC) or 2026-12-10 (a day in \(clock.zone))",
                         "可写 \(clock.format(example))（带时区偏移的时间）、2026-12-10T01:00:00Z（UTC）或 2026-12-10（\(clock.zone) 的一天）")
    }

    /// Seconds since the epoch of the wall-clock midnight starting `YYYY-MM-DD`.
    private static func localDay(_ text: String) -> Int64? {
        guard text.utf8.count == 10, let midnight = Timestamp(text + "T00:00:00Z") else { return nil }
        return midnight.seconds
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)` as the UTC instant, in the
    /// protocol's own form (`…Z`), fraction kept.
    private static func rfc3339(_ text: String) -> Timestamp? {
        if let utc = Timestamp(text) { return utc }
        let bytes = Array(text.utf8)
        guard bytes.count >= 25, bytes.count <= 35 else { return nil }
        let offsetStart = bytes.count - 6
        let sign = bytes[offsetStart]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes[offsetStart + 3] == UInt8(ascii: ":"),
              let hours = Int(String(decoding: bytes[(offsetStart + 1)..<(offsetStart + 3)], as: UTF8.self)),
              let minutes = Int(String(decoding: bytes[(offsetStart + 4)...], as: UTF8.self)),
              bytes[(offsetStart + 1)..<(offsetStart + 3)].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              bytes[(offsetStart + 4)...].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              hours <= 23, minutes <= 59,
              let wall = Timestamp(String(decoding: bytes[..<offsetStart], as: UTF8.self) + "Z")
        else { return nil }
        let offset = Int64((hours * 60 + minutes) * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        let seconds = wall.seconds - offset
        guard seconds >= 0 else { return nil }
        let whole = Timestamp.fromEpoch(seconds: seconds).text
        let fraction = wall.text.count > 20 ? String(wall.text.dropFirst(19).dropLast()) : ""
        return Timestamp(String(whole.dropLast()) + fraction + "Z")
    }
}

extension LocalClock {
    /// The clock of the zone `name` from the system's tz database; UTC
    /// (named as such) when the system does not know the zone.
    /// Made once per zone and kept: the server formats times on every
    /// acknowledgement, and Foundation's zone lookups are not cheap.
    public static func named(_ name: String) -> LocalClock {
        if let known = ZoneClocks.clocks.withLock({ $0[name] }) { return known }
        guard let zone = TimeZone(identifier: name) else { return .utc }
        let offsets = ZoneOffsets(zone)
        let clock = LocalClock(zone: name) { seconds in offsets.offset(at: seconds) }
        ZoneClocks.clocks.withLock { $0[name] = clock }
        return clock
    }

    /// The clock of a ledger's policy.
    public static func of(_ state: LedgerState) -> LocalClock { named(state.policy.timeZone) }
}

private enum ZoneClocks {
    static let clocks = Mutex<[String: LocalClock]>([:])
}

/// A zone's offset from UTC, looked up once per quarter hour of time
/// (zones change offset on quarter-hour boundaries) and remembered.
private final class ZoneOffsets: Sendable {
    private let zone: TimeZone
    private let known = Mutex<[Int64: Int]>([:])

    init(_ zone: TimeZone) { self.zone = zone }

    func offset(at seconds: Int64) -> Int {
        let slot = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
        if let offset = known.withLock({ $0[slot] }) { return offset }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(slot * 900)))
        known.withLock { if $0.count < 100_000 { $0[slot] = offset } }
        return offset
    }
}
