"""_common: what the two demos share: the seed's positional device arguments,
the extra options, and the path to the package when run from a checkout."""
import argparse
import gc
import os
import sys

# Start-up, measured (README, "Python"): no garbage collections while numpy and
# msl import (about 9 ms saved), then started() freezes those long-lived
# objects out of every later collection, the one at exit included (about 8 ms).
gc.disable()


def started():
    """Call after the imports: see gc.disable() above."""
    gc.freeze()
    gc.enable()


# The demos do no linear algebra: one BLAS thread, not a pool of one per core
# started (and spinning) at numpy's import, which costs wall time on a busy machine.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

DEVICES = {  # seed name: (msl device, the seed's positional arguments after it)
    "ideal": ("ideal", ["lr"]),
    "Vteam": ("vteam", ["lr", "g1"]),
    "Paiyu_chen_15": ("chen15", ["vp", "g1", "substeps"]),
    "data-driven": ("lut", ["lut", "g1", "v1p", "v1n", "dvp", "dvn"]),
}


def parse(prog, lead, argv=None):
    """lead: the positional arguments before the device (name, type, help).
    Returns (args, device, params): params the device's keyword arguments."""
    ap = argparse.ArgumentParser(prog=prog, description="the seed's demo on msl's Python API")
    for name, typ, hlp in lead:
        ap.add_argument(name, type=typ, help=hlp)
    ap.add_argument("device", choices=list(DEVICES), help="synapse model, then its arguments")
    ap.add_argument("dev_args", nargs="*", help="ideal LR | Vteam LR G1 | Paiyu_chen_15 VP G1 "
                    "SUBSTEPS | data-driven TABLE G1 V1P V1N DVP DVN")
    ap.add_argument("--train", type=int, help="training images (default: all)")
    ap.add_argument("--test", type=int, help="test images (default: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", help="MNIST directory (default: $MSL_DATA, ~/.local/share/msl/mnist)")
    a = ap.parse_args(argv)
    dev, names = DEVICES[a.device]
    if len(a.dev_args) != len(names):
        ap.error(f"{a.device} takes {len(names)} arguments ({' '.join(n.upper() for n in names)}),"
                 f" got {len(a.dev_args)}")
    params = {}
    for n, v in zip(names, a.dev_args):
        if n == "lut":
            params[n] = v
        else:
            try:
                params[n] = int(v) if n == "substeps" else float(v)
            except ValueError:
                ap.error(f"{a.device}: {n.upper()} must be a number, got {v!r}")
    return a, dev, params


def _fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "%.10g" % v if v == v and abs(v) != float("inf") else "null"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "[" + ", ".join(_fmt(x) for x in v) + "]"


def dumps(d):
    """A JSON line formatted as the msl program writes it (numbers %.10g)."""
    return "{" + ", ".join(f'"{k}": {_fmt(v)}' for k, v in d.items()) + "}"
