import Foundation

/// Writes to standard error: diagnostics never mix with data on stdout.
enum StandardError {
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
