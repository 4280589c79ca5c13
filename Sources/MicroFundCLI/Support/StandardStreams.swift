import Foundation

/// Writes to standard error: diagnostics never mix with data on stdout.
enum StandardError {
    /// A progress line that the next one overwrites (carriage return and
    /// erase to the end of the line); nil clears it.
    static func writeProgress(_ line: String?) {
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (line ?? "")).utf8))
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }
}

/// Writes to standard output, unbuffered: a line is out before the next
/// transaction starts, so an acknowledged line means a committed one.
enum StandardOutput {
    static func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }
}
