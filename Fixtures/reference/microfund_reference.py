"""An independent implementation of the MicroFund wire protocol, written
from docs/protocol.md alone (Python 3 and the `cryptography` package).

It is what a client or an auditor in another language would write: RFC 8785
canonical JSON for the protocol's subset, envelope signing bytes, key ids,
journal entries, the RFC 6962/9162 Merkle tree with proofs, and C2SP signed
notes and checkpoints. `generate_vectors.py` uses it to write
Fixtures/vectors/, and `verify.py` to check a live ledger's checkpoint and
proofs; MicroFund's tests run both against the Swift implementation.
"""
import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNING_PREFIX = b"microfund/tx/v1\n"
EM_DASH = "\u2014"


# RFC 8785 for objects, arrays, strings, integers (|n| <= 2^53 - 1), booleans, null.
def jcs(value):
    if isinstance(value, dict):
        names = sorted(value.keys(), key=lambda name: name.encode("utf-16-be"))
        return "{" + ",".join(_jcs_string(n) + ":" + jcs(value[n]) for n in names) + "}"
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        if abs(value) > 2**53 - 1:
            raise ValueError("integer outside the safe range")
        return str(value)
    if isinstance(value, str):
        return _jcs_string(value)
    raise TypeError("not in the protocol's JSON subset: %r" % (value,))


def _jcs_string(text):
    escapes = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    out = ['"']
    for ch in text:
        if ch in escapes:
            out.append(escapes[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def unb64(text):
    return base64.b64decode(text, validate=True)


# Keys and envelopes (docs/protocol.md sections 1-3).
def raw_public(key):
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_raw):
    return hashlib.sha256(public_raw).digest()[:16].hex()


def signing_bytes(envelope):
    unsigned = {k: v for k, v in envelope.items() if k != "sigs"}
    return SIGNING_PREFIX + jcs(unsigned).encode("utf-8")


def sign_envelope(unsigned, keys):
    signed = dict(unsigned)
    message = signing_bytes(unsigned)
    signed["sigs"] = [{"kid": key_id(raw_public(k)), "sig": b64(k.sign(message))} for k in keys]
    return signed


def verify_signature(public_raw, message, signature):
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
        return True
    except InvalidSignature:
        return False


def journal_entry(sequence, envelope, time):
    """The entry: the envelope, its sequence number and the ledger's time of
    acceptance (docs/protocol.md section 6)."""
    return jcs({"seq": sequence, "envelope": envelope, "time": time}).encode("utf-8")


def parse_time(text):
    """Seconds since 1970 of YYYY-MM-DDTHH:MM:SS[.f]Z (docs/protocol.md 2.2)."""
    import calendar
    import re
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z", text)
    if not match:
        raise ValueError("not a protocol time: " + text)
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction = float(match.group(7) or 0)
    return calendar.timegm((year, month, day, hour, minute, second)) + fraction


# RFC 6962 / RFC 9162 Merkle tree (docs/protocol.md section 6).
def leaf_hash(entry):
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves):
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def inclusion_proof(leaves, index):
    if len(leaves) <= 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_proof(leaves[:k], index) + [root(leaves[k:])]
    return inclusion_proof(leaves[k:], index - k) + [root(leaves[:k])]


def consistency_proof(leaves, old):
    def sub(m, d, complete):
        if m == len(d):
            return [] if complete else [root(d)]
        k = _split(len(d))
        if m <= k:
            return sub(m, d[:k], complete) + [root(d[k:])]
        return sub(m - k, d[k:], False) + [root(d[:k])]
    return sub(old, leaves, True)


def verify_inclusion(leaf, index, size, proof, expected_root):
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def verify_consistency(old, new, old_root, new_root, proof):
    if old == new:
        return not proof and old_root == new_root
    if old == 0 or old > new:
        return False
    path = list(proof)
    if old & (old - 1) == 0:
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


# C2SP signed-note and tlog-checkpoint (docs/protocol.md section 7).
def note_key_hash(name, public_raw):
    return hashlib.sha256(name.encode("utf-8") + b"\n\x01" + public_raw).digest()[:4]


def verifier_key(name, public_raw):
    return "%s+%s+%s" % (name, note_key_hash(name, public_raw).hex(), b64(b"\x01" + public_raw))


def parse_verifier_key(text):
    name, hash_hex, blob = text.split("+", 2)
    raw = unb64(blob)
    if raw[0] != 1 or len(raw) != 33 or note_key_hash(name, raw[1:]).hex() != hash_hex:
        raise ValueError("not an Ed25519 verifier key")
    return name, raw[1:]


def sign_note(text, name, private_key):
    signature = private_key.sign(text.encode("utf-8"))
    blob = note_key_hash(name, raw_public(private_key)) + signature
    return text + "\n" + EM_DASH + " " + name + " " + b64(blob) + "\n"


def open_note(note, name, public_raw):
    split = note.rindex("\n\n")
    text = note[: split + 1]
    expected = note_key_hash(name, public_raw)
    verified = False
    # Every line by the key must verify: a good line does not excuse a bad one.
    for line in note[split + 2 :].rstrip("\n").split("\n"):
        if not line.startswith(EM_DASH + " "):
            raise ValueError("malformed signature line")
        signer, blob = line[2:].split(" ")
        raw = unb64(blob)
        if signer == name and raw[:4] == expected:
            if not verify_signature(public_raw, text.encode("utf-8"), raw[4:]):
                raise ValueError("bad signature")
            verified = True
    if not verified:
        raise ValueError("no signature by " + name)
    return text


def checkpoint_text(origin, size, root_hash):
    return "%s\n%d\n%s\n" % (origin, size, b64(root_hash))


def parse_checkpoint(text):
    lines = text.split("\n")
    return lines[0], int(lines[1]), unb64(lines[2])
