import ArgumentParser
import MicroFundCrypto
import MicroFundLedger

/// `microfund party register`.
struct PartyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "party", abstract: Words.say("Manage parties.", "管理参与方。"), subcommands: [Register.self, Update.self, List.self, Show.self]
    )

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Register a party with its public key and roles (admin only).", "登记参与方及其公钥和角色（仅管理员）。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions

        @Option(help: ArgumentHelp("The new party's id (a-z, 0-9, '.', '_', '-').", valueName: "party"))
        var party: String
        @Option(help: ArgumentHelp("One of enterprise, resident, government, social_org, planning_team, committee.", valueName: "kind"))
        var kind: String
        @Option(help: ArgumentHelp("Display name.", valueName: "name"))
        var name: String
        @Option(help: ArgumentHelp("Party id of the organisation it acts for.", valueName: "party"))
        var organisation: String?
        @Option(name: .customLong("public-key"), help: ArgumentHelp("The party's public key (PEM), e.g. FILE.pub from keygen.", valueName: "file"))
        var publicKey: String
        @Option(name: .customLong("role"), help: ArgumentHelp("A role: fund_manager, committee_member, coordinator, auditor, admin. Repeatable.", valueName: "role"))
        var roles: [String] = []

        func validate() throws {
            guard PartyKind(rawValue: kind) != nil else { throw ValidationError("unknown --kind \(kind)") }
            for role in roles where Role(rawValue: role) == nil { throw ValidationError("unknown --role \(role)") }
        }

        func run() async throws {
            let key = try KeyFiles.readPublic(publicKey)
            try await signing.submit(data: data, kind: .partyRegister) { ledger, id, author, time in
                .registerParty(ledger: ledger, id: id, author: author, timestamp: time, party: PartyDraft(
                    id: party, kind: PartyKind(rawValue: kind)!, name: name, organisation: organisation,
                    publicKey: key, roles: roles.compactMap(Role.init(rawValue:))
                ))
            }
        }
    }
}

extension PartyCommand {
    /// `microfund party update`.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Change a party's display name, organisation or roles (admin only).", "修改参与方的显示名称、机构或角色（仅管理员）。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions

        @Option(help: ArgumentHelp("The party to change.", valueName: "party"))
        var party: String
        @Option(help: ArgumentHelp("New display name.", valueName: "name"))
        var name: String?
        @Option(help: ArgumentHelp("Party id of the organisation it now acts for.", valueName: "party"))
        var organisation: String?
        @Option(name: .customLong("role"), help: ArgumentHelp("The party's roles from now on (replacing the old ones). Repeatable.", valueName: "role"))
        var roles: [String] = []
        @Flag(name: .customLong("no-roles"), help: "Take every role away.")
        var noRoles = false

        func validate() throws {
            for role in roles where Role(rawValue: role) == nil { throw ValidationError("unknown --role \(role)") }
            if noRoles, !roles.isEmpty { throw ValidationError("give --role or --no-roles, not both") }
            if name == nil, organisation == nil, roles.isEmpty, !noRoles { throw ValidationError("nothing to change: give --name, --organisation, --role or --no-roles") }
        }

        func run() async throws {
            let newRoles: [Role]? = noRoles ? [] : (roles.isEmpty ? nil : roles.compactMap(Role.init(rawValue:)))
            try await signing.submit(data: data, kind: .partyUpdate) { ledger, id, author, time in
                .updateParty(ledger: ledger, id: id, author: author, timestamp: time, party: party, name: name, organisation: organisation, roles: newRoles)
            }
        }
    }
}

/// `microfund need create`.
struct NeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "need", abstract: Words.say("Manage the opportunity list.", "管理机会清单。"), subcommands: [Create.self, Voice.self, List.self, Show.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Propose a need with its requirement lines.", "提出一项需求及其需求项。"))

        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions

        @Option(help: ArgumentHelp("The need's id.", valueName: "need"))
        var need: String
        @Option(help: ArgumentHelp("Title shown on the opportunity list.", valueName: "text"))
        var title: String
        @Option(help: ArgumentHelp("Party id of the coordinator (must hold the coordinator role).", valueName: "party"))
        var coordinator: String
        @Option(name: .customLong("require"), help: ArgumentHelp("A requirement line ASSET=AMOUNT, e.g. CNY=48000 or LABOUR=120. Repeatable.", valueName: "line"))
        var requirements: [String] = []
        @Option(help: ArgumentHelp("A JSON file with the need's profile (docs/protocol.md §4.3: location, community, category, window, priority, lines), which makes it matchable; its lines give the requirements.", valueName: "file"))
        var profile: String?

        func run() async throws {
            let profile = try self.profile.map { path in
                try NeedProfileFile.read(path)
            }
            var lines: [Asset: Int64] = [:]
            for line in requirements {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let asset = Asset(rawValue: parts[0]) else {
                    throw CommandFailure(.invalidAmount, "--require takes ASSET=AMOUNT with ASSET one of CNY, LABOUR, EXPERTISE, SPACE")
                }
                lines[asset] = try AmountText.parse(parts[1], asset: asset)
            }
            try await signing.submit(data: data, kind: .needCreate) { ledger, id, author, time in
                .createNeed(ledger: ledger, id: id, author: author, timestamp: time, need: need, title: title, coordinator: coordinator,
                            requirements: lines.isEmpty && profile != nil ? nil : lines, profile: profile)
            }
        }
    }
}

extension NeedCommand {
    /// `microfund need voice`: residents' voice at the hearing.
    struct Voice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Record your support for, or objection to, a need at its public hearing (while it is approved).", "在需求的决策听证中表达支持或反对（需求处于立项评审后）。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The need.", valueName: "need"))
        var need: String
        @Flag(help: "Support the need.")
        var support = false
        @Flag(help: "Object to the need.")
        var object = false
        @Option(help: ArgumentHelp("Why, in a sentence (at most 200 characters).", valueName: "text"))
        var reason: String

        func validate() throws {
            guard support != object else { throw ValidationError("give exactly one of --support and --object") }
        }

        func run() async throws {
            try await signing.submit(data: data, kind: .needVoice) { ledger, id, author, time in
                .voice(ledger: ledger, id: id, author: author, timestamp: time, need: need, supports: support, reason: reason)
            }
        }
    }
}
