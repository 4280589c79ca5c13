import MicroFundCrypto
public import MicroFundLedger
public import MicroFundService
public import MicroFundStore

extension RemoteLedger {
    /// The server's journal, fetched page by page and checked before
    /// anything is read from it: its root at the size of the operator's
    /// signed checkpoint must be the checkpoint's, the signature must be
    /// the operator key's named in the journal's own genesis, and every
    /// entry must replay by the ledger's rules (signatures included). A
    /// client that reads through it trusts the server for nothing.
    public func journalCopy() async throws(ServiceError) -> JournalCopy {
        let note = try await fetch("/v1/checkpoint").text
        var entries: [[UInt8]] = []
        var size: UInt64?
        while size.map({ UInt64(entries.count) < $0 }) ?? true {
            let page = try await fetch("/v1/journal", query: [("from", String(entries.count + 1)), ("limit", "1000")])
            if size == nil, let text = page.header("MicroFund-Journal-Size") { size = UInt64(text) }
            let lines = page.body.split(separator: 0x0A).map(Array.init)
            guard !lines.isEmpty else { break }
            entries += lines
        }
        do throws(LedgerError) {
            let copy = try JournalCopy(entries: entries)
            let state = try copy.loadState()
            guard let origin = state.origin, let key = state.operatorKey else { throw LedgerError(.genesisRequired, "the server's journal has no genesis") }
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
        guard let object = try? JSONParser.parse(answer.body).objectValue, let id = object["id"]?.stringValue,
              case .number(let number)? = object["seq"], let sequence = number.int64, sequence > 0
        else {
            throw ServiceError(ClientCode.serverAnswerInvalid.rawValue, "the server's answer to a submission has no seq and id: \(answer.text.prefix(200))")
        }
        return answer.status == 201 ? .accepted(sequence: UInt64(sequence), id: id) : .duplicate(sequence: UInt64(sequence), id: id)
    }
}
