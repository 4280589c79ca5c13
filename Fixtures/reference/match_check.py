#!/usr/bin/env python3
"""Independent checker of a match-result/1 file against its match-instance/1
problem, written from docs/matching.md alone (no code shared with the Swift
engine): every allocation's pair is allowed, capacities hold, space is whole
and one to one, distances are within a metre of haversine, the order is by
line id then offer id, and P and fulfilment agree with the allocations.

    match_check.py INSTANCE.json RESULT.json      -> prints "ok P=..." or the problems, exit 1
"""
import json
import math
import sys


def haversine(a_lat, a_lon, b_lat, b_lon, r):
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def main(instance_path, result_path):
    inst = json.load(open(instance_path, encoding="utf-8"))
    res = json.load(open(result_path, encoding="utf-8"))
    problems = []
    if res.get("schema") != "match-result/1":
        problems.append("schema is not match-result/1")
    R = inst.get("earth_radius_m", 6371008.8)
    default_radius = inst.get("default_radius_m", 500)
    weights = {int(k): float(v) for k, v in inst.get("priority_weights", {str(i): i for i in range(1, 6)}).items()}
    lines = {}
    for n in inst["needs"]:
        for l in n["lines"]:
            lines[l["id"]] = (n, l)
    offers = {o["id"]: o for o in inst["offers"]}
    given, got, seen = {}, {}, set()
    previous = None
    for a in res["allocations"]:
        key = (a["line"], a["offer"])
        if previous is not None and key <= previous:
            problems.append(f"allocations out of order at {key}")
        previous = key
        if key in seen:
            problems.append(f"pair twice {key}")
        seen.add(key)
        if a["line"] not in lines or a["offer"] not in offers:
            problems.append(f"unknown id in {key}")
            continue
        n, l = lines[a["line"]]
        o = offers[a["offer"]]
        q = a["quantity"]
        if not isinstance(q, int) or q <= 0:
            problems.append(f"quantity {q!r} in {key}")
        if o["kind"] != l["kind"] or o.get("skill") != l.get("skill") or o.get("discipline") != l.get("discipline"):
            problems.append(f"kind or skill differs in {key}")
        d = haversine(n["lat"], n["lon"], o["lat"], o["lon"], R)
        if "radius_m" in o:
            radius = o["radius_m"]          # null: unlimited
        else:
            radius = None if o["kind"] == "cash" else default_radius
        if radius is not None and d > radius + 1e-6:
            problems.append(f"{key}: {d:.3f} m beyond radius {radius}")
        if abs(d - a["distanceMetres"]) > 1:
            problems.append(f"{key}: distanceMetres {a['distanceMetres']} vs {d:.3f}")
        if l["kind"] == "space":
            if not (o["window"][0] <= l["window"][0] and l["window"][1] <= o["window"][1]):
                problems.append(f"{key}: offer window does not cover the use")
            if o["area_m2"] < l["area_m2"] or q != l["area_m2"]:
                problems.append(f"{key}: area")
        elif max(o["window"][0], n["window"][0]) >= min(o["window"][1], n["window"][1]):
            problems.append(f"{key}: windows do not overlap")
        em = o.get("earmark") or {}
        if em.get("categories") and n["category"] not in em["categories"]:
            problems.append(f"{key}: category earmark")
        if em.get("communities") and n["community"] not in em["communities"]:
            problems.append(f"{key}: community earmark")
        if not isinstance(a.get("why"), str) or not a["why"]:
            problems.append(f"{key}: no why")
        given[o["id"]] = given.get(o["id"], 0) + (1 if l["kind"] == "space" else q)
        got[l["id"]] = got.get(l["id"], 0) + (1 if l["kind"] == "space" else q)
    for oid, q in given.items():
        o = offers[oid]
        if q > (1 if o["kind"] == "space" else o["quantity"]):
            problems.append(f"offer {oid} over capacity")
    P = 0.0
    W = 0.0
    for lid, (n, l) in sorted(lines.items()):
        req = 1 if l["kind"] == "space" else l["quantity"]
        if got.get(lid, 0) > req:
            problems.append(f"line {lid} over its requirement")
        w = weights[n["priority"]]
        P += w * min(1.0, got.get(lid, 0) / req)
        W += w
    if abs(P - res["P"]) > 1e-9 * max(1.0, P):
        problems.append(f"P {res['P']} but allocations give {P}")
    if abs(P / W - res["fulfilment"]) > 1e-9:
        problems.append(f"fulfilment {res['fulfilment']} but allocations give {P / W}")
    if problems:
        print("\n".join(problems[:50]))
        return 1
    print(f"ok P={res['P']!r} allocations={len(res['allocations'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
