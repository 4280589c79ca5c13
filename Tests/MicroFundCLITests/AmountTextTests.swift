import Foundation
import MicroFundLedger
import Testing
@testable import MicroFundCLI

/// Amounts typed on the command line: the well-formed ones are read
/// exactly, the rest are refused with a code, never guessed.
@Suite struct AmountTextTests {
    private func code(_ text: String, _ asset: Asset) -> String? {
        do {
            _ = try AmountText.parse(text, asset: asset)
            return nil
        } catch let failure as CommandFailure {
            return failure.code
        } catch {
            return "unexpected \(error)"
        }
    }

    /// Catches the old parser, which dropped every comma (`1,00` read as
    /// ¥100.00, `10,00` as ¥1,000.00), and any parser that skips a form
    /// the issue lists (full-width ¥, 元, 小时, 1h30m).
    @Test func wellFormedAmountsReadExactly() throws {
        let cases: [(String, Asset, Int64)] = [
            ("1,000", .cny, 100_000), ("12,345.60", .cny, 1_234_560), ("¥1,234.56", .cny, 123_456), ("￥50", .cny, 5_000),
            ("15000元", .cny, 1_500_000), ("15,000 元", .cny, 1_500_000), ("0.5", .cny, 50), ("1234567", .cny, 123_456_700),
            ("6", .labour, 360), ("5.5", .labour, 330), ("5.5h", .labour, 330), ("5.5 h", .labour, 330), ("5.5小时", .labour, 330),
            ("90m", .expertise, 90), ("90 min", .labour, 90), ("90分钟", .labour, 90), ("1h30m", .labour, 90), ("1 h 30 min", .labour, 90),
            ("1小时30分钟", .labour, 90), ("4500", .space, 4_500), ("4,500", .space, 4_500), ("4,500 m²·d", .space, 4_500),
        ]
        for (text, asset, units) in cases {
            #expect(try AmountText.parse(text, asset: asset) == units, "\(text) as \(asset)")
        }
    }

    @Test func malformedAmountsAreRefusedWithACode() {
        let refused: [(String, Asset)] = [
            ("1,00", .cny), ("10,00", .cny), ("1,0000", .cny), (",100", .cny), ("100,", .cny), ("1,,000", .cny), ("1.234", .cny),
            ("1.", .cny), (".5", .cny), ("1_000", .cny), ("¥¥5", .cny), ("5¥", .cny), ("元5", .cny), ("1e3", .cny), ("abc", .cny), ("", .cny),
            ("12,34.5", .cny), ("1h", .space), ("1.5", .space), ("1.01", .labour), ("1h60m", .labour), ("90m30", .labour),
            ("1.5m", .labour), ("h", .labour), ("1hh", .labour), ("1,50h", .labour), ("٣", .cny), ("１００", .cny),
        ]
        for (text, asset) in refused {
            #expect(code(text, asset) == "invalid_amount", "\(text) as \(asset)")
        }
    }

    /// Catches a parser that lets `-50` or `0` through, or calls them malformed.
    @Test func negativeAndZeroSayMustBePositive() throws {
        let cases: [(String, Asset)] = [("-50", .cny), ("0", .cny), ("0.00", .cny), ("¥0", .cny), ("0h", .labour), ("0m", .labour), ("−5", .space)]
        for (text, asset) in cases {
            #expect(code(text, asset) == "amount_not_positive", "\(text)")
        }
        do {
            _ = try AmountText.parse("-50", asset: .cny)
        } catch let failure as CommandFailure {
            #expect(failure.message.contains("must be positive"))
        }
    }

    /// Property: every positive amount the formatter prints reads back to
    /// the same units. Catches a formatter that rounds (the old one printed
    /// 1 minute as "0 h") or a parser that cannot read its own output.
    @Test func everyFormattedAmountParsesBack() throws {
        var generator = SystemRandomNumberGenerator()
        for asset in Asset.allCases {
            var samples: [Int64] = [1, 5, 6, 59, 60, 61, 99, 100, 999, 1_000, 1_001, 123_456, JSONNumber.maximumSafeInteger]
            for _ in 0..<2_000 {
                let digits = Int64.random(in: 1...15, using: &generator)
                var bound: Int64 = 1
                for _ in 0..<digits { bound *= 10 }
                samples.append(Int64.random(in: 1...min(bound, JSONNumber.maximumSafeInteger), using: &generator))
            }
            for units in samples {
                let printed = asset.format(units)
                #expect(try AmountText.parse(printed, asset: asset) == units, "\(printed) as \(asset)")
            }
        }
    }

    /// Property: a comma anywhere but between groups of three is refused.
    /// Catches any parser that strips commas before reading the digits.
    @Test func everyMisplacedSeparatorIsRefused() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 2...12, using: &generator)
            var digits = (0..<length).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) }
            digits[0] = Character(String(Int.random(in: 1...9, using: &generator)))
            // A comma at a place that is not a multiple of three from the right.
            let candidates = (1..<length).filter { (length - $0) % 3 != 0 }
            guard let position = candidates.randomElement(using: &generator) else { continue }
            var text = String(digits)
            text.insert(",", at: text.index(text.startIndex, offsetBy: position))
            #expect(code(text, .cny) == "invalid_amount", "\(text)")
            #expect(code(text, .space) == "invalid_amount", "\(text)")
        }
    }

    /// The command line takes `--amount -50` as a value, and answers that
    /// it must be positive (the old parser said "missing value").
    @Test func negativeAmountOnTheCommandLine() throws {
        let scratch = try Scratch()
        let data = scratch.file("data")
        try microfund("init", "--data", data, "--origin", "fund.example.org/amounts")
        let before = try microfund("balance", "--data", data, "--json").stdout
        let result = try microfund("donate", "--data", data, "--key", data + "/keys/admin.pem", "--donor", "admin", "--amount", "-50")
        #expect(result.status != 0)
        #expect(result.stderr.contains("amount_not_positive"))
        #expect(result.stderr.contains("must be positive"))
        #expect(try microfund("balance", "--data", data, "--json").stdout == before)
    }
}
