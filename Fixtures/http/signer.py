"""Signed donation envelopes for load and abuse tests of `microfund serve`,
made with the reference implementation (Fixtures/reference), which shares
no code with the service."""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import microfund_reference as mf  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402


def load_key(path):
    with open(path, "rb") as handle:
        return serialization.load_pem_private_key(handle.read(), password=None)


def now_text():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def donation(key, ledger, author, donor, envelope_id, amount=100):
    unsigned = {
        "v": 1, "id": envelope_id, "kind": "donation.record", "ledger": ledger, "author": author, "ts": now_text(),
        "body": {"amount": amount, "donor": donor, "to": "fund:pool:CNY"},
    }
    return mf.jcs(mf.sign_envelope(unsigned, [key])).encode("utf-8")
