import Foundation
import Testing

/// Small promises the documents make, each once broken.
@Suite struct HousekeepingTests {
    /// A kill -9 during init leaves a staging directory holding a ledger
    /// and its keys; the next init removes it (its creator is gone) and
    /// keeps one whose creator is alive. Catches an init that never cleans.
    @Test func initRemovesAbandonedStaging() throws {
        let scratch = try Scratch()
        // A process id that is certainly not running: a child that exited.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = scratch.file(".ledger.init-\(child.processIdentifier)-deadbeef")
        let alive = scratch.file(".ledger.init-\(getpid())-cafebabe")
        for path in [dead, alive] {
            try FileManager.default.createDirectory(atPath: path + "/keys", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path + "/keys/admin.pem", contents: Data("secret".utf8))
        }
        #expect(try microfund("init", "--data", scratch.file("ledger"), "--origin", "fund.example.org/clean").status == 0)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: alive))
    }

    /// A fixture that does not decode is invalid_fixture with a plain
    /// reason, not io_error with Swift's DecodingError dump.
    @Test func badFixtureIsInvalidFixture() throws {
        let scratch = try Scratch()
        for (name, text, reason) in [("shape", #"{"origin": 5}"#, "wrong type at origin"), ("json", "nope", "not valid JSON")] {
            let file = scratch.file("\(name).json")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let run = try microfund("demo", "--fixture", file, "--data", scratch.file("demo-\(name)"))
            #expect(run.status == 1)
            #expect(run.stderr.hasPrefix("error[invalid_fixture]:") && run.stderr.contains(reason), "\(run.stderr)")
            #expect(!run.stderr.contains("DecodingError"))
        }
    }

    /// docs/protocol.md §9.1: usage errors exit 2 or more; a refused time is
    /// invalid_time with exit 1 (it was error[usage] with exit 1).
    @Test func exitCodes() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        #expect(try microfund("init", "--data", data).status == 0)
        let usage = try microfund("report", "balance", "--data", data, "--lang", "fr")
        #expect(usage.status >= 2 && usage.stderr.hasPrefix("error[usage]:"), "\(usage)")
        for date in ["x", "2026-02-30"] {
            let bad = try microfund("report", "balance", "--data", data, "--date", date)
            #expect(bad.status == 1 && bad.stderr.hasPrefix("error[invalid_time]:"), "\(bad)")
        }
    }
}
