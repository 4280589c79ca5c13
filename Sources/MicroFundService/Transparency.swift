public import MicroFundCrypto
public import MicroFundLedger
public import MicroFundStore

/// What anyone checks the books with, read through one snapshot: the
/// operator's signed checkpoint (C2SP tlog-checkpoint) and RFC 9162
/// proofs, the same bytes from the CLI and the server.
public struct Transparency: Sendable {
    public let reader: any LedgerReader

    public init(_ reader: any LedgerReader) {
        self.reader = reader
    }

    /// The ledger's origin and operator key, from its directory (never
    /// the whole state).
    public func genesis() throws(ServiceError) -> (origin: String, operatorKey: Ed25519PublicKey) {
        let directory: LedgerState
        do { directory = try reader.loadDirectory() } catch { throw ServiceError(error) }
        guard let origin = directory.origin, let key = directory.operatorKey else {
            throw ServiceError(.genesisRequired, "the ledger has no genesis yet")
        }
        return (origin, key)
    }

    /// The operator's verifier key (signed-note vkey).
    public func verifierKey() throws(ServiceError) -> String {
        let (origin, key) = try genesis()
        do { return try SignedNote.verifierKey(name: origin, key: key) } catch { throw ServiceError(error.code.rawValue, error.message) }
    }

    /// The journal's current checkpoint, signed by `signer`, which must be
    /// the operator key named in genesis.
    public func checkpoint(signedBy signer: Ed25519PrivateKey) throws(ServiceError) -> String {
        let (origin, key) = try genesis()
        guard signer.publicKey == key else {
            throw ServiceError(.forbidden, "that key is not the operator key named in genesis")
        }
        do {
            let head = try JournalTree.head(of: reader)
            return try Checkpoint(origin: origin, size: head.size, rootHash: head.rootHash).signed(by: signer)
        } catch let error as LedgerError {
            throw ServiceError(error)
        } catch let error as CryptoError {
            throw ServiceError(error.code.rawValue, error.message)
        } catch {
            throw ServiceError(.storeFailure, "\(type(of: error))")
        }
    }

    /// Entry `sequence` is in the tree of `size` entries (the current size
    /// when nil); the proof carries the entry.
    public func inclusionProof(sequence: UInt64, size: UInt64? = nil) throws(ServiceError) -> InclusionProof {
        let origin = try genesis().origin
        do throws(LedgerError) {
            let size: UInt64 = if let size { size } else { try reader.treeSize() }
            let hashes = try JournalTree.inclusionProof(sequence: sequence, size: size, store: reader)
            guard let stored = try reader.entries(from: sequence, limit: 1).first, stored.sequence == sequence else {
                throw LedgerError(.entryUnknown, "entry \(sequence) is not in the journal")
            }
            return InclusionProof(origin: origin, sequence: sequence, treeSize: size, entry: stored.bytes,
                                  rootHash: try JournalTree.root(size: size, store: reader), hashes: hashes)
        } catch {
            throw ServiceError(error)
        }
    }

    /// The tree of `from` entries is a prefix of the tree of `to` (the
    /// current size when nil).
    public func consistencyProof(from: UInt64, to: UInt64? = nil) throws(ServiceError) -> ConsistencyProof {
        let origin = try genesis().origin
        do throws(LedgerError) {
            let to: UInt64 = if let to { to } else { try reader.treeSize() }
            return ConsistencyProof(
                origin: origin, from: from, to: to,
                fromRoot: try JournalTree.root(size: from, store: reader), toRoot: try JournalTree.root(size: to, store: reader),
                hashes: try JournalTree.consistencyProof(from: from, to: to, store: reader))
        } catch {
            throw ServiceError(error)
        }
    }
}
