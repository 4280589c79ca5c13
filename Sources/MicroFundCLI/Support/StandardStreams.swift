import Foundation

/// Writes to standard error: diagnostics never mix with data on stdout.
enum StandardError {
    /// A progress line that the next one overwrites (carriage return and
    /// erase to the end of the line); nil clears it.
    static func writeProgress(_ line: String?) {
        Stream.write(FileHandle.standardError, "\r\u{1B}[K" + (line ?? ""))
    }

    static func write(_ line: String) {
        Stream.write(FileHandle.standardError, line.hasSuffix("\n") ? line : line + "\n")
    }
}

/// Writes to standard output, unbuffered: a line is out before the next
/// transaction starts, so an acknowledged line means a committed one.
enum StandardOutput {
    static func write(_ line: String) {
        Stream.write(FileHandle.standardOutput, line.hasSuffix("\n") ? line : line + "\n")
    }
}

enum Stream {
    /// Writes `text`; a reader that went away (`microfund … | head`) ends
    /// the process as SIGPIPE would, quietly. SwiftNIO, which the HTTP
    /// client brings in, ignores SIGPIPE, so the failed write says so.
    static func write(_ handle: FileHandle, _ text: String) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
            exit(141)
        }
    }
}
