public import MicroFundLedger

/// Offers in plain words, for acknowledgements and listings.
public enum OfferText {
    /// "¥500.00", "10 h", "80 m²".
    public static func quantity(_ offer: Offer) -> String {
        offer.asset == .space ? "\(offer.quantity) m²" : offer.asset.format(offer.quantity)
    }

    /// "within 500 m of 31.230400, 121.473700, 2026-03-02 to 2026-05-01".
    public static func reach(_ offer: Offer, clock: LocalClock) -> String {
        let radius = offer.radiusMetres.map { "within \($0) m of" } ?? "anywhere, from"
        return "\(radius) \(coordinates(offer.location)), \(clock.format(offer.window.start)) to \(clock.format(offer.window.end))"
            + (offer.categories.isEmpty ? "" : ", for " + offer.categories.joined(separator: "/"))
            + (offer.communities.isEmpty ? "" : ", in " + offer.communities.joined(separator: "/"))
    }

    public static func coordinates(_ location: Location) -> String {
        "\(degrees(location.latitudeE6)), \(degrees(location.longitudeE6))"
    }

    /// Microdegrees as decimal degrees with six places, exactly.
    public static func degrees(_ e6: Int64) -> String {
        let sign = e6 < 0 ? "-" : ""
        let magnitude = e6.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
