/// Plain-text tables for a terminal: columns padded to their widest cell,
/// counting East Asian wide characters (辽源花园) as two columns, as a
/// terminal draws them.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public let header: [String]
    public let alignments: [Alignment]
    public var rows: [[String]] = []

    public init(_ header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? [.left] + Array(repeating: .right, count: max(header.count - 1, 0))
    }

    public var rendered: String {
        let lines = [header] + rows
        let widths = header.indices.map { column in lines.map { TextTable.width($0[column]) }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - TextTable.width(cell))
                return alignments[column] == .left ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// Terminal columns `text` takes.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: sum  // combining marks, zero-width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: sum + 2
            default: sum + 1
            }
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
