import MicroFundReports
import Testing

/// Capital numerals as banks and receipts write them (人民币大写 by the
/// People's Bank's rules for filling in notes: 壹拾 for ten, one 零 for a
/// run of zeros, 整 when there is no fen).
@Suite struct ChineseAmountTests {
    /// Each vector catches one rule: a dropped 零 between groups, a 零 for
    /// every zero instead of one per run, a missing 整, a jiao written as
    /// fen, or 拾 without its 壹.
    @Test func vectors() {
        let vectors: [(Int64, String)] = [
            (1_500_000, "壹万伍仟元整"), (123_456, "壹仟贰佰叁拾肆元伍角陆分"), (10_001_000, "壹拾万零壹拾元整"),
            (100, "壹元整"), (1_000, "壹拾元整"), (100_500, "壹仟零伍元整"), (105_000, "壹仟零伍拾元整"), (1_005, "壹拾元零伍分"),
            (50, "伍角整"), (5, "伍分"), (0, "零元整"), (120, "壹元贰角整"), (10_000_000_500, "壹亿零伍元整"),
            (100_050_000, "壹佰万零伍佰元整"), (1_000_500_000, "壹仟万伍仟元整"), (100_000_000_001, "壹拾亿元零壹分"),
            (909_090_909, "玖佰零玖万零玖佰零玖元零玖分"), (9_007_199_254_740_991, "玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分"),
        ]
        for (fen, capitals) in vectors {
            #expect(ChineseAmount.capitals(fen: fen) == capitals, "\(fen) fen")
        }
    }
}
