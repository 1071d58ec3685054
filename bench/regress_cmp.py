#!/usr/bin/env python3
"""regress_cmp.py OLD NEW: compare bench/regress.sh outputs field by field
(the last JSON line of each file), timing, memory and version fields aside.
Exits 1 on any difference."""
import json, os, sys

SKIP = {"seconds", "version", "build"}  # and every ms_per_* and *memory* field

def last(path):
    with open(path) as f:
        lines = [l for l in f if l.strip().startswith("{")]
    return json.loads(lines[-1]) if lines else None

old, new = sys.argv[1], sys.argv[2]
bad = 0
for name in sorted(os.listdir(old)):
    if not name.endswith(".json"):
        continue
    a, b = last(os.path.join(old, name)), last(os.path.join(new, name)) if os.path.exists(os.path.join(new, name)) else None
    if a is None or b is None:
        print(f"{name}: missing output ({'old' if a is None else 'new'})"); bad += 1; continue
    diff = [k for k in sorted(set(a) | set(b)) if k not in SKIP and not k.startswith("ms_per")
            and "memory" not in k and a.get(k) != b.get(k)]
    if diff:
        bad += 1
        print(f"{name}: " + ", ".join(f"{k} {a.get(k)!r} -> {b.get(k)!r}" for k in diff[:6]))
    else:
        print(f"{name}: identical ({len(a)} fields)")
sys.exit(1 if bad else 0)
