import MicroFundCrypto
public import MicroFundLedger
public import MicroFundService
public import MicroFundStore

extension RemoteLedger {
    /// The server's journal, fetched page by page and checked before
    /// anything is read from it: its root at the size of the operator's
    /// signed checkpoint must be the checkpoint's, and the signature must be
    /// the operator key's named in the journal's own genesis. Every read of
    /// the copy replays its entries by the ledger's rules (signatures
    /// included), so a client that reads through it trusts the server for
    /// nothing.
    public func journalCopy() async throws(ServiceError) -> JournalCopy {
        let note = try await fetch("/v1/checkpoint").text
        var entries: [[UInt8]] = []
        var size: UInt64?
        while size.map({ UInt64(entries.count) < $0 }) ?? true {
            let page = try await journalPage(from: UInt64(entries.count + 1))
            size = size ?? page.size
            guard !page.lines.isEmpty else { break }
            entries += page.lines
        }
        do throws(LedgerError) {
            // Origin and operator key from genesis alone: the checkpoint
            // says how much of the journal is signed.
            let genesis = try JournalReplay.run(JournalCopy(entries: Array(entries.prefix(1))))
            guard let origin = genesis.origin, let key = genesis.operatorKey else { throw LedgerError(.genesisRequired, "the server's journal has no genesis") }
            let checkpoint = try Checkpoint.open(note, origin: origin, key: key)
            guard checkpoint.size <= UInt64(entries.count) else {
                throw LedgerError(.ledgerCorrupt, "the server's checkpoint covers \(checkpoint.size) entries, its journal \(entries.count)")
            }
            let signed = try JournalCopy(entries: Array(entries.prefix(Int(checkpoint.size))))
            guard try JournalTree.root(size: checkpoint.size, store: signed) == checkpoint.rootHash else {
                throw LedgerError(.ledgerCorrupt, "the server's journal does not lead to the root its operator signed at \(checkpoint.size) entries")
            }
            return signed
        } catch {
            throw ServiceError(error)
        }
    }

    /// One page of `GET /v1/journal` from entry `from`: its canonical
    /// lines (none past the end) and the journal's size as the server said it.
    public func journalPage(from: UInt64) async throws(ServiceError) -> (lines: [[UInt8]], size: UInt64?) {
        let page = try await fetch("/v1/journal", query: [("from", String(from)), ("limit", "1000")])
        return (page.body.split(separator: 0x0A).map(Array.init), page.header("MicroFund-Journal-Size").flatMap { UInt64($0) })
    }
}

extension RemoteLedger {
    /// Submits one signed envelope: accepted now (201), accepted before
    /// (200), or refused by a rule of the ledger, as the local write path
    /// answers. A refusal that is not the ledger's (the server overloaded
    /// or stopping) is thrown with its code.
    public func submit(_ envelope: [UInt8], language: Language) async throws(ServiceError) -> SubmissionOutcome {
        let answer = try await post("/v1/transactions", body: envelope, type: "application/json", query: [("lang", language.rawValue)])
        if let problem = answer.problem {
            guard let code = LedgerError.Code(rawValue: problem.code) else { throw problem }
            return .rejected(id: OutcomeWire.claimedID(envelope), LedgerError(code, problem.message))
        }
        guard let object = try? JSONParser.parse(answer.body).objectValue, let outcome = OutcomeWire.outcome(object), !outcome.isRejected else {
            throw ServiceError(ClientCode.serverAnswerInvalid.rawValue, "the server's answer to a submission has no seq and id: \(answer.text.prefix(200))")
        }
        return outcome
    }
}
