import Foundation
import MicroFundLedger
import MicroFundClient
import MicroFundService
import MicroFundMatching
import MicroFundStore

/// `match --accept`: one party's proposals as `pledge.make` envelopes, each
/// naming the line it serves and the offer it draws on, so the ledger can
/// check it against both.
struct Acceptance {
    let state: LedgerState
    let problem: LedgerProblem
    let plan: MatchPlan
    let party: String
    let key: String?
    let unsigned: Bool
    let time: Timestamp
    let data: DataOptions

    func run() async throws {
        guard state.parties[party] != nil else { throw CommandFailure(LedgerError(.partyUnknown, "\(party) is not a registered party")) }
        guard let origin = state.origin else { throw CommandFailure(.notInitialized, "the ledger has no genesis") }
        let drafts = Self.drafts(problem: problem, plan: plan, party: party, origin: origin, time: time) { _ in
            "pledge.make-\(UUID().uuidString.lowercased())"
        }
        guard !drafts.isEmpty else {
            StandardOutput.write("nothing proposed for \(party)")
            return
        }
        if unsigned {
            for draft in drafts { StandardOutput.write(String(decoding: try CanonicalJSON.encode(draft.json), as: UTF8.self)) }
            return
        }
        let signer = try KeyFiles.readPrivate(key!)
        let signed = try drafts.map { try $0.signed(by: [signer]) }
        let outcomes: [SubmissionOutcome]
        var after = state
        if let remote = try data.remote() {
            var answers: [SubmissionOutcome] = []
            for bytes in signed { answers.append(try await remote.submit(bytes, language: Words.language)) }
            outcomes = answers
            for bytes in signed { _ = try? after.apply(try Envelope.decode(bytes), at: WallClock.now) }
        } else {
            let ledger = try data.directory.open()
            outcomes = await ledger.submit(signed)
            after = ledger.snapshot
        }
        var rejected: [SubmissionOutcome] = []
        for (bytes, outcome) in zip(signed, outcomes) {
            switch outcome {
            case .accepted(let sequence, _), .duplicate(let sequence, _):
                StandardOutput.write(Acknowledgement.line(try Envelope.decode(bytes), sequence: sequence, duplicate: false, state: after, language: Words.language))
            case .rejected:
                rejected.append(outcome)
            }
        }
        if !rejected.isEmpty { try Outcomes.refuse(rejected, state: state) }
    }

    /// `party`'s allocations as pledges that name their line and offer, in
    /// the plan's order; `id` names each envelope.
    static func drafts(
        problem: LedgerProblem, plan: MatchPlan, party: String, origin: String, time: Timestamp,
        id: (MatchPlan.Allocation) -> String
    ) -> [EnvelopeDraft] {
        plan.allocations.filter { $0.party == party }.compactMap { allocation in
            guard let pledge = problem.pledge(for: allocation) else { return nil }
            return .makePledge(
                ledger: origin, id: id(allocation), author: party, timestamp: time,
                need: pledge.need, asset: pledge.asset, amount: pledge.amount, deadline: nil, line: pledge.line, offer: allocation.offerId)
        }
    }
}
