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

    /// Without --data the demo removes its temporary ledger. Catches a demo
    /// that leaves a microfund-demo-* directory in the temporary folder.
    @Test func demoLeavesNothingBehind() throws {
        let temporary = FileManager.default.temporaryDirectory.path
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("microfund-demo-") })
        let run = try microfund("demo")
        #expect(run.status == 0, "\(run.stderr)")
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("microfund-demo-") })
        #expect(after.subtracting(before).isEmpty)
        #expect(run.stdout.contains("temporary and is gone"))
    }

    @Test func reportHelpNamesTheReport() throws {
        let help = try microfund("report", "statement", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: microfund report statement "), "\(help.stdout)")
        #expect(!help.stdout.contains("report make"))
    }

    /// The README's paths relative to the repository work from anywhere.
    @Test func repositoryPathsFromAnyDirectory() throws {
        let scratch = try Scratch()
        let result = try run(microfundBinary, ["match", "--input", "Fixtures/matching/i100x1k.json", "--json"], directory: scratch.url)
        #expect(result.status == 0 && result.stdout.hasPrefix(#"{"schema":"match-result/1""#), "\(result.stderr)")
    }

    /// A short confirmation keeps its remainder in view (catches the old
    /// table, where it showed only as "0 h pledged"); match names the open
    /// needs it cannot see for want of a profile.
    @Test func listingsSayWhatIsLeft() throws {
        let scratch = try Scratch()
        let data = scratch.file("ledger")
        let admin = data + "/keys/admin.pem"
        #expect(try microfund("init", "--data", data).status == 0)
        for (party, role) in [("hub", "coordinator"), ("studio", ""), ("li", "committee_member"), ("chen", "committee_member")] {
            #expect(try microfund("keygen", "--out", scratch.file("\(party).pem")).status == 0)
            var arguments = ["party", "register", "--data", data, "--key", admin, "--party", party, "--kind", "enterprise", "--name", party.capitalized, "--public-key", scratch.file("\(party).pem.pub")]
            if !role.isEmpty { arguments += ["--role", role] }
            #expect(try microfund(arguments).status == 0)
        }
        #expect(try microfund("need", "create", "--data", data, "--key", scratch.file("hub.pem"), "--need", "wall", "--title", "Wall", "--coordinator", "hub", "--require", "LABOUR=10").status == 0)
        #expect(try microfund("pledge", "make", "--data", data, "--key", scratch.file("studio.pem"), "--need", "wall", "--asset", "LABOUR", "--amount", "6", "--envelope-id", "p").status == 0)
        #expect(try microfund("pledge", "confirm", "--data", data, "--key", scratch.file("hub.pem"), "--pledge", "p", "--amount", "5.5").status == 0)
        let shown = try microfund("need", "show", "--data", data, "--need", "wall").stdout
        #expect(shown.contains("not delivered") && shown.contains("0.5 h"), "\(shown)")
        #expect(try microfund("motion", "propose", "--data", data, "--key", scratch.file("hub.pem"), "--type", "need.advance", "--need", "wall", "--stage", "approved", "--envelope-id", "ok").status == 0)
        for member in ["li", "chen"] { #expect(try microfund("motion", "approve", "--data", data, "--key", scratch.file("\(member).pem"), "--motion", "ok").status == 0) }
        let match = try microfund("match", "--data", data).stdout
        #expect(match.contains("without a profile") && match.contains("Wall (wall)"), "\(match)")
    }
}
