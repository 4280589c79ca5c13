/// Yuan in Chinese capital numerals (大写), as receipts and cheques write
/// them so that no figure can be altered: ¥15,000.00 → 壹万伍仟元整,
/// ¥1,234.56 → 壹仟贰佰叁拾肆元伍角陆分, ¥100,010.00 → 壹拾万零壹拾元整.
/// Groups of four digits take 万 and 亿; a run of zeros inside the
/// number is one 零; no jiao and no fen ends in 整, and so does a jiao
/// with no fen.
public enum ChineseAmount {
    private static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    private static let places = ["", "拾", "佰", "仟"]

    /// `fen` (at least 0, below 10^16 yuan) in capitals.
    public static func capitals(fen: Int64) -> String {
        precondition(fen >= 0, "capitals of a negative amount")
        let yuan = fen / 100, jiao = Int(fen / 10 % 10), cents = Int(fen % 10)
        var out = yuan > 0 ? whole(yuan) + "元" : ""
        if jiao == 0 && cents == 0 { return (out.isEmpty ? "零元" : out) + "整" }
        if jiao > 0 {
            out += String(digits[jiao]) + "角"
        } else if yuan > 0 {
            out += "零"
        }
        out += cents > 0 ? String(digits[cents]) + "分" : "整"
        return out
    }

    /// A positive whole number of yuan in capitals, without 元: 亿 over
    /// what is above 10^8 (itself written with 万, so 90,0719,0000,0000 is
    /// 玖拾万零柒佰壹拾玖亿), then 万 over the next four digits; a 零
    /// where the part after a unit does not fill its places.
    private static func whole(_ value: Int64) -> String {
        if value >= 100_000_000 {
            let low = value % 100_000_000
            return whole(value / 100_000_000) + "亿" + (low == 0 ? "" : (low < 10_000_000 ? "零" : "") + whole(low))
        }
        if value >= 10_000 {
            let low = Int(value % 10_000)
            return section(Int(value / 10_000)) + "万" + (low == 0 ? "" : (low < 1_000 ? "零" : "") + section(low))
        }
        return section(Int(value))
    }

    /// 1 to 9,999 with 仟, 佰 and 拾; inner zeros as one 零, none at the end.
    private static func section(_ value: Int) -> String {
        var out = ""
        var zeroPending = false
        for place in stride(from: 3, through: 0, by: -1) {
            var power = 1
            for _ in 0..<place { power *= 10 }
            let digit = value / power % 10
            if digit == 0 {
                zeroPending = !out.isEmpty
            } else {
                if zeroPending { out += "零" }
                out += String(digits[digit]) + places[place]
                zeroPending = false
            }
        }
        return out
    }
}
