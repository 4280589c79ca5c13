public import MicroFundLedger
import MicroFundCrypto

/// A receipt a fund manager hands to a donor (捐赠收据): who gave how much
/// to which fund, in figures and in Chinese capitals, when (local time),
/// with the memo and reference, and how the donor checks — without
/// trusting the operator — that the entry is in the signed journal.
public struct DonationReceipt: Sendable, Equatable {
    /// The ledger's origin, which names the fund.
    public var fund: String
    public var sequence: UInt64
    public var envelopeID: String
    public var donor: String
    public var recordedBy: String
    public var fen: Int64
    /// The need the gift is earmarked for, as people read it; nil for the pool.
    public var destination: String?
    public var time: Timestamp
    public var note: EntryNote
    /// The tree the receipt was made at: its size and root, which a signed
    /// checkpoint of that size must carry.
    public var treeSize: UInt64
    public var root: [UInt8]
    /// The commands that check the entry's inclusion proof against the
    /// operator's checkpoint, given to the donor to run.
    public var checkCommand: String
    /// The correction that voided the donation, if it was reversed: the
    /// receipt then says so in its title and its first lines.
    public var reversal: Reversal?

    public init(fund: String, sequence: UInt64, envelopeID: String, donor: String, recordedBy: String, fen: Int64, destination: String?,
                time: Timestamp, note: EntryNote, treeSize: UInt64, root: [UInt8], checkCommand: String, reversal: Reversal? = nil) {
        self.reversal = reversal
        self.fund = fund
        self.sequence = sequence
        self.envelopeID = envelopeID
        self.donor = donor
        self.recordedBy = recordedBy
        self.fen = fen
        self.destination = destination
        self.time = time
        self.note = note
        self.treeSize = treeSize
        self.root = root
        self.checkCommand = checkCommand
    }

    /// The receipt's lines, label and value, in the reader's language.
    public func lines(_ language: Language, clock: LocalClock) -> [(label: String, value: String)] {
        let zh = language == .zh
        var lines: [(String, String)] = reversal.map { reversal in
            [(zh ? "状态" : "Status", zh ? "已冲正作废：第 \(reversal.sequence) 条（原因：\(reversal.reason)）" : "void: reversed by entry \(reversal.sequence) (reason: \(reversal.reason))")]
        } ?? []
        lines += [
            (zh ? "基金" : "Fund", fund),
            (zh ? "捐赠人" : "Donor", donor),
            (zh ? "金额" : "Amount", Asset.cny.format(fen)),
            (zh ? "金额大写" : "In capitals", "人民币" + ChineseAmount.capitals(fen: fen)),
            (zh ? "用途" : "For", destination ?? (zh ? "基金池（不限用途）" : "the fund's general pool")),
            (zh ? "日期" : "Date", clock.format(time)),
        ]
        if let memo = note.memo { lines.append((zh ? "备注" : "Memo", memo)) }
        if let reference = note.reference { lines.append((zh ? "收据或转账号" : "Reference", reference)) }
        lines += [
            (zh ? "记账人" : "Recorded by", recordedBy),
            (zh ? "分录" : "Entry", "#\(sequence) (\(envelopeID))"),
            (zh ? "检查点" : "Checkpoint", "\(treeSize) · \(ByteEncoding.base64(root))"),
        ]
        return lines
    }

    /// 捐赠收据, and (已作废) when the donation was reversed.
    private func title(_ language: Language) -> String {
        let void = reversal == nil ? "" : language == .zh ? "（已作废）" : " (void)"
        return (language == .zh ? "捐赠收据" : "Donation receipt") + void
    }

    /// The receipt for a terminal or a text message.
    public func text(_ language: Language, clock: LocalClock) -> String {
        let rows = lines(language, clock: clock)
        let width = rows.map { TextTable.width($0.label) }.max() ?? 0
        var out = title(language) + "\n\n"
        for (label, value) in rows {
            out += label + String(repeating: " ", count: width - TextTable.width(label)) + "  " + value + "\n"
        }
        out += "\n" + (language == .zh ? "核对本条分录在签名账本中：" : "Check this entry is in the signed journal:") + "\n" + checkCommand + "\n"
        return out
    }

    /// The receipt as one self-contained page: A5 when printed, one column
    /// on a phone, no scripts, fonts or images from anywhere.
    public func html(_ language: Language, clock: LocalClock) -> String {
        let title = title(language)
        let rows = lines(language, clock: clock).map { "<tr><th>\(HTMLRenderer.escape($0.label))</th><td>\(HTMLRenderer.escape($0.value))</td></tr>" }.joined(separator: "\n")
        let check = language == .zh ? "核对本条分录在签名账本中" : "Check this entry is in the signed journal"
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) #\(sequence) — \(HTMLRenderer.escape(fund))</title>
            <style>
            @page { size: A5; margin: 12mm; }
            body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1em auto; max-width: 34em; padding: 0 1em; color: #222; overflow-wrap: anywhere; }
            h1 { font-size: 1.4em; text-align: center; letter-spacing: 0.2em; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.4em 0.5em; text-align: left; vertical-align: top; }
            th { white-space: nowrap; color: #555; font-weight: normal; width: 7em; }
            details { margin-top: 1.5em; font-size: 0.9em; } code { display: block; white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: 0.5em; }
            @media print { details { display: block; } summary { display: none; } }
            </style>
            </head>
            <body>
            <h1>\(title)</h1>
            <table>
            \(rows)
            </table>
            <details><summary>\(check)</summary><code>\(HTMLRenderer.escape(checkCommand))</code></details>
            </body>
            </html>

            """
    }
}
