#!/usr/bin/env python3
"""Writes Fixtures/vectors/envelopes.json and Fixtures/vectors/journal.json
with the independent implementation in microfund_reference.py. MicroFund's
tests reproduce both byte for byte.

Run: python3 Fixtures/reference/generate_vectors.py
"""
import hashlib
import json
import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import microfund_reference as mf

# RFC 8032 section 7.1 secret keys: TEST 1, TEST 2, TEST 3, TEST SHA(abc).
SEEDS = {
    "test1": "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "test2": "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "test3": "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    "testabc": "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
}
KEYS = {name: Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed)) for name, seed in SEEDS.items()}
HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(os.path.dirname(HERE), "vectors")


def write(name, document):
    with open(os.path.join(VECTORS, name), "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def envelope_vectors():
    key = KEYS["test1"]
    public_raw = mf.raw_public(key)
    unsigned_envelopes = [
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "need-liaoyuan-2026-001", "kind": "need.create", "author": "green-thumbs",
         "ts": "2026-03-01T09:30:00Z",
         "body": {"need": "liaoyuan-garden", "title": "辽源花园微更新 Liaoyuan micro-garden",
                  "coordinator": "garden-hub", "requirements": {"CNY": 4800000, "LABOUR": 7200}}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "donation-2026-0042", "kind": "donation.record", "author": "community-fund",
         "ts": "2026-03-05T08:00:00.250Z",
         "body": {"donor": "pixel-studio", "amount": 1500000, "to": "fund:earmark:liaoyuan-garden:CNY"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "update-garden-hub", "kind": "party.update",
         "author": "jiangpu-committee", "ts": "2026-03-02T10:00:00Z",
         "body": {"party": "garden-hub", "name": "社区花园枢纽 Community Garden Hub",
                  "roles": ["coordinator", "fund_manager"]}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "tick-2026-05-20", "kind": "ledger.tick",
         "author": "garden-hub", "ts": "2026-05-20T00:00:00Z", "body": {}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "motion-approve-liaoyuan", "kind": "motion.propose",
         "author": "garden-hub", "ts": "2026-05-21T09:00:00Z",
         "body": {"type": "need.advance", "need": "liaoyuan-garden", "stage": "approved",
                  "deadline": "2026-06-04T09:00:00Z"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "pay-garden-tools", "kind": "motion.propose",
         "author": "garden-hub", "ts": "2026-06-10T09:00:00Z",
         "body": {"type": "disburse", "need": "liaoyuan-garden", "payee": "green-thumbs", "amount": 320000,
                  "from": "fund:earmark:liaoyuan-garden:CNY"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "voice-green-thumbs", "kind": "need.voice",
         "author": "green-thumbs", "ts": "2026-06-10T10:00:00Z",
         "body": {"need": "liaoyuan-garden", "position": "support", "reason": "老人需要阴凉 the elders need shade"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "vote-li-tools", "kind": "motion.approve",
         "author": "member-li", "ts": "2026-06-11T09:00:00Z", "body": {"motion": "pay-garden-tools"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "pledge-no-deadline", "kind": "pledge.make",
         "author": "pixel-studio", "ts": "2026-06-12T09:00:00Z",
         "body": {"need": "liaoyuan-garden", "asset": "LABOUR", "amount": 240}},
        # Matching (docs/protocol.md 4.3): a profiled need whose lines add up
        # to its requirements (the workshop: 40 m2 x 2 days = 80 m2-days),
        # an earmarked space offer, a pledge drawing on an offer for a line,
        # and a withdrawal.
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "need-gate-wall", "kind": "need.create",
         "author": "tongji-planners", "ts": "2026-06-13T09:00:00Z",
         "body": {"need": "jianxin-gate-wall", "title": "建新小区入口围墙 Jianxin entrance wall", "coordinator": "tongji-planners",
                  "requirements": {"CNY": 800000, "LABOUR": 1200, "EXPERTISE": 120, "SPACE": 80},
                  "profile": {"location": {"latitudeE6": 31273100, "longitudeE6": 121521400},
                              "community": "jianxin", "category": "facade",
                              "window": {"start": "2026-07-01T00:00:00Z", "end": "2026-08-01T00:00:00Z"}, "priority": 4,
                              "lines": [{"line": "cash", "asset": "CNY", "amount": 800000},
                                        {"line": "paint", "asset": "LABOUR", "skill": "painting", "amount": 1200},
                                        {"line": "legal", "asset": "EXPERTISE", "discipline": "legal", "amount": 120},
                                        {"line": "workshop", "asset": "SPACE", "area": 40,
                                         "window": {"start": "2026-07-05T00:00:00Z", "end": "2026-07-07T00:00:00Z"}}]}}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "publish-property-hall", "kind": "offer.publish",
         "author": "jiangpu-property", "ts": "2026-06-14T09:00:00Z",
         "body": {"offer": "property-hall", "asset": "SPACE", "area": 60,
                  "location": {"latitudeE6": 31274000, "longitudeE6": 121521400}, "radius": 800,
                  "window": {"start": "2026-07-01T00:00:00Z", "end": "2026-07-31T00:00:00Z"},
                  "earmark": {"communities": ["jianxin"]}}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "pledge-property-hall", "kind": "pledge.make",
         "author": "jiangpu-property", "ts": "2026-06-15T09:00:00Z",
         "body": {"need": "jianxin-gate-wall", "asset": "SPACE", "amount": 80, "line": "workshop", "offer": "property-hall"}},
        {"v": 1, "ledger": "fund.example.org/jiangpu", "id": "withdraw-property-hall", "kind": "offer.withdraw",
         "author": "jiangpu-property", "ts": "2026-06-16T09:00:00Z", "body": {"offer": "property-hall"}},
    ]
    # The ledger's times of acceptance: a few seconds after each author's ts.
    times = ["2026-03-01T09:30:02Z", "2026-03-05T08:00:03Z", "2026-03-05T08:01:00Z", "2026-05-20T00:00:01Z",
             "2026-05-21T09:00:02Z", "2026-06-10T09:00:01Z", "2026-06-10T10:00:01Z", "2026-06-11T09:00:01Z",
             "2026-06-12T09:00:01Z", "2026-06-13T09:00:01Z", "2026-06-14T09:00:02Z", "2026-06-15T09:00:01Z",
             "2026-06-16T09:00:03Z"]
    vectors = []
    for (sequence, unsigned), time in zip(enumerate(unsigned_envelopes, start=7), times):
        signed = mf.sign_envelope(unsigned, [key])
        message = mf.signing_bytes(unsigned)
        entry = mf.journal_entry(sequence, signed, time)
        vectors.append({
            "unsigned": unsigned,
            "signingBytesHex": message.hex(),
            "contentHashHex": hashlib.sha256(message).hexdigest(),
            "signatureBase64": signed["sigs"][0]["sig"],
            "signedEnvelope": mf.jcs(signed),
            "sequence": sequence,
            "time": time,
            "entry": entry.decode("utf-8"),
            "leafHashHex": mf.leaf_hash(entry).hex(),
        })
    write("envelopes.json", {
        "about": "MicroFund envelope vectors, generated by Fixtures/reference/generate_vectors.py from docs/protocol.md alone.",
        "secretKeyHex": SEEDS["test1"],
        "publicKeyHex": public_raw.hex(),
        "publicKeyBase64": mf.b64(public_raw),
        "keyId": mf.key_id(public_raw),
        "signingPrefix": mf.SIGNING_PREFIX.decode(),
        "vectors": vectors,
    })


def journal_vectors():
    """A whole small ledger: five entries, its tree, proofs and a checkpoint."""
    admin, operator, manager, donor = KEYS["test1"], KEYS["test2"], KEYS["test3"], KEYS["testabc"]
    origin = "vectors.microfund.example/ledger"
    ts = "2026-03-01T01:00:00Z"

    def party(pid, kind, name, key, roles):
        return {"id": pid, "kind": kind, "name": name, "publicKey": mf.b64(mf.raw_public(key)), "roles": roles}

    def env(eid, kind, author, body):
        return {"v": 1, "ledger": origin, "id": eid, "kind": kind, "author": author, "ts": ts, "body": body}

    script = [
        (env("genesis", "ledger.genesis", "committee", {
            "origin": origin, "operatorKey": mf.b64(mf.raw_public(operator)),
            "admin": party("committee", "committee", "Jiangpu Joint Committee", admin, [])}), [admin]),
        (env("register-fund", "party.register", "committee",
             party("community-fund", "social_org", "Community Fund", manager, ["fund_manager", "coordinator"])), [admin]),
        (env("register-studio", "party.register", "committee",
             party("pixel-studio", "enterprise", "Pixel Game Studio", donor, [])), [admin]),
        (env("need-garden", "need.create", "community-fund", {
            "need": "liaoyuan-garden", "title": "辽源花园 Liaoyuan garden", "coordinator": "community-fund",
            "requirements": {"CNY": 4800000}}), [manager]),
        (env("donation-1", "donation.record", "community-fund", {
            "donor": "pixel-studio", "amount": 1500000, "to": "fund:earmark:liaoyuan-garden:CNY"}), [manager, donor]),
    ]
    envelopes, entries = [], []
    times = []
    for sequence, (unsigned, keys) in enumerate(script, start=1):
        signed = mf.sign_envelope(unsigned, keys)
        envelopes.append(mf.jcs(signed))
        # Accepted one second apart, after the authors' common ts.
        times.append("2026-03-01T01:00:%02dZ" % sequence)
        entries.append(mf.journal_entry(sequence, signed, times[-1]).decode("utf-8"))
    leaves = [mf.leaf_hash(e.encode("utf-8")) for e in entries]
    size = len(leaves)
    checkpoint = mf.sign_note(mf.checkpoint_text(origin, size, mf.root(leaves)), origin, operator)
    write("journal.json", {
        "about": "A five-entry MicroFund ledger with its Merkle tree, proofs and a signed checkpoint, generated by Fixtures/reference/generate_vectors.py. Keys: RFC 8032 TEST 1 (admin), TEST 2 (operator), TEST 3 (fund manager), TEST SHA(abc) (donor).",
        "origin": origin,
        "envelopes": envelopes,
        "times": times,
        "entries": entries,
        "leafHashes": [mf.b64(leaf) for leaf in leaves],
        "roots": [mf.b64(mf.root(leaves[:n])) for n in range(0, size + 1)],
        "inclusion": {"seq": 3, "treeSize": 5, "hashes": [mf.b64(h) for h in mf.inclusion_proof(leaves, 2)]},
        "consistency": {"from": 2, "to": 5, "hashes": [mf.b64(h) for h in mf.consistency_proof(leaves, 2)]},
        "operatorVerifierKey": mf.verifier_key(origin, mf.raw_public(operator)),
        "checkpoint": checkpoint,
    })


if __name__ == "__main__":
    envelope_vectors()
    journal_vectors()
