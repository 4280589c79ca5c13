import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundSQLite
import MicroFundStore
import MicroFundTestSupport
import Testing

/// SplitMix64: a seeded generator, so a failing case can be replayed.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Values an adversary puts where a token was.
private let hostileTokens: [String] = [
    "null", "true", "-0", "1.0", "1e400", "-9007199254740992", "9007199254740992", String(repeating: "9", count: 300),
    #""""#, #""\u0000""#, #""\ud800""#, "\"\u{1}\"", #""x\naccepted 1 forged""#, "\"\u{2028}\"", "[]", "{}",
    String(repeating: "[", count: 40) + String(repeating: "]", count: 40), #"{"a":1,"a":2}"#, #""fund:pool:CNY""#,
]

private func mutate(_ input: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
    var bytes = input
    let operations = Int.random(in: 1...3, using: &random)
    for _ in 0..<operations where !bytes.isEmpty {
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
        case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
        case 3: bytes = Array(bytes.prefix(at))
        case 4:
            // Replace the token after a ':' with a hostile value.
            if let colon = bytes[at...].firstIndex(of: UInt8(ascii: ":")) {
                let end = bytes[(colon + 1)...].firstIndex { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "}") } ?? bytes.count
                bytes.replaceSubrange((colon + 1)..<end, with: Array(hostileTokens.randomElement(using: &random)!.utf8))
            }
        case 5: bytes.insert(contentsOf: Array(" \n\t".utf8).shuffled(using: &random).prefix(1), at: at)
        default:
            let end = min(bytes.count, at + Int.random(in: 1...32, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: end)
        }
    }
    return bytes
}

@Suite("Fuzzed envelopes against the write path")
struct FuzzTests {
    @Test("2,400 mutated envelopes, governance kinds among them: no crash, a stable code for each refusal, nothing changed but what was accepted, and the journal verifies", arguments: [UInt64(7), 2026])
    func mutatedEnvelopes(seed: UInt64) async throws {
        let test = try await TestLedger()
        defer { test.remove() }
        let s = test.scenario
        let seeds: [[UInt8]] = [
            try EnvelopeDraft.recordDonation(ledger: Scenario.origin, id: "d1", author: "street-office", timestamp: Scenario.time(1), donor: "zone-studio", amount: 500, to: .pool(.cny)).signed(by: [s.manager, s.enterprise]),
            try EnvelopeDraft.makePledge(ledger: Scenario.origin, id: "p1", author: "zone-studio", timestamp: Scenario.time(1), need: s.need, asset: .labour, amount: 90, deadline: Scenario.time(500)).signed(by: [s.enterprise]),
            try EnvelopeDraft.registerParty(ledger: Scenario.origin, id: "r1", author: "committee", timestamp: Scenario.time(1), party: PartyDraft(id: "new-party", kind: .resident, name: "新居民 New resident", publicKey: Scenario.key(60).publicKey, roles: [])).signed(by: [s.admin]),
            try EnvelopeDraft.refundDonation(ledger: Scenario.origin, id: "f1", author: "street-office", timestamp: Scenario.time(2), donor: "zone-studio", amount: 100, from: .pool(.cny)).signed(by: [s.manager]),
            try EnvelopeDraft.proposeMotion(ledger: Scenario.origin, id: "m1", author: "hub", timestamp: Scenario.time(2), action: .disburse(need: s.need, payee: "resident-wang", amount: 100, from: .pool(.cny))).signed(by: [s.coordinator]),
            try EnvelopeDraft.motionVote(.motionApprove, ledger: Scenario.origin, id: "v1", author: "hub", timestamp: Scenario.time(2), motion: "m1").signed(by: [s.coordinator]),
            try EnvelopeDraft.voice(ledger: Scenario.origin, id: "voice", author: "resident-wang", timestamp: Scenario.time(2), need: s.need, supports: false, reason: "太吵 too loud").signed(by: [s.resident]),
            try EnvelopeDraft.updateParty(ledger: Scenario.origin, id: "u1", author: "committee", timestamp: Scenario.time(2), party: "hub", roles: [.coordinator, .committeeMember]).signed(by: [s.admin]),
            try EnvelopeDraft.tick(ledger: Scenario.origin, id: "t1", author: "hub", timestamp: Scenario.time(2)).signed(by: [s.coordinator]),
        ]
        var random = SeededGenerator(state: seed)
        var expectedLength = try test.store.loadState().sequence
        for _ in 0..<24 {
            let batch = (0..<100).map { _ in mutate(seeds.randomElement(using: &random)!, &random) }
            let outcomes = await test.ledger.submit(batch)
            #expect(outcomes.count == batch.count)
            for (input, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .accepted:
                    expectedLength += 1
                case .duplicate(let sequence, _):
                    #expect(sequence <= expectedLength)
                case .rejected(_, let error):
                    #expect(!error.description.contains("\n"), "\(error.description)")
                    #expect(LedgerError.Code(rawValue: error.code.rawValue) != nil)
                    #expect(error.code != .storeFailure && error.code != .ledgerCorrupt, "\(String(decoding: input, as: UTF8.self)): \(error)")
                }
            }
            #expect(try test.store.loadState().sequence == expectedLength)
        }
        // The originals still behave: each is accepted, a duplicate, or
        // refused by a rule of the ledger (never by the store).
        for original in seeds {
            let code = await test.ledger.submit(original).error?.code
            #expect(code != .storeFailure && code != .ledgerCorrupt)
        }
        let report = try LedgerVerifier.verify(test.store)
        #expect(report.isValid, "\(report.failure?.description ?? "")")
        #expect(try test.store.loadState().accounts == test.ledger.snapshot.accounts)
    }

    @Test("20,000 random byte strings: the parser and decoder refuse them with a code and never crash")
    func randomBytes() {
        var random = SeededGenerator(state: 99)
        let alphabet = Array(#"{}[]:,"\ -+.eE0123456789aflnrstu"#.utf8) + [0x00, 0x0a, 0x80, 0xc3, 0xa9, 0xed, 0xa0, 0xff]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            do {
                _ = try Envelope.decode(bytes)
                Issue.record("random bytes decoded as an envelope: \(bytes)")
            } catch {
                #expect(!error.description.contains("\n"))
            }
        }
    }
}
