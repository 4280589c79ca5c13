#!/usr/bin/env python3
"""Signed donations from many connections at once against `microfund serve`,
each acknowledgement written (sequence number and id, one per line, flushed)
the moment it arrives, until the server goes away or the time is up:

  load.py URL KEY.pem LEDGER AUTHOR DONOR CONNECTIONS SECONDS ACKS

A test kills the server mid-load and checks that every acknowledged entry
is in the journal at its sequence number."""
import http.client
import json
import sys
import threading
import time
import urllib.parse

import signer


def main():
    url, key_path, ledger, author, donor, connections, seconds, acks_path = sys.argv[1:9]
    key = signer.load_key(key_path)
    target = urllib.parse.urlparse(url)
    deadline = time.time() + float(seconds)
    lock = threading.Lock()
    acks = open(acks_path, "w")
    counts = {"acknowledged": 0, "refused": 0, "broken": 0}

    def worker(number):
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        index = 0
        while time.time() < deadline:
            envelope_id = f"load-{number}-{index}"
            index += 1
            body = signer.donation(key, ledger, author, donor, envelope_id)
            try:
                connection.request("POST", "/v1/transactions", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException):
                with lock:
                    counts["broken"] += 1
                return
            with lock:
                if response.status in (200, 201):
                    outcome = json.loads(answer)
                    acks.write(f"{outcome['seq']} {outcome['id']}\n")
                    acks.flush()
                    counts["acknowledged"] += 1
                else:
                    counts["refused"] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(int(connections))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    acks.close()
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
