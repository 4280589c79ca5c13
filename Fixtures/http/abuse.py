#!/usr/bin/env python3
"""Hostile input against `microfund serve`, none of which may be accepted:

  abuse.py URL REPLAY.json KEY.pem LEDGER AUTHOR DONOR

REPLAY.json is an envelope already in the journal (a replay must come back
as a duplicate). Sends malformed, oversized, truncated, wrongly typed,
wrongly signed and replayed requests, deeply nested JSON, invalid UTF-8,
unknown routes and methods; holds slow-loris connections open while
checking that others are still served; disconnects mid-body; and floods
the write queue (answered 503 `overloaded` with Retry-After, never a
crash). Prints a summary as JSON; exits 1 naming the first violation: an
answer that is 5xx other than 503, not problem+json where it must be, or a
server that stopped answering."""
import http.client
import json
import random
import socket
import sys
import threading
import time
import urllib.parse

import signer

violations = []
statuses = {}
lock = threading.Lock()


def note(kind, status):
    with lock:
        statuses.setdefault(kind, {}).setdefault(str(status), 0)
        statuses[kind][str(status)] += 1


def request(target, method, path, body=None, headers=None, kind="", allowed=None, problem=True):
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as error:
        with lock:
            violations.append(f"{kind}: {method} {path}: no answer ({error})")
        return None, b""
    finally:
        connection.close()
    note(kind, response.status)
    if response.status >= 500 and response.status != 503:
        violations.append(f"{kind}: {method} {path}: {response.status} {data[:200]!r}")
    if allowed is not None and response.status not in allowed:
        violations.append(f"{kind}: {method} {path}: {response.status}, expected one of {allowed}: {data[:200]!r}")
    if problem and response.status >= 400 and response.getheader("Content-Type") != "application/problem+json":
        violations.append(f"{kind}: {method} {path}: {response.status} without problem+json")
    return response, data


def post(target, body, kind, content_type="application/json", allowed=None):
    return request(target, "POST", "/v1/transactions", body, {"Content-Type": content_type}, kind, allowed)


def raw_socket(target):
    return socket.create_connection((target.hostname, target.port), timeout=30)


def main():
    url, replay_path, key_path, ledger, author, donor = sys.argv[1:7]
    target = urllib.parse.urlparse(url)
    replay = open(replay_path, "rb").read().strip()
    key = signer.load_key(key_path)
    rng = random.Random(20261207)
    sent = 0

    # Malformed: random bytes and every kind of broken JSON.
    for _ in range(150):
        post(target, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))), "malformed", allowed=[400, 413])
        sent += 1
    # Truncated: prefixes of a real envelope.
    for cut in sorted(rng.sample(range(1, len(replay)), 100)):
        post(target, replay[:cut], "truncated", allowed=[400])
        sent += 1
    # Wrongly signed: fresh envelopes whose signature or content was changed after signing.
    for index in range(150):
        envelope = json.loads(signer.donation(key, ledger, author, donor, f"abuse-{index}"))
        if index % 2:
            sig = envelope["sigs"][0]["sig"]
            envelope["sigs"][0]["sig"] = ("A" if sig[0] != "A" else "B") + sig[1:]
        else:
            envelope["body"]["amount"] += 1
        post(target, json.dumps(envelope).encode(), "wrongly-signed", allowed=[401])
        sent += 1
    # Replayed: an envelope already in the journal, again and again.
    for _ in range(100):
        response, data = post(target, replay, "replayed", allowed=[200])
        if response is not None and json.loads(data).get("outcome") != "duplicate":
            violations.append(f"replayed: not a duplicate: {data[:200]!r}")
        sent += 1
    # Wrongly typed bodies and content types.
    for index in range(100):
        content_type = ["text/plain", "application/xml", "multipart/form-data", "", "application/json; charset=latin1"][index % 5]
        allowed = [400, 401, 413, 415, 200] if content_type.startswith("application/json") else [415]
        post(target, replay, "wrong-type", content_type=content_type, allowed=allowed)
        sent += 1
    for body in [b"[]", b"1", b"null", b"\"x\"", b"{\"v\":\"1\"}", b"true"] * 10:
        post(target, body, "wrong-shape", allowed=[400])
        sent += 1
    # Deeply nested JSON and invalid UTF-8.
    for depth in [33, 100, 1000, 10000, 100000] * 10:
        post(target, b"[" * depth + b"]" * depth, "nested", allowed=[400, 413])
        post(target, b"{\"a\":" * depth + b"1" + b"}" * depth, "nested", allowed=[400, 413])
        sent += 2
    for index in range(50):
        post(target, b"{\"v\":1,\"id\":\"\xff\xfe" + bytes([0x80 + index]) + b"\"}", "utf8", allowed=[400])
        sent += 1
    # Oversized bodies (the server's limit is 1 MiB; the test starts it lower).
    for size in [70_000, 200_000, 2_000_000] * 10:
        post(target, b" " * size, "oversized", allowed=[400, 413])
        sent += 1
    # Unknown routes, methods and parameters.
    for path in ["/", "/v2/transactions", "/v1/../etc/passwd", "/v1/accounts?at=-1", "/v1/journal?limit=0",
                 "/v1/journal?limit=99999999999999999999", "/v1/proofs/inclusion/0", "/v1/proofs/inclusion/abc",
                 "/v1/reports/balance?format=exe", "/v1/needs/%ff%fe", "/v1/parties/" + "x" * 5000] * 8:
        request(target, "GET", path, kind="routes")
        sent += 1
    for method in ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"] * 5:
        request(target, method, "/v1/transactions", b"{}", {"Content-Type": "application/json"}, kind="methods", allowed=[404, 405])
        sent += 1
    # A huge header.
    for _ in range(10):
        try:
            # Refused by the HTTP parser itself, before any route (docs/http.md §2).
            request(target, "GET", "/healthz", headers={"X-Big": "y" * 100_000}, kind="big-header", allowed=[400, 431], problem=False)
        except Exception:
            pass
        sent += 1
    # Disconnect mid-body: announce 1,000 bytes, send 10, hang up.
    for _ in range(50):
        sock = raw_socket(target)
        sock.sendall(b"POST /v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"v\":1,\"id")
        sock.close()
        sent += 1
    # Slow loris: connections that send a header byte at a time while others are served.
    stop = threading.Event()

    def loris():
        try:
            sock = raw_socket(target)
            for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000:
                if stop.is_set():
                    break
                sock.send(bytes([byte]))
                time.sleep(0.05)
            sock.close()
        except OSError:
            pass

    lorises = [threading.Thread(target=loris) for _ in range(50)]
    for thread in lorises:
        thread.start()
    started = time.time()
    for _ in range(20):
        request(target, "GET", "/healthz", kind="beside-loris", allowed=[200])
        sent += 1
    if time.time() - started > 10:
        violations.append("healthz took over 10 s beside slow-loris connections")
    stop.set()
    for thread in lorises:
        thread.join()
    # Flood: batches of wrongly signed envelopes from many connections at once,
    # beyond the write queue: some are answered 503 overloaded.
    def unsigned_by_author(n):
        envelope = json.loads(signer.donation(key, ledger, author, donor, f"flood-{n}", amount=1))
        envelope["body"]["amount"] = 2
        return json.dumps(envelope).encode()

    batch = b"\n".join(unsigned_by_author(n) for n in range(64))
    overloaded = []

    def flood():
        for _ in range(10):
            response, data = post(target, batch, "flood", content_type="application/x-ndjson", allowed=[200, 503])
            if response is not None and response.status == 503:
                overloaded.append(response.getheader("Retry-After"))
                if json.loads(data).get("code") != "overloaded":
                    violations.append(f"flood: 503 with code {data[:100]!r}")

    flooders = [threading.Thread(target=flood) for _ in range(32)]
    for thread in flooders:
        thread.start()
    for thread in flooders:
        thread.join()
    sent += 320
    if not overloaded:
        violations.append("flood: the queue never overflowed (no 503)")
    if any(value is None for value in overloaded):
        violations.append("flood: a 503 without Retry-After")
    # Still serving.
    response, _ = request(target, "GET", "/healthz", kind="after", allowed=[200])
    print(json.dumps({"sent": sent, "statuses": statuses, "overloaded": len(overloaded), "violations": violations[:20]}))
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
