#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading members straight out of bytes already known to be canonical.
///
/// A stored journal entry is checked to be RFC 8785 canonical as it is
/// parsed (`JSONParser.parse(_:canonical:)`); its envelope's canonical bytes
/// and signed bytes are then slices of it, with no second encoding pass.
extension CanonicalJSON {
    /// A canonical object's bytes without member `name` (and the comma that
    /// separated it), which are the canonical bytes of the object without
    /// that member, after `prefix`. The object unchanged when it has no such
    /// member.
    public static func removingMember(_ name: String, fromCanonical object: ArraySlice<UInt8>, prefixedBy prefix: [UInt8] = []) -> [UInt8] {
        let members = memberRanges(of: object)
        guard let position = members.firstIndex(where: { isWritten(name, as: object[$0.name]) }) else { return prefix + object }
        // A member runs from the quote before its name to the end of its value.
        let start = members[position].name.lowerBound - 1
        let cut = position > 0
            ? (start - 1)..<members[position].value.upperBound
            : start..<(members.count > 1 ? members[position].value.upperBound + 1 : members[position].value.upperBound)
        var out: [UInt8] = []
        out.reserveCapacity(prefix.count + object.count - cut.count)
        out.append(contentsOf: prefix)
        out.append(contentsOf: object[object.startIndex..<cut.lowerBound])
        out.append(contentsOf: object[cut.upperBound..<object.endIndex])
        return out
    }

    /// A name as canonical JSON writes it between its quotes: the name
    /// itself unless it holds a character that is escaped.
    private static func writtenName(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + 2)
        writeString(name, into: &out)
        return Array(out.dropFirst().dropLast())
    }

    private static func isWritten(_ name: String, as written: ArraySlice<UInt8>) -> Bool {
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c }) {
            return written.elementsEqual(writtenName(name))
        }
        return written.elementsEqual(name.utf8)
    }

    /// The top-level members of a canonical object: each name's bytes
    /// (between its quotes, as written) and its value's bytes. The scan
    /// trusts the structure a canonical parse has already checked; on other
    /// input it stays within bounds but its answer means nothing.
    static func memberRanges(of object: ArraySlice<UInt8>) -> [(name: Range<Int>, value: Range<Int>)] {
        object.withUnsafeBufferPointer { buffer in
            let offset = object.startIndex
            var members: [(name: Range<Int>, value: Range<Int>)] = []
            members.reserveCapacity(8)
            let end = buffer.count - 1
            var index = 1
            while index < end, buffer[index] == UInt8(ascii: "\"") {
                let nameEnd = skipString(buffer, from: index)
                let valueStart = nameEnd + 1
                let valueEnd = skipValue(buffer, from: valueStart)
                members.append(((index + 1 + offset)..<(nameEnd - 1 + offset), (valueStart + offset)..<(min(valueEnd, end) + offset)))
                index = valueEnd + 1
            }
            return members
        }
    }

    /// The index after the string whose opening quote is at `start`.
    private static func skipString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            // The next quote, found a word at a time; it closes the string
            // unless an odd number of backslashes escapes it.
            guard let found = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: "\"")), bytes.count - index) else { break }
            let quote = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return bytes.count
    }

    /// The index after the value that starts at `start`.
    private static func skipValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = skipString(bytes, from: index)
                if depth == 0 { return index }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index }
                depth -= 1
                if depth == 0 { return index + 1 }
            case UInt8(ascii: ","):
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return bytes.count
    }
}
