"""transforms: LowPass and PassThrough (include/msl/transform.h), given to a
synapse as transform= (it then owns them) or applied directly."""
import ctypes as C

from . import _lib
from ._arrays import SpikeVector, view

f = _lib.fn


class Transform:
    def __init__(self, ptr, n):
        self._p = _lib.check(ptr)
        self._owned = True
        self.N = n
        self._in, self._out = SpikeVector(n), SpikeVector(n)

    def _give(self):
        if not self._owned:
            raise ValueError("transform: already used by a synapse")
        self._owned = False

    def __call__(self, x):
        self._in.set(x)
        _lib.check_rc(f["msl_transform_apply"](self._p, C.byref(self._in.s), C.byref(self._out.s)))
        return self._out.x.copy()

    @property
    def value(self):
        return view(f["msl_transform_value"](self._p), (self.N,), owner=self, writeable=False)

    def reset(self):
        f["msl_transform_reset"](self._p)

    def __del__(self):
        if getattr(self, "_owned", False):
            f["msl_transform_free"](self._p)


class LowPass(Transform):
    """v = (1 - b) x + b v, b = exp(-1/tau); with delay, v one step late."""

    def __init__(self, N, tau, delay=False):
        super().__init__(f["msl_lowpass_new"](N, tau, int(bool(delay))), N)


class PassThrough(Transform):
    def __init__(self, N, delay=False):
        super().__init__(f["msl_passthrough_new"](N, int(bool(delay))), N)
