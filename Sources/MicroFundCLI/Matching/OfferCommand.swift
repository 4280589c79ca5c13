import ArgumentParser
import MicroFundLedger
import MicroFundService
import MicroFundReports
import MicroFundStore

/// `microfund offer publish|withdraw|list`.
struct OfferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer", abstract: Words.say("Offer cash, labour, expertise or space for the matcher to place.", "提供现金、志愿工时、专业服务或场地，供匹配使用。"),
        subcommands: [Publish.self, Withdraw.self, List.self]
    )

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Publish a standing offer (yours: the key's party).", "发布一项长期资源供给（属于密钥所属的参与方）。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The offer's id.", valueName: "id"))
        var offer: String
        @Option(help: ArgumentHelp("CNY, LABOUR, EXPERTISE or SPACE.", valueName: "asset"))
        var asset: String
        @Option(parsing: .unconditional, help: ArgumentHelp("How much: yuan for CNY, hours (or 90m) for LABOUR and EXPERTISE.", valueName: "amount"))
        var amount: String?
        @Option(help: ArgumentHelp("SPACE: the area lent, in m².", valueName: "m2"))
        var area: Int64?
        @Option(help: ArgumentHelp("LABOUR: the skill; EXPERTISE: the discipline.", valueName: "name"))
        var skill: String?
        @Option(help: ArgumentHelp("Latitude in degrees, up to 6 decimals.", valueName: "deg"))
        var lat: String
        @Option(help: ArgumentHelp("Longitude in degrees, up to 6 decimals.", valueName: "deg"))
        var lon: String
        @Option(help: ArgumentHelp("Metres within which it serves (default 500; CNY: no limit).", valueName: "m"))
        var radius: Int64?
        @Option(help: ArgumentHelp("Available from: a time with its offset, or the start of a date.", valueName: "time"))
        var from: String
        @Option(help: ArgumentHelp("Available until: a time with its offset, or the end of a date.", valueName: "time"))
        var to: String
        @Option(help: ArgumentHelp("Earmark: only needs of this category. Repeatable.", valueName: "category"))
        var category: [String] = []
        @Option(help: ArgumentHelp("Earmark: only needs in this community. Repeatable.", valueName: "community"))
        var community: [String] = []

        func run() async throws {
            guard let asset = Asset(rawValue: asset) else { throw ValidationError("--asset must be CNY, LABOUR, EXPERTISE or SPACE") }
            let quantity: Int64
            if asset == .space {
                guard let area, amount == nil else { throw ValidationError("a SPACE offer takes --area, not --amount") }
                quantity = area
            } else {
                guard let amount, area == nil else { throw ValidationError("a \(asset.rawValue) offer takes --amount, not --area") }
                quantity = try AmountText.parse(amount, asset: asset)
            }
            let location = try Coordinates.location(lat: lat, lon: lon)
            try await signing.submit(data: data, kind: .offerPublish) { ledger, id, author, time, clock in
                let start = try TimeText.parse(from, clock: clock, what: "--from", language: Words.language)
                let end = try TimeText.parse(to, clock: clock, endOfDay: true, what: "--to", language: Words.language)
                return .publishOffer(ledger: ledger, id: id, author: author, timestamp: time, offer: Offer(
                    id: offer, party: author, asset: asset, skill: skill, quantity: quantity,
                    radiusMetres: radius ?? (asset == .cny ? nil : Offer.defaultRadiusMetres), location: location,
                    window: TimeSpan(start: start, end: end), categories: category.sorted(), communities: community.sorted(), publishedAt: 0))
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Withdraw an offer (its party or an admin); pledges already made stand.", "撤回资源供给（本方或管理员）；已作出的认捐不受影响。"))
        @OptionGroup var data: DataOptions
        @OptionGroup var signing: SigningOptions
        @Option(help: ArgumentHelp("The offer.", valueName: "id"))
        var offer: String

        func run() async throws {
            try await signing.submit(data: data, kind: .offerWithdraw) { ledger, id, author, time in
                .withdrawOffer(ledger: ledger, id: id, author: author, timestamp: time, offer: offer)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: Words.say("Every offer: who, what, how much is left, where and when.", "列出所有资源供给：谁、什么、余量、地点与时间。"))
        @OptionGroup var data: DataOptions

        func run() async throws {
            let state = try await data.reader().loadState()
            var table = TextTable(["offer", "party", "kind", "offered", "left", "state", "where and when"], alignments: [.left, .left, .left, .right, .right, .left, .left])
            for offer in state.offers.values.sorted(by: { $0.id < $1.id }) {
                let drawn = state.drawn(from: offer.id)
                let left = offer.asset == .space ? (drawn == 0 ? "\(offer.quantity) m²" : "lent") : offer.asset.format(offer.quantity - drawn)
                table.rows.append([
                    offer.id, offer.party, offer.asset.rawValue.lowercased() + (offer.skill.map { " (\($0))" } ?? ""),
                    OfferText.quantity(offer), left, offer.state.rawValue, OfferText.reach(offer, clock: .of(state)),
                ])
            }
            StandardOutput.write("offers at sequence \(state.sequence)\n" + table.rendered)
        }
    }
}

/// Latitude and longitude as typed, to exact microdegrees.
enum Coordinates {
    static func location(lat: String, lon: String) throws -> Location {
        guard let latitude = microdegrees(lat), abs(latitude) <= 90_000_000 else {
            throw ValidationError("--lat must be degrees in -90...90 with at most 6 decimals")
        }
        guard let longitude = microdegrees(lon), abs(longitude) <= 180_000_000 else {
            throw ValidationError("--lon must be degrees in -180...180 with at most 6 decimals")
        }
        return Location(latitudeE6: latitude, longitudeE6: longitude)
    }

    static func microdegrees(_ text: String) -> Int64? {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]), parts[0].allSatisfy(\.isASCII), whole <= 180 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < 6 { fraction += "0" }
        let value = whole * 1_000_000 + Int64(fraction)!
        return negative ? -value : value
    }
}
