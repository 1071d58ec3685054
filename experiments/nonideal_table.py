#!/usr/bin/env python3
"""nonideal_table.py DB: the README's table of issue 13's full-protocol runs
(experiments/nonideal.sh) from a sweep database: one row per non-ideality
setting, one column per workload and device point, each cell "test accuracy
(energy per training image, nJ)"; points not finished show as "-".
Usage: experiments/nonideal_table.py [experiments/results/nonideal.sqlite]"""
import sqlite3
import sys

COLS = [("stdp", "chen15", "workload 1, Chen 1e-4"), ("stdp", "vteam", "workload 1, VTEAM 1e-5"),
        ("bp", "chen15", "workload 2, Chen 7e-5"), ("bp", "vteam", "workload 2, VTEAM 1.4e-5")]
KNOBS = ["c2c", "d2d", "read_noise", "levels", "stuck_off", "stuck_on", "endurance"]


def label(r):
    on = [k for k in KNOBS if (r.get(k) or 0) != 0]
    if not on:
        return (0, 0, ""), "none"
    if len(on) > 1:
        return (9, 0, ""), "all on (moderate: see below)"
    k = on[0]
    v = r[k]
    if k == "levels":
        top = r.get("levels_top") or 0
        rnd = r.get("levels_rounding") or "nearest"
        order = {"nearest": 1, "stochastic": 2}[rnd] + (2 if top else 0)
        name = f"--levels {int(v)}, {rnd}" + (f", --levels-top {top:g}" if top else "")
        return (3, order, f"{v:08.0f}"), name
    rank = {"c2c": 1, "d2d": 2, "read_noise": 2.5, "stuck_off": 4, "stuck_on": 5, "endurance": 6}[k]
    return (rank, 0, f"{v:012.6f}"), f"--{k.replace('_', '-')} {v:g}"


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "experiments/results/nonideal.sqlite"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    have = {c[1] for c in con.execute("PRAGMA table_info(runs)")}
    rows = {}
    for r in con.execute("SELECT * FROM runs WHERE status = 'done'"):
        r = {k: r[k] for k in r.keys() if k in have}
        key, name = label(r)
        col = next((c for c in COLS if c[0] == r["workload"] and c[1] == r["device"]), None)
        if col is None:
            continue
        if r.get("d2d_factors") not in (None, "", "all"):
            continue  # --d2d-factors runs: README's own table
        rows.setdefault((key, name), {})[col] = (r["test_accuracy"], r["energy_per_image_nj"])
    print("| non-ideality | " + " | ".join(c[2] for c in COLS) + " |")
    print("|---|" + "---|" * len(COLS))
    for (key, name), cells in sorted(rows.items()):
        out = []
        for c in COLS:
            a = cells.get(c)
            out.append("-" if a is None else f"{a[0]:.3f} ({a[1]:.3g})")
        print(f"| {name} | " + " | ".join(out) + " |")


if __name__ == "__main__":
    main()
