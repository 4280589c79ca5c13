#!/usr/bin/env python3
"""Independent check of a MicroFund JSON report (microfund-report/1) against
an exported journal, written from docs/reports.md and docs/protocol.md alone
and sharing no code with MicroFund: it replays the journal's first N entries
(N = the report's checkpoint size) with replay.py, recomputes the Merkle root
of those N entries, and compares what it recomputes with the report:

  trial    every account's four balances and balance, and the zero sums
  balance  every fund account's balance, pledged in, reserved and available,
           and what each payee was paid
  statement (from entry 0) opening 0, in, out, corrections and closing

    report_check.py journal.jsonl report.json   -> "ok: ..." or the differences, exit 1
"""
import base64
import json
import sys

import microfund_reference as mf
from replay import Ledger


def amount(cell):
    return cell["amount"] if isinstance(cell, dict) and "amount" in cell else None


def text(cell):
    if isinstance(cell, dict):
        return cell.get("id")
    return cell


def main(journal_path, report_path):
    report = json.load(open(report_path, encoding="utf-8"))
    if report.get("schema") != "microfund-report/1":
        print("not a microfund-report/1 report")
        return 1
    size = report["checkpoint"]["size"]
    lines = [line for line in open(journal_path, "rb").read().split(b"\n") if line]
    if size > len(lines):
        print("the journal has %d entries, the report %d" % (len(lines), size))
        return 1
    problems = []
    root = mf.root([mf.leaf_hash(line) for line in lines[:size]])
    if base64.b64encode(root).decode() != report["checkpoint"]["root"]:
        problems.append("the checkpoint root is not the root of the first %d entries" % size)
    ledger = Ledger()
    for line in lines[:size]:
        ledger.apply(json.loads(line))
    accounts = ledger.accounts          # path -> [debitsPending, debitsPosted, creditsPending, creditsPosted]
    sections = {s["id"]: s for s in report["sections"]}
    kind = report["kind"]
    if kind == "trial":
        rows = sections["accounts"]["rows"]
        seen = set()
        for row in rows:
            path = row[0]
            seen.add(path)
            dp, dq, cp, cq = accounts.get(path, [0, 0, 0, 0])
            want = [dq, cq, dp, cp, cq - dq]
            got = [amount(c) for c in row[2:7]]
            if got != want:
                problems.append("%s: report %s, journal %s" % (path, got, want))
        for path, balances in accounts.items():
            if any(balances) and path not in seen:
                problems.append("%s is missing from the report" % path)
        for row in sections["sums"]["rows"]:
            if amount(row[1]) != 0 or amount(row[2]) != 0:
                problems.append("%s does not sum to zero" % row[0])
    elif kind == "balance":
        for row in sections["fund"]["rows"]:
            path = row[0]
            if path == "total":
                continue
            dp, dq, cp, cq = accounts.get(path, [0, 0, 0, 0])
            want = [cq - dq, cp, dp, cq - dq - dp]
            got = [amount(c) for c in row[2:6]]
            if got != want:
                problems.append("%s: report %s, journal %s" % (path, got, want))
        for row in sections["paid"]["rows"]:
            path = "paid:%s:CNY" % text(row[0])
            dp, dq, cp, cq = accounts.get(path, [0, 0, 0, 0])
            if amount(row[1]) != cq - dq:
                problems.append("%s: report %s, journal %s" % (path, amount(row[1]), cq - dq))
    elif kind == "statement" and report.get("from", 0) == 0:
        fund = lambda p: p.startswith("fund:pool:") or p.startswith("fund:earmark:") or p.startswith("fund:reserve:")
        closing = sum(b[3] - b[1] for p, b in accounts.items() if fund(p))
        given = sum(b[1] for p, b in accounts.items() if p.startswith("party:") and p.endswith(":CNY"))
        back = sum(b[3] for p, b in accounts.items() if p.startswith("party:") and p.endswith(":CNY"))
        paid = sum(b[3] for p, b in accounts.items() if p.startswith("paid:"))
        # Reversals are counted apart (docs/reports.md): their cash is
        # neither money in nor money out, and a payout reversed still
        # counts as paid out, its return as a correction.
        out_of_fund, into_fund, payouts_back = ledger.undone["out_of_fund"], ledger.undone["into_fund"], ledger.undone["payouts"]
        summary = {row[0]: amount(row[1]) for row in sections["summary"]["rows"]}
        want = {"opening": 0, "in": given - into_fund, "out": back - out_of_fund + paid,
                "corrections": into_fund + payouts_back - out_of_fund, "closing": closing}
        if summary != want:
            problems.append("summary: report %s, journal %s" % (summary, want))
    else:
        print("this checker recomputes trial, balance and whole-history statement reports")
        return 1
    if problems:
        print("\n".join(problems[:40]))
        return 1
    print("ok: %s report at entry %d agrees with the journal" % (kind, size))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
