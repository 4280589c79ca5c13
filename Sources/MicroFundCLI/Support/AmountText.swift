import MicroFundLedger

/// Amounts as people type them, converted exactly to the stored unit, and
/// nothing else: a string that could be misread is refused, never guessed.
///
/// - CNY, in yuan: `1234.56`, `1,234.56`, `¥1,234.56`, `￥50`, `15000元`.
/// - LABOUR and EXPERTISE, in hours or minutes: `6`, `5.5`, `5.5h`,
///   `5.5 h`, `5.5小时`, `90m`, `90 min`, `90分钟`, `1h30m`, `1 h 30 min`.
/// - SPACE, in square-metre-days: `4500`, `4,500`, `4,500 m²·d`.
///
/// A number is digits, or digits grouped by a comma every three digits
/// from the right (`12,345`), with at most two decimals. `1,00` and
/// `10,00` are refused: a comma stands only between groups of three.
/// Every amount `Asset.format` prints reads back to the same units.
enum AmountText {
    /// The amount in the asset's stored unit (fen, minutes, m²·days).
    static func parse(_ text: String, asset: Asset) throws -> Int64 {
        let trimmed = trimmedSpaces(text)
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("−") {
            throw CommandFailure(LedgerError(.amountNotPositive, Words.say("\(text) is negative: an amount must be positive (\(hint(asset)))", "\(text) 是负数：金额必须大于零（\(hint(asset))）")))
        }
        guard let units = units(trimmed, asset: asset) else {
            throw CommandFailure(.invalidAmount, Words.say("\(text) is not an amount of \(asset.rawValue): \(hint(asset))", "\(text) 不是有效的\(asset.noun(.zh))数量：\(hint(asset))"))
        }
        guard units > 0 else {
            throw CommandFailure(LedgerError(.amountNotPositive, Words.say("\(text) is zero: an amount must be positive (\(hint(asset)))", "\(text) 为零：金额必须大于零（\(hint(asset))）")))
        }
        guard units <= JSONNumber.maximumSafeInteger else {
            throw CommandFailure(LedgerError(.amountTooLarge, "\(text) is more than 2^53 − 1 \(asset.unit)s"))
        }
        return units
    }

    /// The accepted forms, named in every refusal.
    static func hint(_ asset: Asset) -> String {
        switch asset {
        case .cny: Words.say("yuan with up to two decimals, commas only between groups of three digits: 1234.56, 1,234.56, ¥1,234.56, ￥50 or 15000元",
                             "以元为单位，最多两位小数，逗号只用于每三位分组：1234.56、1,234.56、¥1,234.56、￥50 或 15000元")
        case .labour, .expertise: Words.say("hours or minutes: 6, 5.5, 5.5h, 5.5小时, 90m, 90分钟 or 1h30m",
                                            "小时或分钟：6、5.5、5.5h、5.5小时、90m、90分钟 或 1h30m")
        case .space: Words.say("whole square-metre-days, commas only between groups of three digits: 4500, 4,500 or 4,500 m²·d",
                               "整数平方米·天，逗号只用于每三位分组：4500、4,500 或 4,500 m²·d")
        }
    }

    private static func units(_ text: String, asset: Asset) -> Int64? {
        switch asset {
        case .cny:
            var body = Substring(text)
            if body.hasPrefix("¥") || body.hasPrefix("￥") {
                body.removeFirst()
            } else if body.hasSuffix("元") {
                body.removeLast()
                body = Substring(trimmedSpaces(String(body)))
            }
            return number(body, scale: 100)
        case .labour, .expertise:
            return duration(Substring(text))
        case .space:
            var body = Substring(text)
            if body.hasSuffix("m²·d") {
                body.removeLast(4)
                body = Substring(trimmedSpaces(String(body)))
            }
            return number(body, scale: 1)
        }
    }

    /// Minutes in `6`, `5.5 h`, `90m`, `1h30m`, `1 小时 30 分钟`: hours
    /// with at most two decimals that come to whole minutes, then
    /// optionally whole minutes; or whole minutes alone.
    private static func duration(_ text: Substring) -> Int64? {
        let hourWords = ["小时", "h"], minuteWords = ["分钟", "min", "m"]
        var rest = text
        func takeNumber() -> Substring {
            let end = rest.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "," || $0 == ".")) } ?? rest.endIndex
            defer { rest = Substring(trimmedSpaces(String(rest[end...]))) }
            return rest[..<end]
        }
        func takeWord(_ words: [String]) -> Bool {
            guard let word = words.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = Substring(trimmedSpaces(String(rest.dropFirst(word.count))))
            return true
        }
        let first = takeNumber()
        if rest.isEmpty || takeWord(hourWords) {
            // Hours to minutes: hundredths of an hour times 60 must be whole minutes.
            guard let hundredths = number(first, scale: 100), hundredths.multipliedReportingOverflow(by: 60).overflow == false,
                  hundredths * 60 % 100 == 0 else { return nil }
            let minutes = hundredths * 60 / 100
            if rest.isEmpty { return minutes }
            let second = takeNumber()
            guard takeWord(minuteWords), rest.isEmpty, let extra = number(second, scale: 1), extra < 60 else { return nil }
            return minutes.addingReportingOverflow(extra).overflow ? nil : minutes + extra
        }
        guard takeWord(minuteWords), rest.isEmpty else { return nil }
        return number(first, scale: 1)
    }

    /// `text` times `scale`, exactly: digits, or groups of three digits
    /// after a first group of one to three, joined by commas; then, when
    /// `scale` is 100, an optional point and one or two decimals. Nil if
    /// malformed or too large; zero is returned (and refused by the caller
    /// with its own message).
    private static func number(_ text: Substring, scale: Int64) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, let wholeDigits = groupedDigits(whole) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        let fractionDigitsMax = scale == 100 ? 2 : 0
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= fractionDigitsMax,
              fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        while fraction.count < fractionDigitsMax { fraction += "0" }
        guard wholeDigits.count <= 18, let wholeValue = Int64(wholeDigits) else { return nil }
        let (product, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        return product + (fraction.isEmpty ? 0 : Int64(fraction)!)
    }

    /// The digits of `1234` or `1,234`; nil when a comma stands anywhere
    /// but between a first group of one to three digits and groups of three.
    private static func groupedDigits(_ text: Substring) -> String? {
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty else { return nil }
        for (index, group) in groups.enumerated() {
            guard group.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if groups.count > 1 {
                guard index == 0 ? (1...3).contains(group.count) : group.count == 3 else { return nil }
            }
        }
        return groups.joined()
    }

    private static func trimmedSpaces(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
