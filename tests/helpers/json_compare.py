#!/usr/bin/env python3
"""Compare isogrep's --json output with ripgrep's, record by record.

Usage: json_compare.py ISOGREP_OUTPUT RG_OUTPUT [--ordered]

Every line of both must parse (python's json) as one compact object.
Records are compared field by field, keys in order; the only fields left
out are timings ("elapsed", "elapsed_total", whose "human" is one too)
and isogrep's "skipped" in the summary.  Unless --ordered, the files'
groups of records (begin .. end) may come in any order, since both tools
print files as their threads finish them.
"""
import json
import sys

IGNORED = {"elapsed", "elapsed_total", "skipped"}


def strip(pairs):
    return [(k, v) for k, v in pairs if k not in IGNORED]


def load(path):
    records = []
    with open(path, "rb") as f:
        for n, raw in enumerate(f.read().split(b"\n")[:-1], 1):
            text = raw.decode("utf-8")
            rec = json.loads(text, object_pairs_hook=strip)
            compact = json.dumps(json.loads(text), separators=(",", ":"),
                                 ensure_ascii=False)
            if compact != text:
                sys.exit("%s:%d: not compact JSON: %r" % (path, n, text))
            records.append(rec)
    return records


def groups(records):
    """Split into per-file groups and the rest (the summary)."""
    out, cur, rest = [], None, []
    for rec in records:
        kind = dict(rec)["type"]
        if kind == "begin":
            cur = [rec]
        elif cur is not None:
            cur.append(rec)
            if kind == "end":
                out.append(cur)
                cur = None
        else:
            rest.append(rec)
    if cur is not None:
        out.append(cur)
    return out, rest


def main():
    ours, theirs = load(sys.argv[1]), load(sys.argv[2])
    ordered = "--ordered" in sys.argv[3:]
    if ordered:
        a, b = ours, theirs
    else:
        ga, ra = groups(ours)
        gb, rb = groups(theirs)
        key = lambda g: json.dumps(g)
        a = sorted(ga, key=key) + ra
        b = sorted(gb, key=key) + rb
    if a != b:
        la = [json.dumps(x) for x in a]
        lb = [json.dumps(x) for x in b]
        for i in range(max(len(la), len(lb))):
            x = la[i] if i < len(la) else "<none>"
            y = lb[i] if i < len(lb) else "<none>"
            if x != y:
                print("first difference at record %d:\n isogrep: %s\n rg:      %s"
                      % (i, x[:2000], y[:2000]))
                break
        sys.exit(1)


main()
