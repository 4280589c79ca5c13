import Foundation
import Testing

/// The README's "Using it" walkthrough, run as written: a newcomer copies
/// it, so it must not drift from what the commands do.
@Suite("README walkthrough")
struct ReadmeTests {
    @Test("every shell block under \"Using it\" runs, in order, with microfund on PATH")
    func walkthrough() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Using it\n").last?.components(separatedBy: "\n## ").first)
        let blocks = section.components(separatedBy: "```sh\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(blocks.count == 4)
        let scratch = try Scratch()
        // The walkthrough runs from the repository root: it reads Fixtures/.
        try FileManager.default.createSymbolicLink(atPath: scratch.file("Fixtures"), withDestinationPath: root.appendingPathComponent("Fixtures").path)
        let script = "set -euo pipefail\nexport PATH=\"\(microfundBinary.deletingLastPathComponent().path):$PATH\"\n" + blocks.joined(separator: "\n")
        let result = try run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], directory: scratch.url)
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
