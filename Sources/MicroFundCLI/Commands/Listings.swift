import ArgumentParser
import MicroFundLedger
import MicroFundReports
import MicroFundService
import MicroFundStore

/// Read-only views of parties, needs and pledges, from one snapshot.
enum Listing {
    /// A need's requirement lines against what was pledged (still pending)
    /// and delivered or received (posted, less what reversals undid), with
    /// the gap left: the rows of `report coverage` (`coverage`, made once
    /// for all needs), with what open motions reserve beside the payouts.
    static func coverage(of need: Need, in state: LedgerState, report coverage: Report) -> TextTable {
        var table = TextTable(["asset", "required", "pledged", "delivered", "paid out", "gap"])
        let reserved = state.disbursements(of: need.id).reserved
        for row in coverage.sections.first?.rows ?? [] {
            guard case .name(_, need.id) = row[0], case .text(let code) = row[2], let asset = Asset(rawValue: code) else { continue }
            func figure(_ cell: Cell) -> String { if case .amount(_, let value) = cell { asset.format(value) } else { "" } }
            let payouts = asset == .cny ? figure(row[6]) + (reserved > 0 ? " (+\(asset.format(reserved)) reserved)" : "") : ""
            table.rows.append([asset.rawValue, figure(row[3]), figure(row[4]), figure(row[5]), payouts, figure(row[7])])
        }
        return table
    }

    /// Every need's coverage at the ledger's last entry.
    static func coverage(_ reader: any LedgerReader, state: LedgerState) throws -> Report {
        try ReportSources.source(reader, state: state, at: state.sequence).coverage()
    }

    /// A need's stage history: each stage, the entry and local time that
    /// put it there, and the motion that moved it (none for its creation).
    static func stages(of need: Need, in state: LedgerState, reader: any LedgerReader) throws -> TextTable {
        let clock = LocalClock.of(state)
        var table = TextTable(["stage", "since", "entry", "moved by"], alignments: [.left, .left, .right, .left])
        for change in need.stages {
            let time = try ReportPoint.time(of: change.sequence, in: reader).map(clock.format) ?? "?"
            let motion = state.motions.values.first { $0.settledAt == change.sequence && $0.action.need == need.id }
            table.rows.append([change.stage.text, time, "\(change.sequence)", motion.map { "motion \($0.id)" } ?? "proposal"])
        }
        return table
    }

    /// A matchable need's profile: where, when, how urgent, and each
    /// requirement line against what pledges naming it hold.
    static func profile(_ profile: NeedProfile, of need: String, in state: LedgerState) -> [String] {
        let clock = LocalClock.of(state)
        var table = TextTable(["line", "kind", "asks", "pledged to it", "left"], alignments: [.left, .left, .right, .right, .right])
        for line in profile.lines {
            let committed = state.committed(toLine: line.id, of: need)
            let kind = line.asset.rawValue.lowercased() + (line.skill.map { " (\($0))" } ?? "")
            if let window = line.window {
                table.rows.append([line.id, kind, "\(line.quantity) m², \(clock.format(window.start)) to \(clock.format(window.end))",
                                   line.asset.format(committed), committed > 0 ? "served" : "\(line.quantity) m²"])
            } else {
                table.rows.append([line.id, kind, line.asset.format(line.quantity), line.asset.format(committed),
                                   line.asset.format(max(0, line.quantity - committed))])
            }
        }
        return [
            "at \(OfferText.coordinates(profile.location)) in \(profile.community), \(profile.category), priority \(profile.priority), "
                + "\(clock.format(profile.window.start)) to \(clock.format(profile.window.end))",
            table.rendered,
        ]
    }

    static func pledges(_ pledges: [Pledge], in state: LedgerState, now: Timestamp) -> TextTable {
        let clock = LocalClock.of(state)
        // "not delivered": what a confirmation short of the pledge, a
        // cancellation or an expiry released; it stays in view.
        var table = TextTable(["pledge", "party", "need", "amount", "delivered", "not delivered", "state", "deadline"], alignments: [.left, .left, .left, .right, .right, .right, .left, .left])
        for pledge in pledges.sorted(by: { ($0.madeAt, $0.id) < ($1.madeAt, $1.id) }) {
            var overdue = pledge.state == .pending && pledge.deadline < now ? " (overdue)" : ""
            // A confirmation undone by entry.reverse: settled at the reversed entry.
            if pledge.state == .confirmed, let settled = pledge.settledAt, let reversal = state.reversals[settled] {
                overdue = ", reversed by #\(reversal.sequence)"
            }
            table.rows.append([
                pledge.id, pledge.party, pledge.need, pledge.asset.format(pledge.amount), pledge.asset.format(pledge.delivered),
                pledge.state == .pending ? "" : pledge.asset.format(pledge.amount - pledge.delivered),
                pledge.state.rawValue + overdue, clock.format(pledge.deadline),
            ])
        }
        return table
    }
}

extension PartyCommand {
    /// `microfund party list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("List the registered parties with their kinds, roles and keys.", "列出已登记的参与方及其类型、角色和密钥。"))
        @OptionGroup var data: DataOptions

        func run() async throws {
            let state = try await data.reader().loadState()
            var table = TextTable(["party", "kind", "name", "roles", "organisation", "keys"], alignments: [.left, .left, .left, .left, .left, .right])
            for party in state.parties.values.sorted(by: { $0.id < $1.id }) {
                let keys = state.keys.values.filter { $0.party == party.id && $0.revokedAt == nil }.count
                table.rows.append([party.id, party.kind.rawValue, party.name, party.roles.map(\.rawValue).sorted().joined(separator: ","), party.organisation ?? "", "\(keys)"])
            }
            StandardOutput.write("parties at sequence \(state.sequence)\n" + table.rendered)
        }
    }

    /// `microfund party show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Show one party: its roles, keys, what it gave and its pledges.", "查看一个参与方：角色、密钥、贡献与认捐。"))
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("The party.", valueName: "party"))
        var party: String

        func run() async throws {
            let state = try await data.reader().loadState()
            guard let found = state.parties[party] else {
                throw CommandFailure(LedgerError(.partyUnknown, "\(party) is not a registered party" + Suggestions.hint(party, among: state.parties.keys), subject: party))
            }
            var lines = [
                "\(found.name) (\(found.id)), \(found.kind.rawValue), registered at entry \(found.registeredAt)",
                "roles: \(found.roles.isEmpty ? "none" : found.roles.map(\.rawValue).sorted().joined(separator: ", "))",
            ]
            if let organisation = found.organisation { lines.append("acts for: \(organisation)") }
            for key in state.keys.values.filter({ $0.party == found.id }).sorted(by: { $0.registeredAt < $1.registeredAt }) {
                lines.append("key \(key.id): registered at entry \(key.registeredAt)" + (key.revokedAt.map { ", revoked at entry \($0)" } ?? ""))
            }
            for asset in Asset.allCases {
                guard let account = state.accounts[.party(found.id, asset)], account.balance != 0 || account.debitsPending > 0 else { continue }
                lines.append("gave \(asset.format(-Int128(account.balance))) \(asset.rawValue)" + (account.debitsPending > 0 ? ", \(asset.format(account.debitsPending)) more pledged" : ""))
            }
            let pledges = state.pledges.values.filter { $0.party == found.id }
            if !pledges.isEmpty { lines.append(Listing.pledges(Array(pledges), in: state, now: WallClock.now).rendered) }
            StandardOutput.write(lines.joined(separator: "\n"))
        }
    }
}

extension NeedCommand {
    /// `microfund need list`: the opportunity list.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("The opportunity list: every need with what it asks for, what was pledged and delivered, and the gap.", "机会清单：每项需求的所需、已认捐、已交付与缺口。"))
        @OptionGroup var data: DataOptions

        func run() async throws {
            let reader = try await data.reader()
            let state = try reader.loadState()
            let coverage = try Listing.coverage(reader, state: state)
            var blocks = ["needs at sequence \(state.sequence)"]
            for need in state.needs.values.sorted(by: { $0.id < $1.id }) {
                let overdue = state.overduePledges(at: WallClock.now).filter { $0.need == need.id }.count
                blocks.append("\n\(need.title) (\(need.id)), \(need.stage.text), coordinated by \(need.coordinator)" + (overdue > 0 ? ", \(overdue) overdue pledge(s)" : ""))
                blocks.append(Listing.coverage(of: need, in: state, report: coverage).rendered)
            }
            StandardOutput.write(blocks.joined(separator: "\n"))
        }
    }

    /// `microfund need show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Show one need: its requirement lines against pledged and delivered, and its pledges.", "查看一项需求：各需求项的认捐与交付情况、阶段历史及认捐。"))
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("The need.", valueName: "need"))
        var need: String

        func run() async throws {
            let reader = try await data.reader()
            let state = try reader.loadState()
            guard let found = state.needs[need] else { throw CommandFailure(LedgerError(.needUnknown, "need \(need) does not exist" + Suggestions.hint(need, among: state.needs.keys), subject: need)) }
            var lines = [
                "\(found.title) (\(found.id))",
                "proposed by \(found.proposer) at entry \(found.createdAt), coordinated by \(found.coordinator); stage: \(found.stage.text)",
                try Listing.stages(of: found, in: state, reader: reader).rendered,
                Listing.coverage(of: found, in: state, report: try Listing.coverage(reader, state: state)).rendered,
            ]
            if let profile = found.profile { lines += Listing.profile(profile, of: found.id, in: state) }
            let pledges = state.pledges.values.filter { $0.need == found.id }
            lines.append(pledges.isEmpty ? "no pledges" : Listing.pledges(Array(pledges), in: state, now: WallClock.now).rendered)
            StandardOutput.write(lines.joined(separator: "\n"))
        }
    }
}

extension PledgeCommand {
    /// `microfund pledge list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("List pledges, optionally of one need, one party or in one state; overdue ones are marked.", "列出认捐，可按需求、参与方或状态筛选；逾期的会标出。"))
        @OptionGroup var data: DataOptions
        @Option(help: ArgumentHelp("Only pledges to this need.", valueName: "need"))
        var need: String?
        @Option(help: ArgumentHelp("Only pledges by this party.", valueName: "party"))
        var party: String?
        @Option(help: ArgumentHelp("Only pledges in this state: pending, confirmed, cancelled, expired.", valueName: "state"))
        var state: String?

        func validate() throws {
            if let state, Pledge.State(rawValue: state) == nil { throw ValidationError("--state must be pending, confirmed, cancelled or expired") }
        }

        func run() async throws {
            let ledger = try await data.reader().loadState()
            let pledges = ledger.pledges.values.filter { pledge in
                (need == nil || pledge.need == need) && (party == nil || pledge.party == party) && (state == nil || pledge.state.rawValue == state)
            }
            StandardOutput.write(pledges.isEmpty ? "no pledges" : Listing.pledges(Array(pledges), in: ledger, now: WallClock.now).rendered)
        }
    }
}
