#!/usr/bin/env python3
"""An independent replay of a MicroFund journal, written from
docs/protocol.md alone and sharing no code with MicroFund: it applies every
entry's effects in order (transfers and their four balances, pledges,
needs' stages, hearing voices, committee motions and their quorums,
disbursements with their reserve share, policy changes, ticks, offers and
what pledges drew on them) and prints the state it reaches as one
canonical JSON object:

  python3 Fixtures/reference/replay.py journal.jsonl

{"accounts": {path: [debitsPending, debitsPosted, creditsPending, creditsPosted]},
 "motions": {id: state}, "needs": {id: stage}, "offers": {id: [state, drawn]},
 "pledges": {id: [state, delivered]}, "policy": {...}, "reversals": {original seq: reversal seq}, "seq": N}

where an offer's "drawn" is what pledges naming it hold: pending pledges'
amounts and confirmed ones' delivered amounts (docs/protocol.md 4.3).

It replays accepted entries: the rules that refuse envelopes are the
service's to apply; what an accepted entry does is checked here.
"""
import json
import sys

import microfund_reference as mf

DEFAULT_POLICY = {
    "tiers": [{"upTo": 500000, "approvals": 2, "hearing": False}, {"upTo": 5000000, "approvals": 3, "hearing": True}],
    "shareBeforeAcceptance": 3000, "reserveShare": 500, "pledgeLifetimeDays": 30, "motionLifetimeDays": 14,
    "rates": {"LABOUR": 5000, "EXPERTISE": 30000, "SPACE": 100}, "timeZone": "Asia/Shanghai",
}


def with_time_zone(policy):
    """A policy that names no time zone is in Asia/Shanghai (docs/protocol.md 4.2)."""
    return {"timeZone": "Asia/Shanghai", **policy}
STAGES = ["proposed", "approved", "hearing_passed", "in_progress", "accepted", "maintained"]


def format_time(seconds):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Ledger:
    def __init__(self):
        self.accounts, self.pledges, self.needs, self.motions, self.parties = {}, {}, {}, {}, {}
        self.offers = {}
        # Every envelope by sequence number, for the entries a reversal undoes.
        self.entries, self.reversals = {}, {}
        # Cash the reversals took back out of the fund and put back in, and
        # payouts' shares paid to payees that came back.
        self.undone = {"out_of_fund": 0, "into_fund": 0, "payouts": 0}
        self.policy, self.seq = DEFAULT_POLICY, 0

    def account(self, path):
        return self.accounts.setdefault(path, [0, 0, 0, 0])

    def move(self, debit, credit, amount, pending):
        d, c = self.account(debit), self.account(credit)
        if pending:
            d[0] += amount
            c[2] += amount
        else:
            d[1] += amount
            c[3] += amount

    def settle(self, debit, credit, pending, posted):
        d, c = self.account(debit), self.account(credit)
        d[0] -= pending
        c[2] -= pending
        d[1] += posted
        c[3] += posted

    def committee(self):
        return {p for p, party in self.parties.items() if "committee_member" in party["roles"]}

    def conflicts(self, proposer, action):
        out = {proposer}
        need = self.needs.get(action.get("need"))
        if need:
            out.add(need["coordinator"])
        payee = action.get("payee")
        if action["type"] == "payout.reverse":
            payee = self.motions[action["motion"]]["action"]["payee"]
        if payee is not None:
            out.add(payee)
            organisation = self.parties.get(payee, {}).get("organisation")
            for pid, party in self.parties.items():
                org = party.get("organisation")
                if org == payee or pid == organisation or (organisation is not None and org == organisation):
                    out.add(pid)
        return out

    def payout_parts(self, action):
        reserve = action["amount"] * self.policy["reserveShare"] // 10000
        parts = [("paid:%s:CNY" % action["payee"], action["amount"] - reserve),
                 ("fund:reserve:%s:CNY" % action["need"], reserve)]
        return [(credit, part) for credit, part in parts if part > 0]

    def settle_motion(self, motion, pay):
        # For exactly what was reserved when it was proposed, whatever the
        # policy says now.
        action = motion["action"]
        for credit, part in motion.get("parts", []):
            self.settle(action["from"], credit, part, part if pay else 0)

    def carry_out(self, motion):
        action = motion["action"]
        kind = action["type"]
        if kind == "policy.change":
            self.policy = with_time_zone(action["policy"])
            return
        need = self.needs[action["need"]]
        if kind == "need.advance":
            need["stage"] = action["stage"]
        elif kind == "dispute.open":
            need["stage"] = "disputed:" + need["stage"]
        elif kind == "dispute.resolve":
            need["stage"] = need["stage"][len("disputed:"):]
        elif kind == "disburse":
            self.settle_motion(motion, True)
        elif kind == "payout.reverse":
            # Each share of the payout back to the account it came from.
            payout = self.motions[action["motion"]]
            for credit, part in payout["parts"]:
                self.move(credit, payout["action"]["from"], part, False)
                if credit.startswith("paid:"):
                    self.undone["payouts"] += part
            self.reversals[str(payout["settled"])] = self.seq

    def apply(self, entry):
        envelope, time = entry["envelope"], mf.parse_time(entry["time"])
        kind, body, author = envelope["kind"], envelope["body"], envelope["author"]
        self.seq = entry["seq"]
        self.entries[self.seq] = envelope
        if kind == "ledger.genesis":
            admin = body["admin"]
            self.parties[admin["id"]] = {"roles": set(admin.get("roles", [])) | {"admin"}, "organisation": admin.get("organisation")}
            self.policy = with_time_zone(body.get("policy", DEFAULT_POLICY))
        elif kind == "party.register":
            self.parties[body["id"]] = {"roles": set(body.get("roles", [])), "organisation": body.get("organisation")}
        elif kind == "party.update":
            party = self.parties[body["party"]]
            if "roles" in body:
                party["roles"] = set(body["roles"])
            if "organisation" in body:
                party["organisation"] = body["organisation"]
        elif kind == "need.create":
            self.needs[body["need"]] = {"coordinator": body["coordinator"], "stage": "proposed"}
        elif kind == "donation.record":
            self.move("party:%s:CNY" % body["donor"], body["to"], body["amount"], False)
        elif kind == "donation.refund":
            self.move(body["from"], "party:%s:CNY" % body["donor"], body["amount"], False)
        elif kind == "pledge.make":
            asset, need = body["asset"], body["need"]
            destination = "fund:earmark:%s:CNY" % need if asset == "CNY" else "need:%s:%s" % (need, asset)
            deadline = mf.parse_time(body["deadline"]) if "deadline" in body else \
                int(time) + self.policy["pledgeLifetimeDays"] * 86400
            pledge = {"source": "party:%s:%s" % (author, asset), "destination": destination, "amount": body["amount"],
                      "deadline": deadline, "state": "pending", "delivered": 0, "offer": body.get("offer")}
            self.pledges[envelope["id"]] = pledge
            self.move(pledge["source"], destination, body["amount"], True)
        elif kind in ("pledge.confirm", "pledge.cancel"):
            pledge = self.pledges[body["pledge"]]
            delivered = body["amount"] if kind == "pledge.confirm" else 0
            self.settle(pledge["source"], pledge["destination"], pledge["amount"], delivered)
            pledge["state"], pledge["delivered"] = ("confirmed" if kind == "pledge.confirm" else "cancelled"), delivered
        elif kind == "offer.publish":
            self.offers[body["offer"]] = "live"
        elif kind == "offer.withdraw":
            self.offers[body["offer"]] = "withdrawn"
        elif kind == "ledger.tick":
            for pid in sorted(self.pledges):
                pledge = self.pledges[pid]
                if pledge["state"] == "pending" and pledge["deadline"] < time:
                    self.settle(pledge["source"], pledge["destination"], pledge["amount"], 0)
                    pledge["state"] = "expired"
            for mid in sorted(self.motions):
                motion = self.motions[mid]
                if motion["state"] == "open" and motion["deadline"] < time:
                    motion["state"] = "expired"
                    self.settle_motion(motion, False)
        elif kind == "motion.propose":
            action = dict(body)
            action.pop("deadline", None)
            committee = self.committee()
            if action["type"] == "policy.change":
                quorum = len(committee) // 2 + 1
            elif action["type"] == "payout.reverse":
                # The approvals the payout had (docs/protocol.md 4.5).
                quorum = self.motions[action["motion"]]["quorum"]
            elif action["type"] == "disburse":
                tiers = [t for t in self.policy["tiers"] if action["amount"] <= t["upTo"]]
                quorum = tiers[0]["approvals"] if tiers else len(committee) // 2 + 1
            else:
                tiers = self.policy["tiers"]
                quorum = tiers[0]["approvals"] if tiers else len(committee) // 2 + 1
            deadline = mf.parse_time(body["deadline"]) if "deadline" in body else \
                int(time) + self.policy["motionLifetimeDays"] * 86400
            motion = {"action": action, "proposer": author, "quorum": quorum, "deadline": deadline,
                      "eligible": committee - self.conflicts(author, action), "approvals": set(), "rejections": set(), "state": "open"}
            self.motions[envelope["id"]] = motion
            if action["type"] == "disburse":
                motion["parts"] = self.payout_parts(action)
                for credit, part in motion["parts"]:
                    self.move(action["from"], credit, part, True)
        elif kind in ("motion.approve", "motion.reject"):
            motion = self.motions[body["motion"]]
            if kind == "motion.approve":
                motion["approvals"].add(author)
                if len(motion["approvals"]) >= motion["quorum"]:
                    motion["state"], motion["settled"] = "passed", self.seq
                    self.carry_out(motion)
            else:
                motion["rejections"].add(author)
                if len(motion["eligible"]) - len(motion["rejections"]) < motion["quorum"]:
                    motion["state"] = "rejected"
                    self.settle_motion(motion, False)
        elif kind == "motion.withdraw":
            motion = self.motions[body["motion"]]
            motion["state"] = "withdrawn"
            self.settle_motion(motion, False)
        elif kind == "entry.reverse":
            self.reverse(body["entry"])
        # key.rotate, key.revoke and need.voice move no balance, stage or motion.

    def reverse(self, seq):
        """The mirror of what entry seq posted (docs/protocol.md 4.5)."""
        original = self.entries[seq]
        kind, body = original["kind"], original["body"]
        if kind == "donation.record":
            self.move(body["to"], "party:%s:CNY" % body["donor"], body["amount"], False)
            self.undone["out_of_fund"] += body["amount"]
        elif kind == "donation.refund":
            self.move("party:%s:CNY" % body["donor"], body["from"], body["amount"], False)
            self.undone["into_fund"] += body["amount"]
        elif kind == "pledge.confirm":
            pledge = self.pledges[body["pledge"]]
            self.move(pledge["destination"], pledge["source"], body["amount"], False)
            if pledge["destination"].endswith(":CNY"):
                self.undone["out_of_fund"] += body["amount"]
        self.reversals[str(seq)] = self.seq

    def drawn(self, offer):
        held = {"pending": lambda p: p["amount"], "confirmed": lambda p: p["delivered"]}
        return sum(held.get(p["state"], lambda p: 0)(p) for p in self.pledges.values() if p["offer"] == offer)

    def summary(self):
        return {
            "seq": self.seq,
            "accounts": {path: balances for path, balances in self.accounts.items() if any(balances)},
            "pledges": {pid: [p["state"], p["delivered"]] for pid, p in self.pledges.items()},
            "needs": {nid: n["stage"] for nid, n in self.needs.items()},
            "offers": {oid: [state, self.drawn(oid)] for oid, state in self.offers.items()},
            "motions": {mid: m["state"] for mid, m in self.motions.items()},
            "policy": self.policy,
            "reversals": self.reversals,
        }


def main():
    ledger = Ledger()
    with open(sys.argv[1], "rb") as handle:
        for line in handle.read().split(b"\n"):
            if line:
                ledger.apply(json.loads(line))
    print(mf.jcs(ledger.summary()))


if __name__ == "__main__":
    main()
