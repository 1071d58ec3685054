"""_arrays: numpy views of libmsl's memory (no copies) and vectors in."""
import ctypes as C

import numpy as np

from . import _lib


def view(ptr, shape, dtype=np.float64, owner=None, writeable=True):
    """A numpy array over ptr's memory; `owner` is kept alive with it."""
    if not ptr:
        return None
    n = int(np.prod(shape))
    ctype = np.ctypeslib.as_ctypes_type(dtype)
    buf = (ctype * n).from_address(C.addressof(ptr.contents))
    a = np.frombuffer(buf, dtype=dtype).reshape(shape)
    a.flags.writeable = writeable
    if owner is not None:
        buf._msl_owner = owner  # the ctypes buffer holds the owner; the array holds the buffer
    return a


def doubles(x, n, what):
    """x as a contiguous float64 array of n values, or ValueError naming what."""
    a = np.ascontiguousarray(np.asarray(x, dtype=np.float64).ravel())
    if a.size != n:
        raise ValueError(f"{what}: expected {n} values, got {a.size}")
    return a


def dptr(a):
    return a.ctypes.data_as(_lib.dp)


_clear = _lib.fn["msl_spikes_clear"]


class SpikeVector:
    """An msl_spikes owned by Python: fill from a numpy vector, read back."""

    def __init__(self, n):
        self.s = _lib.Spikes()
        if _lib.fn["msl_spikes_init"](C.byref(self.s), n):
            raise MemoryError("msl: out of memory for a vector of %d" % n)
        self.n = n
        self.ref = C.byref(self.s)
        self.x = view(self.s.x, (n,), np.float32, owner=self)

    def set(self, v, what="input"):
        v = np.asarray(v)
        if v.size != self.n:
            raise ValueError(f"{what}: expected {self.n} values, got {v.size}")
        self.x[:] = v.ravel()
        _lib.fn["msl_spikes_reindex"](self.ref)

    def clear(self):
        _clear(self.ref)

    def __del__(self):
        if getattr(self, "s", None) is not None and self.s.x:
            _lib.fn["msl_spikes_free"](C.byref(self.s))
