"""workloads: the paper's two workloads as calls returning the CLI's JSON
result as a dict, and the sweep database as a list of dicts.

stdp() and bp() run the msl program (the same code as `msl stdp` / `msl bp`,
so the results are the CLI's bit for bit): $MSL_BIN, else the repository's
build/msl, else msl on PATH. Keywords are the options: neurons=100 is
--neurons 100, label_window=250 is --label-window 250, freeze_test=True is
--freeze-test."""
import os

from ._lib import MslError

# json, shutil, sqlite3 and subprocess are imported where used: `import msl`
# stays as quick as numpy's import allows (scripts that never call these).

_here = os.path.dirname(os.path.abspath(__file__))


def _program():
    import shutil
    for c in (os.environ.get("MSL_BIN"), os.path.join(_here, "..", "..", "build", "msl")):
        if c and os.path.exists(c):
            return c
    p = shutil.which("msl")
    if not p:
        raise MslError("msl: the msl program is not built (cmake --build build) and not on PATH")
    return p


def _run(cmd, kw):
    import json
    import subprocess
    args = [_program(), cmd, "--quiet"]
    for k, v in kw.items():
        opt = "--" + k.replace("_", "-")
        if v is True:
            args.append(opt)
        elif v is False or v is None:
            continue
        else:
            args += [opt, str(v)]
    p = subprocess.run(args, capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        raise MslError((p.stderr.strip() or f"msl {cmd} failed with status {p.returncode}"))
    return json.loads(lines[-1])


def stdp(**kw):
    """Workload 1 (msl stdp), e.g. stdp(neurons=100, train=10000, device="chen15", g1=1e-4)."""
    return _run("stdp", kw)


def bp(**kw):
    """Workload 2 (msl bp), e.g. bp(device="chen15", g1=7e-5, vp=1.5, epochs=1)."""
    return _run("bp", kw)


def bp_errors(out_counts, W_out, hid_counts, e_out, e_hid):
    """Workload 2's errors (SPEC 8, msl_bp_errors) as a prepared call: f(label)
    writes e_out = onehot(label) - min(out count, 1) and e_hid = e_out (W_out -
    0.05) for hidden neurons with a count (0 elsewhere), from what the count
    vectors (Net.counter) and W_out (a synapse's W view, hidden x outputs) hold
    at the call. e_out, e_hid: contiguous float64 arrays written in place."""
    import ctypes as C
    import numpy as np
    from . import _lib
    for a, n in ((e_out, out_counts.n), (e_hid, hid_counts.n)):
        if a.dtype != np.float64 or a.size != n or not a.flags.c_contiguous:
            raise ValueError(f"bp_errors: an error vector must be {n} contiguous float64")
    if W_out.shape != (hid_counts.n, out_counts.n):
        raise ValueError(f"bp_errors: W_out must be {hid_counts.n} x {out_counts.n}")
    fe, dp = _lib.fn["msl_bp_errors"], _lib.dp
    pre = (out_counts.ref,)
    post = (W_out.ctypes.data_as(dp), hid_counts.ref, hid_counts.n, e_out.ctypes.data_as(dp),
            e_hid.ctypes.data_as(dp))

    def call(label):
        fe(*pre, int(label), *post)
    call._keep = (out_counts, W_out, hid_counts, e_out, e_hid, C)
    return call


def sweep_db(path, status="done"):
    """The runs of a sweep database (msl sweep --db PATH) as a list of dicts, each
    with the run's whole JSON result parsed into "result" (status=None: all runs)."""
    import json
    import sqlite3
    if not os.path.exists(path):
        raise MslError(f"{path}: no such sweep database")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        q = "SELECT * FROM runs" + (" WHERE status = ?" if status else "") + " ORDER BY point_key"
        rows = [dict(r) for r in con.execute(q, (status,) if status else ())]
    except sqlite3.Error as e:
        raise MslError(f"{path}: {e}")
    finally:
        con.close()
    for r in rows:
        rj = r.get("result_json")
        r["result"] = json.loads(rj) if rj else None
    return rows
