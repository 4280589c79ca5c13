/// Writes each allocation's reason in plain words, in the form of
/// `match-result/1`'s `why`: what (kind and skill), where (distance against
/// the radius), when (the overlapping or covering windows), and the earmark
/// it met.
struct Explainer {
    let catalogue: Catalogue
    let clock: MinuteClock?

    init(catalogue: Catalogue) {
        self.catalogue = catalogue
        clock = catalogue.problem.epoch.flatMap(MinuteClock.init(epoch:))
    }

    func allocation(line: Int, offer: Int, quantity: Int64) -> MatchPlan.Allocation {
        let need = catalogue.need(ofLine: line)
        let o = catalogue.problem.offers[offer]
        let l = catalogue.lines[line]
        let distance = Sphere.distanceMetres(need.location, o.location, radius: catalogue.problem.earthRadiusMetres)
        return MatchPlan.Allocation(
            offerId: o.id, party: o.party, lineId: catalogue.lineId(line), needId: need.id, kind: l.kind,
            quantity: quantity, distanceMetres: distance,
            why: "\(what(o, l)); \(whereText(o, distance)); \(when(o, l)); \(earmark(o, need))")
    }

    private func what(_ offer: MatchOffer, _ line: Catalogue.Line) -> String {
        switch line.kind {
        case .cash: "cash"
        case .labour, .expertise: "\(line.kind.rawValue) (\(line.skill ?? ""))"
        case .space: "space (\(offer.quantity) m2 offered, \(line.quantity) m2 needed)"
        }
    }

    private func whereText(_ offer: MatchOffer, _ distance: Double) -> String {
        let metres = Int64(distance.rounded())
        guard let radius = offer.radiusMetres else { return "\(metres) m, no radius limit" }
        return "\(metres) m, within the offer's \(Int64(radius.rounded())) m radius"
    }

    private func when(_ offer: MatchOffer, _ line: Catalogue.Line) -> String {
        if line.kind == .space {
            return "offer window \(time(offer.window.start)) to \(time(offer.window.end)) covers the use "
                + "\(time(line.window.start)) to \(time(line.window.end))"
        }
        let start = max(offer.window.start, line.window.start), end = min(offer.window.end, line.window.end)
        return "windows overlap \(time(start)) to \(time(end))"
    }

    private func earmark(_ offer: MatchOffer, _ need: MatchNeed) -> String {
        var met: [String] = []
        if !offer.earmark.categories.isEmpty { met.append("category \(need.category)") }
        if !offer.earmark.communities.isEmpty { met.append("community \(need.community)") }
        return met.isEmpty ? "no earmark" : "earmarked for " + met.joined(separator: " and ")
    }

    private func time(_ minutes: Int64) -> String {
        clock?.text(minutes) ?? "t=\(minutes) min"
    }
}

/// Minutes since an RFC 3339 epoch, printed as local date and time in the
/// epoch's own offset ("2026-03-29 00:00"), without a calendar library.
struct MinuteClock {
    /// Minutes from 1970-01-01T00:00 local time of the epoch's offset.
    let epochMinutes: Int64

    /// Only a whole RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional
    /// fraction, then `Z` or an offset `±HH:MM` of at most ±23:59; a day
    /// the month does not have (`2026-02-30`) and a time without an offset
    /// are refused.
    init?(epoch: String) {
        let b = Array(epoch.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = Self.number(b, 0, 4), let month = Self.number(b, 5, 2), let day = Self.number(b, 8, 2),
              let hour = Self.number(b, 11, 2), let minute = Self.number(b, 14, 2), let second = Self.number(b, 17, 2),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        if index < b.count, b[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < b.count, (0x30...0x39).contains(b[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        guard index < b.count else { return nil }
        if b[index] == UInt8(ascii: "Z") {
            guard index + 1 == b.count else { return nil }
        } else {
            guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-"), index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = Self.number(b, index + 1, 2), let offsetMinutes = Self.number(b, index + 4, 2),
                  offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
        }
        epochMinutes = (Self.days(year: year, month: month, day: day) * 24 + hour) * 60 + minute
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    func text(_ minutes: Int64) -> String {
        let total = epochMinutes + minutes
        let days = total >= 0 ? total / 1440 : (total - 1439) / 1440
        let within = total - days * 1440
        let (year, month, day) = Self.civil(days: days)
        return "\(year)-\(Self.two(month))-\(Self.two(day)) \(Self.two(within / 60)):\(Self.two(within % 60))"
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for b in bytes[start..<start + count] {
            guard (0x30...0x39).contains(b) else { return nil }
            value = value * 10 + Int64(b - 0x30)
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
    /// days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count (civil_from_days).
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
