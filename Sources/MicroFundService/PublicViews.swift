public import MicroFundLedger

/// What anyone may read of a ledger's parties, needs, offers, pledges and
/// motions, as JSON objects (docs/http.md §4): ids, names, kinds, stages,
/// amounts in the asset's unit (fen, minutes, m²·days), entry sequence
/// numbers and times. A party's public keys are public; nothing else a
/// party registered is left out, because the ledger holds nothing private.
/// Members are written in RFC 8785 order by `CanonicalJSON`.
public enum PublicViews {
    public static func party(_ party: Party, keys: [RegisteredKey]) -> JSONValue {
        var object: JSONObject = [
            "id": .string(party.id), "kind": .string(party.kind.rawValue), "name": .string(party.name),
            "roles": .array(party.roles.sorted().map { .string($0.rawValue) }),
            "registeredAt": .integer(Int64(party.registeredAt)),
            "keys": .array(keys.sorted { $0.id < $1.id }.map { key in
                var members: JSONObject = ["id": .string(key.id), "registeredAt": .integer(Int64(key.registeredAt))]
                members["revokedAt"] = key.revokedAt.map { .integer(Int64($0)) } ?? .null
                return .object(members)
            }),
        ]
        object["organisation"] = party.organisation.map(JSONValue.string) ?? .null
        return .object(object)
    }

    public static func parties(_ state: LedgerState) -> JSONValue {
        let keys = Dictionary(grouping: state.keys.values, by: \.party)
        return list("parties", state.parties.values.sorted { $0.id < $1.id }.map { party($0, keys: keys[$0.id] ?? []) }, state)
    }

    public static func need(_ need: Need, state: LedgerState) -> JSONValue {
        var object: JSONObject = [
            "id": .string(need.id), "title": .string(need.title), "coordinator": .string(need.coordinator),
            "proposer": .string(need.proposer), "createdAt": .integer(Int64(need.createdAt)), "stage": .string(need.stage.text),
            "stages": .array(need.stages.map { .object(["seq": .integer(Int64($0.sequence)), "stage": .string($0.stage.text)]) }),
            "requirements": amounts(need.requirements),
            "pledges": .array(state.pledges.values.filter { $0.need == need.id }.sorted { $0.madeAt < $1.madeAt }.map(pledge)),
            "payouts": .array(state.motions.values.filter { $0.action.need == need.id && $0.action.type == "disburse" }
                .sorted { $0.proposedAt < $1.proposedAt }.map(\.json)),
        ]
        let paid = state.payouts[need.id]
        object["paidCNY"] = .integer(paid?.paid ?? 0)
        object["reservedCNY"] = .integer(paid?.reserved ?? 0)
        object["profile"] = need.profile.map(profile) ?? .null
        return .object(object)
    }

    public static func needs(_ state: LedgerState) -> JSONValue {
        list("needs", state.needs.values.sorted { $0.id < $1.id }.map { need($0, state: state) }, state)
    }

    public static func offer(_ offer: Offer) -> JSONValue {
        var object: JSONObject = [
            "id": .string(offer.id), "party": .string(offer.party), "asset": .string(offer.asset.rawValue),
            "quantity": .integer(offer.quantity), "location": location(offer.location), "window": span(offer.window),
            "categories": .array(offer.categories.map(JSONValue.string)), "communities": .array(offer.communities.map(JSONValue.string)),
            "state": .string(offer.state.rawValue), "publishedAt": .integer(Int64(offer.publishedAt)),
        ]
        object["skill"] = offer.skill.map(JSONValue.string) ?? .null
        object["radiusMetres"] = offer.radiusMetres.map(JSONValue.integer) ?? .null
        return .object(object)
    }

    public static func offers(_ state: LedgerState) -> JSONValue {
        list("offers", state.offers.values.sorted { $0.publishedAt < $1.publishedAt }.map(offer), state)
    }

    public static func pledge(_ pledge: Pledge) -> JSONValue {
        var object: JSONObject = [
            "id": .string(pledge.id), "party": .string(pledge.party), "need": .string(pledge.need), "asset": .string(pledge.asset.rawValue),
            "amount": .integer(pledge.amount), "deadline": .string(pledge.deadline.text), "state": .string(pledge.state.rawValue),
            "delivered": .integer(pledge.delivered), "madeAt": .integer(Int64(pledge.madeAt)),
        ]
        object["settledAt"] = pledge.settledAt.map { .integer(Int64($0)) } ?? .null
        object["line"] = pledge.line.map(JSONValue.string) ?? .null
        object["offer"] = pledge.offer.map(JSONValue.string) ?? .null
        return .object(object)
    }

    public static func pledges(_ state: LedgerState) -> JSONValue {
        list("pledges", state.pledges.values.sorted { $0.madeAt < $1.madeAt }.map(pledge), state)
    }

    public static func motions(_ state: LedgerState) -> JSONValue {
        list("motions", state.motions.values.sorted { $0.proposedAt < $1.proposedAt }.map(\.json), state)
    }

    /// `{"NAME": [...], "seq": N}`: a list and the entry it stands at.
    private static func list(_ name: String, _ items: [JSONValue], _ state: LedgerState) -> JSONValue {
        .object([name: .array(items), "seq": .integer(Int64(state.sequence))])
    }

    private static func amounts(_ amounts: [Asset: Int64]) -> JSONValue {
        .object(JSONObject(Dictionary(uniqueKeysWithValues: amounts.map { ($0.key.rawValue, JSONValue.integer($0.value)) })))
    }

    private static func profile(_ profile: NeedProfile) -> JSONValue {
        .object([
            "community": .string(profile.community), "category": .string(profile.category), "location": location(profile.location),
            "window": span(profile.window), "priority": .integer(Int64(profile.priority)),
            "lines": .array(profile.lines.map { line in
                var object: JSONObject = ["id": .string(line.id), "asset": .string(line.asset.rawValue), "quantity": .integer(line.quantity)]
                object["skill"] = line.skill.map(JSONValue.string) ?? .null
                object["window"] = line.window.map(span) ?? .null
                return .object(object)
            }),
        ])
    }

    private static func location(_ location: Location) -> JSONValue {
        .object(["latitudeE6": .integer(location.latitudeE6), "longitudeE6": .integer(location.longitudeE6)])
    }

    private static func span(_ span: TimeSpan) -> JSONValue {
        .object(["start": .string(span.start.text), "end": .string(span.end.text)])
    }
}
