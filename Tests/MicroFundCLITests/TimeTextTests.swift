import Foundation
import MicroFundLedger
import Testing
import MicroFundService

/// Times typed on the command line, read in the ledger's zone.
@Suite struct TimeTextTests {
    private let shanghai = LocalClock.named("Asia/Shanghai")

    private func code(_ text: String) -> String? {
        do {
            _ = try TimeText.parse(text, clock: shanghai, what: "--time", language: .en)
            return nil
        } catch {
            return error.code
        }
    }

    /// Catches a parser that takes only `…Z` (the old one), that ignores
    /// the offset's sign, or that reads a plain date as a UTC day.
    @Test func offsetsAndLocalDays() throws {
        let cases: [(String, Bool, String)] = [
            ("2026-12-10T09:00:00+08:00", false, "2026-12-10T01:00:00Z"),
            ("2026-12-10T09:00:00-03:30", false, "2026-12-10T12:30:00Z"),
            ("2026-12-10T01:00:00Z", false, "2026-12-10T01:00:00Z"),
            ("2026-12-10T01:00:00.250+00:00", false, "2026-12-10T01:00:00.250Z"),
            ("2026-12-10", false, "2026-12-09T16:00:00Z"),
            ("2026-12-10", true, "2026-12-10T15:59:59Z"),
        ]
        for (text, end, utc) in cases {
            let time = try TimeText.parse(text, clock: shanghai, endOfDay: end, what: "--time", language: .en)
            #expect(time == Timestamp(utc)!, "\(text) → \(time.text), expected \(utc)")
        }
        // UTC's days are UTC days.
        #expect(try TimeText.parse("2026-12-10", clock: .utc, what: "--from", language: .en) == Timestamp("2026-12-10T00:00:00Z")!)
    }

    /// A zone with summer time: a plain date starts at the local midnight
    /// whatever the offset that day. Catches a clock that applies one
    /// fixed offset all year.
    @Test func localDaysFollowSummerTime() throws {
        let newYork = LocalClock.named("America/New_York")
        #expect(try TimeText.parse("2026-01-15", clock: newYork, what: "--from", language: .en) == Timestamp("2026-01-15T05:00:00Z")!)
        #expect(try TimeText.parse("2026-07-15", clock: newYork, what: "--from", language: .en) == Timestamp("2026-07-15T04:00:00Z")!)
        #expect(newYork.format(Timestamp("2026-07-15T04:00:00Z")!) == "2026-07-15T00:00:00-04:00")
    }

    /// Catches a parser that accepts impossible days, offsets beyond a
    /// day, or a time with no offset (which would be read as UTC silently).
    @Test func malformedTimesAreRefused() {
        for text in ["2026-02-30", "2026-02-30T00:00:00Z", "2026-12-10T09:00:00+99:00", "2026-12-10T09:00:00+08:60",
                     "2026-12-10T09:00:00", "2026-12-10 09:00", "10/12/2026", "tomorrow", "", "2026-12-10T09:00:00+0800",
                     "2026-12-10T25:00:00+08:00", "1969-12-31T23:00:00Z"] {
            #expect(code(text) == "invalid_time", "\(text)")
        }
    }

    /// The refusal shows an example of each accepted form.
    @Test func refusalShowsEveryForm() throws {
        do {
            _ = try TimeText.parse("x", clock: shanghai, what: "--deadline", language: .en)
            Issue.record("x was accepted")
        } catch {
            let failure = error
            #expect(failure.message.contains("2026-12-10T09:00:00+08:00"))
            #expect(failure.message.contains("2026-12-10T01:00:00Z"))
            #expect(failure.message.contains("2026-12-10 (a day in Asia/Shanghai)"))
        }
    }

    /// Every time the clock prints reads back to the same instant.
    @Test func formattedTimesParseBack() throws {
        var generator = SystemRandomNumberGenerator()
        for clock in [shanghai, LocalClock.named("America/New_York"), LocalClock.named("Asia/Kolkata"), .utc] {
            for _ in 0..<500 {
                let time = Timestamp.fromEpoch(seconds: Int64.random(in: 0...4_000_000_000, using: &generator))
                #expect(try TimeText.parse(clock.format(time), clock: clock, what: "--time", language: .en) == time)
            }
        }
    }

    /// A ledger made with `--time-zone UTC` keeps it (policy show names
    /// it) and reads dates as UTC days; the default ledger is in
    /// Asia/Shanghai and prints +08:00. Catches a zone that is parsed but
    /// never stored, or stored and never used.
    @Test func ledgerTimeZoneIsStoredAndUsed() throws {
        let scratch = try Scratch()
        let utc = scratch.file("utc"), shanghai = scratch.file("sh")
        #expect(try microfund("init", "--data", utc, "--origin", "fund.example.org/utc", "--time-zone", "UTC").status == 0)
        #expect(try microfund("init", "--data", shanghai, "--origin", "fund.example.org/sh").status == 0)
        #expect(try microfund("policy", "show", "--data", utc).stdout.contains("time zone is UTC"))
        #expect(try microfund("policy", "show", "--data", shanghai).stdout.contains("time zone is Asia/Shanghai"))
        #expect(try microfund("policy", "show", "--data", utc, "--json").stdout.contains(#""timeZone":"UTC""#))
        let report = try microfund("report", "balance", "--data", shanghai)
        #expect(report.stdout.contains("+08:00"), "\(report.stdout)")
        #expect(try microfund("report", "balance", "--data", utc).stdout.contains("Z\n"))

        let unknown = try microfund("init", "--data", scratch.file("bad"), "--origin", "fund.example.org/bad", "--time-zone", "Mars/Olympus")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("time zone"))
        #expect(!FileManager.default.fileExists(atPath: scratch.file("bad") + "/ledger.sqlite"))
    }
}
