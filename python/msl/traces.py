"""traces: the trace kinds (include/msl/trace.h) as specifications, and a
synapse's trace as a numpy view."""
import ctypes as C

from . import _lib
from ._arrays import view, doubles, dptr

EXP, BINARY, IF_RECENT, CONSTANT, MANUAL, ACCUMULATE = range(6)


class Spec:
    """A trace kind with its parameters; give it to Trace.replace or as a
    synapse's tre / tro."""

    def __init__(self, kind, a=0.0, d=0.0, lim=0.0, off=0.0, on=0.0, duration=0):
        self.c = _lib.TraceSpec(kind, a, d, lim, off, on, duration)


def Exponential(t0, t1, tracelim):
    """The seed's Trace(N, t0, t1, tracelim): t = min(t t1 + t0 x, tracelim)."""
    return Spec(EXP, a=t0, d=t1, lim=tracelim)


def BinaryTrace(off, on):
    return Spec(BINARY, off=off, on=on)


def IfRecentTrace(off, on, duration):
    return Spec(IF_RECENT, off=off, on=on, duration=duration)


def ConstantTrace(val):
    return Spec(CONSTANT, on=val)


def ManualTrace(val):
    return Spec(MANUAL, on=val)


def AccumulateTrace():
    return Spec(ACCUMULATE)


class Trace:
    """A synapse's trace: `t` is a view of its values (no copy)."""

    def __init__(self, ptr, owner):
        self._p = _lib.check(ptr)
        self._owner = owner

    @property
    def t(self):
        tr = self._p.contents
        return view(tr.t, (tr.n,), owner=self._owner)

    def __call__(self):
        return self.t

    def replace(self, spec):
        """Make this trace another kind (a Spec), in place."""
        _lib.check_rc(_lib.fn["msl_trace_replace"](self._p, C.byref(spec.c)))

    def set_val(self, val):
        """Manual traces: set every value (the seed's ManualTrace.set_val)."""
        a = doubles(val if hasattr(val, "__len__") else [val] * self._p.contents.n,
                    self._p.contents.n, "trace value")
        _lib.check_rc(_lib.fn["msl_trace_set"](self._p, dptr(a)))

    def reset(self):
        _lib.fn["msl_trace_reset"](self._p)
