#!/usr/bin/env python3
"""An auditor's verifier written from docs/protocol.md alone, sharing no
code with MicroFund: checks a signed checkpoint, an inclusion or consistency
proof, and optionally a whole exported journal (canonical form, every
signature against the keys registered before it, and the Merkle root).

  python3 Fixtures/reference/verify.py --vkey VKEY --checkpoint cp.txt \
      [--proof proof.json [--old-checkpoint old.txt]] [--journal journal.jsonl]

Exit 0 and "ok" lines when everything holds; exit 1 with the reason otherwise.
"""
import argparse
import json
import sys

import microfund_reference as mf


def load_checkpoint(path, name, key):
    with open(path, encoding="utf-8") as handle:
        origin, size, root = mf.parse_checkpoint(mf.open_note(handle.read(), name, key))
    if origin != name:
        raise ValueError("checkpoint origin %s is not %s" % (origin, name))
    return size, root


def check_proof(path, checkpoint, old_checkpoint):
    with open(path, encoding="utf-8") as handle:
        proof = json.load(handle)
    hashes = [mf.unb64(h) for h in proof["hashes"]]
    size, root = checkpoint
    if proof["type"] == "inclusion":
        entry = mf.jcs(proof["entry"]).encode("utf-8")
        if proof["entry"]["seq"] != proof["seq"] or proof["treeSize"] != size:
            raise ValueError("the proof does not match the entry or the checkpoint")
        if not mf.verify_inclusion(mf.leaf_hash(entry), proof["seq"] - 1, size, hashes, root):
            raise ValueError("inclusion proof does not verify")
        return "entry %d is in the checkpointed journal of %d entries" % (proof["seq"], size)
    old_size, old_root = old_checkpoint
    if (proof["from"], proof["to"]) != (old_size, size):
        raise ValueError("the proof does not match the checkpoints")
    if not mf.verify_consistency(old_size, size, old_root, root, hashes):
        raise ValueError("consistency proof does not verify")
    return "the journal of %d entries extends the journal of %d" % (size, old_size)


# How far an author's ts may be from the entry's time (docs/protocol.md 6.1).
AHEAD_MAX, BEHIND_MAX = 300, 7 * 86400


def check_journal(path, checkpoint, origin):
    keys, leaves, last_time = {}, [], None
    # Entries are separated by line feeds only: a journal line may hold
    # U+2028 or U+2029, which some line splitters would break on.
    with open(path, "rb") as handle:
        lines = [line for line in handle.read().split(b"\n") if line]
    for number, line in enumerate(lines, start=1):
        entry = json.loads(line)
        if mf.jcs(entry).encode("utf-8") != line or entry["seq"] != number:
            raise ValueError("entry %d is not canonical or out of order" % number)
        envelope = entry["envelope"]
        time = mf.parse_time(entry["time"])
        if last_time is not None and time < last_time:
            raise ValueError("entry %d: the ledger's time goes back" % number)
        last_time = time
        skew = mf.parse_time(envelope["ts"]) - time
        if skew > AHEAD_MAX or -skew > BEHIND_MAX:
            raise ValueError("entry %d: ts is too far from the ledger's time" % number)
        if envelope["ledger"] != origin:
            raise ValueError("entry %d is for ledger %s, not %s" % (number, envelope["ledger"], origin))
        body = envelope["body"]
        if envelope["kind"] == "ledger.genesis":
            admin = mf.unb64(body["admin"]["publicKey"])
            keys[mf.key_id(admin)] = (body["admin"]["id"], admin)
        message = mf.signing_bytes(envelope)
        signers = set()
        for sig in envelope["sigs"]:
            party, public_raw = keys.get(sig["kid"], (None, None))
            if public_raw is None or not mf.verify_signature(public_raw, message, mf.unb64(sig["sig"])):
                raise ValueError("entry %d: a signature does not verify against a registered key" % number)
            signers.add(party)
        if envelope["author"] not in signers:
            raise ValueError("entry %d: the author did not sign" % number)
        if envelope["kind"] == "party.register":
            public_raw = mf.unb64(body["publicKey"])
            keys[mf.key_id(public_raw)] = (body["id"], public_raw)
        if envelope["kind"] == "key.rotate":
            public_raw = mf.unb64(body["publicKey"])
            keys[mf.key_id(public_raw)] = (body["party"], public_raw)
            keys.pop(body.get("revoke"), None)
        if envelope["kind"] == "key.revoke":
            keys.pop(body["keyId"], None)
        leaves.append(mf.leaf_hash(line))
    size, root = checkpoint
    if size > len(leaves) or mf.root(leaves[:size]) != root:
        raise ValueError("the journal does not have the checkpoint's root")
    return "%d entries canonical and signed; the first %d have the checkpoint's root" % (len(leaves), size)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vkey", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--proof")
    parser.add_argument("--old-checkpoint")
    parser.add_argument("--journal")
    args = parser.parse_args()
    try:
        name, key = mf.parse_verifier_key(args.vkey)
        checkpoint = load_checkpoint(args.checkpoint, name, key)
        print("ok: checkpoint of %d entries signed by %s" % (checkpoint[0], name))
        if args.proof:
            old = load_checkpoint(args.old_checkpoint, name, key) if args.old_checkpoint else None
            print("ok: " + check_proof(args.proof, checkpoint, old))
        if args.journal:
            print("ok: " + check_journal(args.journal, checkpoint, name))
    except (ValueError, KeyError, TypeError) as error:
        print("failed: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
