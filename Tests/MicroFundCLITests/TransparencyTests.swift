import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let fixture = repositoryRoot.appendingPathComponent("Fixtures/demo/shanghai-micro-renewal.json").path
private let referenceVerifier = repositoryRoot.appendingPathComponent("Fixtures/reference/verify.py").path

/// A demo ledger with a saved checkpoint, the operator's vkey and an export.
private struct Published {
    let scratch: Scratch
    let data: String
    let vkey: String

    init(fixturePath: String = fixture) throws {
        scratch = try Scratch()
        data = scratch.file("ledger")
        let demo = try microfund("demo", "--data", data, "--fixture", fixturePath)
        #expect(demo.status == 0, "\(demo.stderr)")
        vkey = try microfund("checkpoint", "--data", data, "--vkey").stdout.trimmingCharacters(in: .newlines)
    }

    func save(_ run: Run, as name: String) throws -> String {
        #expect(run.status == 0, "\(run.stderr)")
        let path = scratch.file(name)
        try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite("Checkpoints and proofs from the CLI, checked offline and by an independent verifier")
struct TransparencyTests {
    @Test("a checkpoint and inclusion proofs for every entry check with verify-proof and with the Python reference verifier")
    func inclusion() throws {
        let ledger = try Published()
        let checkpoint = try ledger.save(try microfund("checkpoint", "--data", ledger.data), as: "cp.txt")
        let journal = try ledger.save(try microfund("journal", "export", "--data", ledger.data), as: "journal.jsonl")
        for sequence in [1, 2, 17, 31, 69, 92] {
            let proof = try ledger.save(try microfund("proof", "inclusion", "--data", ledger.data, "--seq", String(sequence)), as: "p\(sequence).json")
            let offline = try microfund("verify-proof", "--proof", proof, "--checkpoint", checkpoint, "--vkey", ledger.vkey)
            #expect(offline.status == 0 && offline.stdout.hasPrefix("ok: entry \(sequence) "), "\(offline.stderr)")
            let reference = try tool("python3", referenceVerifier, "--vkey", ledger.vkey, "--checkpoint", checkpoint, "--proof", proof, "--journal", journal)
            #expect(reference.status == 0, "\(reference.stderr)")
            #expect(reference.stdout.contains("ok: entry \(sequence) is in the checkpointed journal of 92 entries"))
        }
        let pem = try microfund("verify-proof", "--proof", ledger.scratch.file("p17.json"), "--checkpoint", checkpoint, "--operator-key", ledger.data + "/keys/operator.pem.pub")
        #expect(pem.status == 0)
    }

    @Test("tampered proofs, checkpoints and keys are refused, offline and by the reference verifier")
    func refusals() throws {
        let ledger = try Published()
        let checkpoint = try ledger.save(try microfund("checkpoint", "--data", ledger.data), as: "cp.txt")
        let proofPath = try ledger.save(try microfund("proof", "inclusion", "--data", ledger.data, "--seq", "12"), as: "p.json")
        let proof = try String(contentsOfFile: proofPath, encoding: .utf8)
        let firstHash = try #require(proof.firstRange(of: #"hashes":[""#)).upperBound
        var flipped = proof
        flipped.replaceSubrange(firstHash..<proof.index(after: firstHash), with: proof[firstHash] == "A" ? "B" : "A")
        try flipped.write(toFile: ledger.scratch.file("bad.json"), atomically: true, encoding: .utf8)
        let badProof = try microfund("verify-proof", "--proof", ledger.scratch.file("bad.json"), "--checkpoint", checkpoint, "--vkey", ledger.vkey)
        #expect(badProof.status != 0 && badProof.stderr.hasPrefix("error[proof_invalid]:"), "\(badProof.stderr)")
        #expect(try tool("python3", referenceVerifier, "--vkey", ledger.vkey, "--checkpoint", checkpoint, "--proof", ledger.scratch.file("bad.json")).status != 0)

        let forged = try String(contentsOfFile: checkpoint, encoding: .utf8).replacingOccurrences(of: "\n92\n", with: "\n91\n")
        try forged.write(toFile: ledger.scratch.file("forged.txt"), atomically: true, encoding: .utf8)
        let badCheckpoint = try microfund("verify-proof", "--proof", proofPath, "--checkpoint", ledger.scratch.file("forged.txt"), "--vkey", ledger.vkey)
        #expect(badCheckpoint.status != 0 && badCheckpoint.stderr.hasPrefix("error[checkpoint_signature_invalid]:"), "\(badCheckpoint.stderr)")

        let wrongKey = try microfund("verify-proof", "--proof", proofPath, "--checkpoint", checkpoint, "--operator-key", ledger.data + "/keys/community-fund.pem.pub")
        #expect(wrongKey.status != 0 && wrongKey.stderr.hasPrefix("error[checkpoint_signature_invalid]:"))

        let notOperator = try microfund("checkpoint", "--data", ledger.data, "--key", ledger.data + "/keys/community-fund.pem")
        #expect(notOperator.status != 0 && notOperator.stderr.hasPrefix("error[forbidden]:"))
        let outside = try microfund("proof", "inclusion", "--data", ledger.data, "--seq", "93")
        #expect(outside.status != 0 && outside.stderr.hasPrefix("error[entry_unknown]:"))
    }

    @Test("consistency between two checkpoints checks offline; verify --checkpoint holds as the journal grows")
    func consistency() throws {
        let ledger = try Published()
        let before = try ledger.save(try microfund("checkpoint", "--data", ledger.data), as: "before.txt")
        let donate = try microfund("donate", "--data", ledger.data, "--key", ledger.data + "/keys/community-fund.pem", "--donor", "pixel-studio", "--amount", "88")
        #expect(donate.status == 0)
        let after = try ledger.save(try microfund("checkpoint", "--data", ledger.data), as: "after.txt")
        let proof = try ledger.save(try microfund("proof", "consistency", "--data", ledger.data, "--from", "92"), as: "c.json")
        let offline = try microfund("verify-proof", "--proof", proof, "--checkpoint", after, "--old-checkpoint", before, "--vkey", ledger.vkey)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(try tool("python3", referenceVerifier, "--vkey", ledger.vkey, "--checkpoint", after, "--old-checkpoint", before, "--proof", proof).status == 0)
        let swapped = try microfund("verify-proof", "--proof", proof, "--checkpoint", before, "--old-checkpoint", after, "--vkey", ledger.vkey)
        #expect(swapped.status != 0 && swapped.stderr.hasPrefix("error[proof_invalid]:"))
        let verify = try microfund("verify", "--data", ledger.data, "--checkpoint", before, "--checkpoint", after)
        #expect(verify.status == 0 && verify.stdout.contains("checkpoint of 92 entries"), "\(verify.stderr)")
    }

    @Test("verify --checkpoint catches history rewritten with valid signatures")
    func rewrittenHistory() throws {
        let honest = try Published()
        let saved = try honest.save(try microfund("checkpoint", "--data", honest.data), as: "cp.txt")
        // The same keys sign a second history in which one donation is larger.
        let original = try String(contentsOfFile: fixture, encoding: .utf8)
        let altered = original.replacingOccurrences(of: #""donor": "green-thumbs", "amount": 86000"#, with: #""donor": "green-thumbs", "amount": 96000"#)
        #expect(altered != original)
        let scratch = try Scratch()
        try altered.write(toFile: scratch.file("altered.json"), atomically: true, encoding: .utf8)
        let rewritten = try Published(fixturePath: scratch.file("altered.json"))
        #expect(rewritten.vkey == honest.vkey)
        #expect(try microfund("verify", "--data", rewritten.data).status == 0)
        let caught = try microfund("verify", "--data", rewritten.data, "--checkpoint", saved)
        #expect(caught.status != 0)
        #expect(caught.stderr.hasPrefix("error[verify_failed]:") && caught.stderr.contains("history was rewritten"), "\(caught.stderr)")
    }
}
