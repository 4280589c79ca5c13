import Foundation
import Testing

/// The README's "Using it" walkthrough, run as written: a newcomer copies
/// it, so it must not drift from what the commands do.
@Suite("README walkthrough", .serialized)
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shell blocks under "Using it", in order.
    static func blocks() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Using it\n").last?.components(separatedBy: "\n## ").first)
        return section.components(separatedBy: "```sh\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    /// Runs `script` in `directory` (linked to Fixtures/, as the
    /// repository root is) with microfund on PATH.
    static func runScript(_ script: String, in directory: URL, environment: String = "") throws -> Run {
        // The walkthrough runs from the repository root: it reads Fixtures/.
        let link = directory.appendingPathComponent("Fixtures").path
        if !FileManager.default.fileExists(atPath: link) {
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root.appendingPathComponent("Fixtures").path)
        }
        let prelude = "set -euo pipefail\nexport PATH=\"\(microfundBinary.deletingLastPathComponent().path):$PATH\"\n" + environment
        return try run(URL(fileURLWithPath: "/bin/bash"), ["-c", prelude + script], directory: directory)
    }

    @Test("every shell block under \"Using it\" runs, in order, with microfund on PATH")
    func walkthrough() throws {
        let blocks = try Self.blocks()
        #expect(blocks.count == 4)
        let scratch = try Scratch()
        let result = try Self.runScript(blocks.joined(separator: "\n"), in: scratch.url)
        try Self.check(result)
    }

    /// The same walkthrough through `microfund serve`: after `init`, the
    /// ledger moves to the server's directory and every other command runs
    /// with MICROFUND_SERVER where no ledger is, only the keys; the same
    /// acknowledgements, reports, proofs and checks come back. Catches a
    /// command that still reads the local store, or answers differently
    /// through the server.
    @Test("the walkthrough through --server gives the same answers")
    func walkthroughThroughTheServer() throws {
        let blocks = try Self.blocks()
        let lines = blocks[0].components(separatedBy: "\n")
        let initLine = try #require(lines.first { $0.hasPrefix("microfund init ") })
        let scratch = try Scratch()
        let client = scratch.url.appendingPathComponent("client")
        try FileManager.default.createDirectory(at: client, withIntermediateDirectories: true)
        let initialized = try Self.runScript(initLine, in: client)
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let server = scratch.file("server-data")
        try FileManager.default.moveItem(atPath: client.appendingPathComponent("microfund-data").path, toPath: server)
        try FileManager.default.createDirectory(atPath: client.appendingPathComponent("microfund-data/keys").path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: server + "/keys/admin.pem", toPath: client.appendingPathComponent("microfund-data/keys/admin.pem").path)
        let served = try ServedLedgerProcess(data: server, scratch: scratch)
        let rest = ([lines.filter { $0 != initLine }.joined(separator: "\n")] + blocks.dropFirst()).joined(separator: "\n")
        let result = try Self.runScript(rest, in: client, environment: "export MICROFUND_SERVER=\(served.url)\n")
        try Self.check(result)
        #expect(!FileManager.default.fileExists(atPath: client.appendingPathComponent("microfund-data/ledger.sqlite").path), "no command made a local ledger")
        #expect(served.stop() == 0)
        #expect(served.log.contains("route=/v1/transactions"))
    }

    static func check(_ result: Run) throws {
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ok: 22 entries verified"))
        #expect(result.stdout.contains("ok: entry 16 is in the journal of 22 entries"))
        #expect(result.stdout.contains("ok: 22 entries canonical and signed"))
        #expect(result.stdout.contains("entry 18 reversed by Community Fund"))
        #expect(result.stdout.contains("nothing is due"))
        #expect(result.stdout.contains("the motion passed: ¥1,200.00 of motion pay-tools (Pixel Game Studio and the reserve) returned to fund:earmark:liaoyuan-garden:CNY; entry 16 is marked reversed"), "\(result.stdout)")
        #expect(result.stdout.contains("signs nothing more"))
        #expect(result.stdout.contains("revoked at entry 17"))
        #expect(result.stdout.contains("memo: 春季义卖 spring fair; reference: R-2026-0042"))
        #expect(result.stdout.contains("the motion passed: ¥1,140.00 paid to Pixel Game Studio for Liaoyuan micro-garden, ¥60.00 to its maintenance reserve"))
        #expect(result.stdout.contains("Pixel Game Studio gives 8 h of labour to Gate wall (line paint, offer studio-painters): labour (painting); 100 m, within the offer's 800 m radius"), "\(result.stdout)")
        #expect(result.stdout.contains("Pixel Game Studio pledges 8 h of labour from offer studio-painters to Gate wall (line paint)"))
        #expect(result.stdout.contains("ok P=483.5201796332911 allocations=710"))
        #expect(result.stdout.contains("期初 + 收入 − 支出 ± 冲正 = 期末: 成立"))
        #expect(result.stdout.contains("ok: contribution report at entry"))
    }
}
