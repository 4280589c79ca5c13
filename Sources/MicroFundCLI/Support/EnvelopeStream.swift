import Foundation
import MicroFundLedger

/// Envelopes read from a file or standard input as a stream: memory is
/// bounded by what one batch holds, never by the input's size.
///
/// The input is one envelope (a single JSON value, pretty-printed or not,
/// within the envelope size limit) or JSON lines, one envelope per line.
/// Blank lines are skipped but counted, so every envelope keeps the line
/// number it has in the file. Lines are split on line feeds only.
struct EnvelopeStream {
    /// Bytes read from the input at a time.
    static let chunkByteCount = 1 << 16

    /// One envelope and where it came from.
    struct Item {
        let line: Int
        let bytes: [UInt8]
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var lineNumber = 0
    private var single: [UInt8]?

    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure(.fileUnreadable, "cannot read \(path)")
            }
            handle = opened
        }
        // A whole input within the envelope limit that is one JSON value is
        // one envelope, whatever its line breaks.
        while !finished, buffer.count <= Envelope.byteCountMax { try fill() }
        if finished, buffer.contains(where: { !Self.isBlank($0) }), (try? JSONParser.parse(buffer)) != nil {
            single = buffer
            buffer = []
        }
    }

    /// The next envelope, or nil at the end of the input.
    mutating func next() throws -> Item? {
        if let single {
            self.single = nil
            return Item(line: 1, bytes: single)
        }
        while true {
            guard let line = try nextLine() else { return nil }
            if line.bytes.contains(where: { !Self.isBlank($0) }) { return Item(line: line.number, bytes: line.bytes) }
        }
    }

    /// The next line, cut to one byte past the envelope limit: a longer
    /// line is refused as too large without being held whole.
    private mutating func nextLine() throws -> (number: Int, bytes: [UInt8])? {
        var line: [UInt8] = []
        while true {
            if position == buffer.count {
                if finished {
                    guard !line.isEmpty else { return nil }
                    lineNumber += 1
                    return (lineNumber, line)
                }
                try fill()
                continue
            }
            let end = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) ?? buffer.count
            let room = Envelope.byteCountMax + 1 - line.count
            if room > 0 { line += buffer[position..<min(end, position + room)] }
            position = end
            if end < buffer.count {
                position += 1
                lineNumber += 1
                return (lineNumber, line)
            }
        }
    }

    private mutating func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let data = try handle.read(upToCount: Self.chunkByteCount) ?? Data()
        if data.isEmpty { finished = true } else { buffer += data }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }
}
