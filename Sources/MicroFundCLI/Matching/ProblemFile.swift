import Foundation
import MicroFundMatching

/// Reads a `match-instance/1` file, refusing one over the decoder's limit
/// before reading it.
enum ProblemFile {
    static func read(_ given: String) throws -> [UInt8] {
        let path = RepositoryFiles.resolve(given)
        if path != "-", let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
           size > ProblemDecoder.byteLimit {
            throw CommandFailure(MatchError.Code.tooLarge.rawValue, "\(path) has \(size) bytes; the limit is \(ProblemDecoder.byteLimit)")
        }
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data else { throw CommandFailure(.fileUnreadable, "cannot read \(path)") }
        return [UInt8](data)
    }

    static func decode(_ path: String) throws -> MatchProblem {
        do {
            let problem = try ProblemDecoder.decode(read(path))
            releaseFreedMemory()
            return problem
        } catch let error as MatchError {
            throw CommandFailure(error.code.rawValue, error.message)
        }
    }

    /// Hands the decoder's freed JSON tree (several times the file's size)
    /// back to the system, so solving does not stack on top of it.
    static func releaseFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
