/// Offers of resources, and pledges that draw on them for a need's line.
extension LedgerState {
    /// Any registered party may offer; the id is new; SPACE offers have an
    /// area rather than an amount (the decoder saw to the shape).
    func validateOffer(_ offer: Offer, author: String, changes: inout Changes) throws(LedgerError) {
        try requireParty(author)
        guard offers[offer.id] == nil else { throw LedgerError(.offerExists, "offer \(offer.id) already exists") }
        changes.offers.append(Offer(
            id: offer.id, party: author, asset: offer.asset, skill: offer.skill, quantity: offer.quantity,
            radiusMetres: offer.radiusMetres, location: offer.location, window: offer.window,
            categories: offer.categories, communities: offer.communities, publishedAt: changes.sequence))
    }

    /// The offering party or an admin withdraws a live offer; pledges it
    /// already made stand.
    func validateOfferWithdrawal(_ id: String, author: String, changes: inout Changes) throws(LedgerError) {
        guard var offer = offers[id] else { throw LedgerError(.offerUnknown, "offer \(id) does not exist", subject: id) }
        guard author == offer.party || parties[author]?.roles.contains(.admin) == true else {
            throw LedgerError(.forbidden, "only \(offer.party) or an admin may withdraw offer \(id)")
        }
        guard offer.state == .live else { throw LedgerError(.offerWithdrawn, "offer \(id) is already withdrawn") }
        offer.state = .withdrawn
        changes.offers.append(offer)
    }

    /// A pledge naming a line (and perhaps an offer): the line is the need's
    /// and of the pledge's asset; the offer is the author's, live, of the
    /// line's kind and skill, and has enough left. A SPACE pledge lends the
    /// whole offer to the whole line: area × days of the line's window.
    func validateDraw(_ need: Need, line lineID: String, offer offerID: String?, asset: Asset, amount: Int64, author: String) throws(LedgerError) {
        guard let line = need.profile?.line(lineID) else {
            throw LedgerError(.lineUnknown, "need \(need.id) has no requirement line \(lineID)")
        }
        guard line.asset == asset else {
            throw LedgerError(.offerMismatch, "line \(lineID) asks for \(line.asset.rawValue), not \(asset.rawValue)")
        }
        if asset == .space, amount != line.requirement {
            throw LedgerError(.offerMismatch, "a space pledge lends the line's whole area for its whole window: \(line.requirement) m²·days")
        }
        guard let offerID else { return }
        guard let offer = offers[offerID] else { throw LedgerError(.offerUnknown, "offer \(offerID) does not exist", subject: offerID) }
        guard offer.party == author else { throw LedgerError(.forbidden, "offer \(offerID) is \(offer.party)'s to draw on") }
        guard offer.state == .live else { throw LedgerError(.offerWithdrawn, "offer \(offerID) is withdrawn") }
        guard offer.asset == line.asset, offer.skill == line.skill else {
            throw LedgerError(.offerMismatch, "offer \(offerID) is not of line \(lineID)'s kind and skill")
        }
        if asset == .space {
            guard offer.quantity >= line.quantity, let window = line.window, offer.window.contains(window) else {
                throw LedgerError(.offerMismatch, "space offer \(offerID) must cover the line's area and window")
            }
            guard drawn(from: offerID) == 0 else { throw LedgerError(.offerExhausted, "space offer \(offerID) is already lent") }
        } else if drawn(from: offerID) + amount > offer.quantity {
            throw LedgerError(.offerExhausted, "offer \(offerID) has \(offer.quantity - drawn(from: offerID)) left")
        }
    }
}
