import ArgumentParser
import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundStore

/// `microfund bench sign`: Ed25519 signing through the wrapper, one core.
struct BenchSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: Words.say("Measure Ed25519 signing (raw, and whole envelopes) and verifying on one core against openssl speed.", "单核测量 Ed25519 签名（原始与整封信封）和验签速度，对比 openssl speed。")
    )

    @Option(help: ArgumentHelp("Signatures to make.", valueName: "n"))
    var count = 50_000

    @Option(name: .customLong("openssl-seconds"), help: ArgumentHelp("Seconds for the openssl speed anchor.", valueName: "s"))
    var opensslSeconds = 3

    func run() throws {
        let anchor = try OpenSSLSpeed.measure(seconds: opensslSeconds)
        let key = try Ed25519PrivateKey()
        let message = [UInt8](repeating: 0x5a, count: 64)
        let (_, rawElapsed) = try Stopwatch.seconds {
            for _ in 0..<count { _ = try key.signature(for: message) }
        }
        let time = Timestamp("2026-05-01T08:00:00Z")!
        let (_, envelopeElapsed) = try Stopwatch.seconds {
            for index in 0..<count {
                _ = try EnvelopeDraft.recordDonation(ledger: "bench.microfund.example/sign", id: "d-\(index)", author: "manager", timestamp: time, donor: "donor", amount: 100, to: .pool(.cny)).signed(by: [key])
            }
        }
        let signature = try key.signature(for: message)
        let (valid, verifyElapsed) = Stopwatch.seconds {
            (0..<count).allSatisfy { _ in key.publicKey.isValidSignature(signature, for: message) }
        }
        // The same checks spread over all cores the way `verify` spreads
        // them: the ceiling of a parallel verify in one process.
        let publicKey = key.publicKey
        let (parallelValid, parallelElapsed) = Stopwatch.seconds {
            Preverifier.map(count) { _ in publicKey.isValidSignature(signature, for: message) }.allSatisfy { $0 }
        }
        guard valid, parallelValid else { throw CommandFailure(.benchFailed, "a signature did not verify") }
        let parallel = Double(count) / parallelElapsed
        let verify = Double(count) / verifyElapsed
        let raw = Double(count) / rawElapsed
        let envelopes = Double(count) / envelopeElapsed
        StandardOutput.write("""
            | wrapper sign, 64-byte message, 1 core | \(raw.rate) sign/s |
            | build + canonicalize + sign a donation envelope, 1 core | \(envelopes.rate) envelopes/s |
            | openssl speed ed25519 sign, 1 core (`\(anchor.command)`) | \(anchor.signsPerSecond.rate) sign/s |
            | ratio wrapper sign / openssl sign | \((raw / anchor.signsPerSecond).ratio)× |
            | ratio envelope sign / openssl sign | \((envelopes / anchor.signsPerSecond).ratio)× |
            | wrapper verify, 64-byte message, 1 core | \(verify.rate) verify/s |
            | openssl speed ed25519 verify, 1 core | \(anchor.verifiesPerSecond.rate) verify/s |
            | ratio wrapper verify / openssl verify | \((verify / anchor.verifiesPerSecond).ratio)× |
            | wrapper verify, 64-byte message, \(ProcessInfo.processInfo.activeProcessorCount) cores | \(parallel.rate) verify/s |
            | ratio wrapper verify on all cores / openssl verify | \((parallel / anchor.verifiesPerSecond).ratio)× |
            """)
    }
}
