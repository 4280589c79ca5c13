import ArgumentParser

/// `microfund bench …`: performance measured against OpenSSL in the same
/// run (release builds only; never a unit test).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks, each beside the matching `openssl speed` figure from the same run.",
        subcommands: [BenchIngest.self, BenchSign.self, BenchVerify.self, BenchProof.self, BenchMatch.self, BenchMatchEngine.self, BenchReport.self]
    )
}
