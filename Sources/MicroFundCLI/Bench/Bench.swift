import ArgumentParser

/// `microfund bench …`: performance measured against OpenSSL in the same
/// run (release builds only; never a unit test).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: Words.say("Benchmarks, each beside the matching `openssl speed` figure from the same run.", "基准测试，每项都与同一次运行中的 `openssl speed` 数据对照。"),
        subcommands: [BenchIngest.self, BenchSign.self, BenchVerify.self, BenchProof.self, BenchMatch.self, BenchMatchEngine.self, BenchReport.self, BenchServe.self]
    )
}
