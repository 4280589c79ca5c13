import Foundation
import MicroFundCrypto
import MicroFundLedger
import MicroFundTestSupport
import Testing

/// `offer`, `need create --profile` and `match` against a ledger, from the
/// command line as a coordinator and the offering parties use them.
@Suite("microfund match on the ledger")
struct MatchLedgerTests {
    /// A matchable need a day from now, approved by two committee members.
    func openNeed(_ data: String, _ s: Scenario, _ scratch: Scratch, hub: String) throws {
        let day: Int64 = 86_400
        let profile = """
            {"location":{"latitudeE6":31273100,"longitudeE6":121521400},"community":"jiangpu-road","category":"facade",
             "window":{"start":"\(recent(day).text)","end":"\(recent(30 * day).text)"},"priority":4,
             "lines":[{"line":"paint","asset":"LABOUR","skill":"painting","amount":600},
                      {"line":"hall","asset":"SPACE","area":30,"window":{"start":"\(recent(2 * day).text)","end":"\(recent(3 * day).text)"}}]}
            """
        try Data(profile.utf8).write(to: URL(fileURLWithPath: scratch.file("profile.json")))
        let created = try microfund("need", "create", "--data", data, "--key", hub, "--need", "wall", "--title", "Gate wall", "--coordinator", "hub", "--profile", scratch.file("profile.json"))
        #expect(created.status == 0, "\(created.stderr)")
        let members = try [Scenario.key(50), Scenario.key(51)]
        var envelopes: [[UInt8]] = []
        for (index, key) in members.enumerated() {
            envelopes.append(try EnvelopeDraft.registerParty(ledger: s.origin, id: "reg-m\(index)", author: "committee", timestamp: recent(Int64(index)),
                party: PartyDraft(id: "m\(index)", kind: .resident, name: "M\(index)", publicKey: key.publicKey, roles: [.committeeMember])).signed(by: [s.admin]))
        }
        envelopes.append(try EnvelopeDraft.proposeMotion(ledger: s.origin, id: "approve", author: "hub", timestamp: recent(3), action: .advance(need: "wall", to: .approved)).signed(by: [s.coordinator]))
        for (index, key) in members.enumerated() {
            envelopes.append(try EnvelopeDraft.motionVote(.motionApprove, ledger: s.origin, id: "vote-\(index)", author: "m\(index)", timestamp: recent(4), motion: "approve").signed(by: [key]))
        }
        try writeLines(envelopes, to: scratch.file("approve.jsonl"))
        let submitted = try microfund("submit", "--data", data, scratch.file("approve.jsonl"))
        #expect(submitted.status == 0, "\(submitted.stderr)")
    }

    @Test("offers published, a plan proposed and explained, accepted signed and unsigned, nothing proposed twice")
    func workflow() async throws {
        let scratch = try Scratch()
        let (data, s) = try await scenarioLedger(scratch)
        let hub = try keyFile(s.coordinator, "hub", in: scratch)
        let studio = try keyFile(s.enterprise, "studio", in: scratch)
        let wang = try keyFile(s.resident, "wang", in: scratch)
        try openNeed(data, s, scratch, hub: hub)
        let window = ["--from", recent().text, "--to", recent(40 * 86_400).text]
        let paint = try microfund(["offer", "publish", "--data", data, "--key", studio, "--offer", "studio-paint", "--asset", "LABOUR", "--skill", "painting",
                                   "--amount", "8", "--lat", "31.274000", "--lon", "121.521400", "--radius", "800"] + window)
        #expect(paint.status == 0, "\(paint.stderr)")
        #expect(paint.stdout.contains("offers 8 h of labour (painting), within 800 m of 31.274000, 121.521400"))
        let hall = try microfund(["offer", "publish", "--data", data, "--key", wang, "--offer", "wang-hall", "--asset", "SPACE", "--area", "45",
                                  "--lat", "31.2733", "--lon", "121.5214", "--community", "jiangpu-road"] + window)
        #expect(hall.status == 0, "\(hall.stderr)")
        let far = try microfund(["offer", "publish", "--data", data, "--key", wang, "--offer", "far-paint", "--asset", "LABOUR", "--skill", "painting",
                                 "--amount", "8", "--lat", "31.300000", "--lon", "121.521400"] + window)
        #expect(far.status == 0, "\(far.stderr)")

        let text = try microfund("match", "--data", data)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Caohejing Game Studio gives 8 h of labour to Gate wall (line paint, offer studio-paint): labour (painting); 100 m, within the offer's 800 m radius"), "\(text.stdout)")
        #expect(text.stdout.contains("Resident W. gives 30 m² of space to Gate wall (line hall, offer wang-hall)"))
        #expect(text.stdout.contains("earmarked for community jiangpu-road"))
        #expect(!text.stdout.contains("far-paint"))
        let json = try microfund("match", "--data", data, "--json")
        let result = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((result["allocations"] as? [Any])?.count == 2)
        #expect(abs((result["P"] as? Double ?? 0) - 4 * (480.0 / 600 + 1)) < 1e-12)

        // The studio accepts with its key; the resident prints its pledge unsigned, signs it offline, submits it.
        let accepted = try microfund("match", "--data", data, "--accept", "--party", "zone-studio", "--key", studio)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("Caohejing Game Studio pledges 8 h of labour from offer studio-paint to Gate wall (line paint)"))
        let unsigned = try microfund("match", "--data", data, "--accept", "--party", "resident-wang", "--unsigned")
        #expect(unsigned.status == 0 && unsigned.stdout.contains("\"offer\":\"wang-hall\""), "\(unsigned.stderr)")
        try Data(unsigned.stdout.utf8).write(to: URL(fileURLWithPath: scratch.file("unsigned.json")))
        let signed = try microfund("sign", "--key", wang, scratch.file("unsigned.json"))
        #expect(signed.status == 0, "\(signed.stderr)")
        try Data(signed.stdout.utf8).write(to: URL(fileURLWithPath: scratch.file("signed.json")))
        #expect(try microfund("submit", "--data", data, scratch.file("signed.json")).status == 0)

        let shown = try microfund("need", "show", "--data", data, "--need", "wall")
        #expect(shown.stdout.contains("at 31.273100, 121.521400 in jiangpu-road, facade, priority 4"), "\(shown.stdout)")
        #expect(shown.stdout.contains("labour (painting)"))
        #expect(shown.stdout.contains("served"))
        let after = try microfund("match", "--data", data)
        #expect(after.stdout.hasPrefix("no offer can serve an open need now"), "\(after.stdout)")
        let listed = try microfund("offer", "list", "--data", data)
        #expect(listed.stdout.contains("lent"))
        #expect(try microfund("offer", "withdraw", "--data", data, "--key", wang, "--offer", "far-paint").status == 0)
        let again = try microfund("offer", "withdraw", "--data", data, "--key", wang, "--offer", "far-paint")
        #expect(again.status == 1 && again.stderr.hasPrefix("error[offer_withdrawn]"))
        #expect(try microfund("verify", "--data", data).status == 0)
    }

    @Test("bad options are usage errors, a party with nothing proposed is told so")
    func refusals() async throws {
        let scratch = try Scratch()
        let (data, s) = try await scenarioLedger(scratch)
        let studio = try keyFile(s.enterprise, "studio", in: scratch)
        #expect(try microfund("match", "--data", data, "--accept").status == 64)
        #expect(try microfund("match", "--data", data, "--accept", "--party", "zone-studio").status == 64)
        #expect(try microfund("match", "--data", data, "--input", "x.json", "--accept", "--party", "a", "--key", "k").status == 64)
        let nothing = try microfund("match", "--data", data, "--accept", "--party", "zone-studio", "--key", studio)
        #expect(nothing.status == 0 && nothing.stdout == "nothing proposed for zone-studio\n")
        let unknown = try microfund("match", "--data", data, "--accept", "--party", "ghost", "--key", studio)
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("error[party_unknown]"))
        let badLat = try microfund("offer", "publish", "--data", data, "--key", studio, "--offer", "o", "--asset", "CNY", "--amount", "10",
                                   "--lat", "91", "--lon", "121", "--from", recent().text, "--to", recent(60).text)
        #expect(badLat.status == 64 && badLat.stderr.contains("--lat"))
    }
}
