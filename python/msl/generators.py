"""generators: spike generators (include/msl/generator.h) and msl's random
number generator. Called with no argument they return the next vector; Net.run
draws from them in C."""
import ctypes as C

from . import _lib
from ._arrays import SpikeVector, doubles, dptr

f = _lib.fn


class Rng:
    """xoshiro256++ seeded by (seed, stream), as everywhere in msl."""

    def __init__(self, seed=1, stream=0):
        self.c = _lib.Rng()
        f["msl_rng_seed"](C.byref(self.c), seed, stream)

    def shuffle(self, a):
        """Shuffle an int32 numpy array in place, as msl does (Fisher-Yates)."""
        f["msl_rng_shuffle"](C.byref(self.c), a.ctypes.data_as(_lib.ip), a.size)

    def u64(self):
        """The next 64-bit output (xoshiro256++), computed here."""
        s = self.c.s
        m = (1 << 64) - 1
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & m
        out = (rotl((s[0] + s[3]) & m, 23) + s[0]) & m
        t = (s[1] << 17) & m
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    def normal(self, n):
        """n standard normal deviates (Box-Muller, drawn in C)."""
        import numpy as np
        out = np.empty(int(n))
        f["msl_rng_fill_normal"](C.byref(self.c), out.ctypes.data_as(_lib.dp), out.size)
        return out

    def uniform(self, n=None):
        """One uniform double in [0, 1), or an array of n (drawn in C)."""
        if n is None:
            return (self.u64() >> 11) * (1.0 / 9007199254740992.0)
        import numpy as np
        out = np.empty(int(n))
        f["msl_rng_fill_uniform"](C.byref(self.c), out.ctypes.data_as(_lib.dp), out.size)
        return out


class Generator:
    def __init__(self, ptr, rng=None):
        self._p = _lib.check(ptr)
        self.N = self._p.contents.n
        self.rng = rng
        self._out = SpikeVector(self.N)

    def __call__(self, r0=None):
        if r0 is not None:
            self.set_rates(r0)
        rp = C.byref(self.rng.c) if self.rng is not None else None
        _lib.check_rc(f["msl_generator_next"](self._p, rp, C.byref(self._out.s)))
        return self._out.x.copy()

    def set_rates(self, r0, scale=None):
        # (the scale only when it changes: each change recomputes the streams)
        if scale is not None and float(scale) != self._p.contents.scale:
            _lib.check_rc(f["msl_generator_set_scale"](self._p, float(scale)))
        a = doubles(r0, self.N, "rates")
        _lib.check_rc(f["msl_generator_set_rates"](self._p, dptr(a)))

    def reset(self):
        f["msl_generator_reset"](self._p)

    def __del__(self):
        if getattr(self, "_p", None):
            f["msl_generator_free"](self._p)


class Poisson(Generator):
    """Stream i spikes with probability scale r0[i] each step (one draw from rng)."""

    def __init__(self, N, r0, scale=1.0, rng=None):
        a = doubles(r0, N, "Poisson r0")
        super().__init__(f["msl_poisson_new"](N, dptr(a), scale), rng or Rng())


class Periodic(Generator):
    """v += scale r0; a spike where v > 1, which resets it to 0."""

    def __init__(self, N, r0, scale=1.0):
        a = doubles(r0, N, "Periodic r0")
        super().__init__(f["msl_periodic_new"](N, dptr(a), scale))


class SpikeSequence(Generator):
    """Column t mod T of r0 (shape N x T) at step t."""

    def __init__(self, N, r0):
        import numpy as np
        r = np.asarray(r0, dtype=np.float64)
        if r.ndim != 2 or r.shape[0] != N:
            raise ValueError(f"SpikeSequence: r0 must be N x T with N = {N}, got shape {r.shape}")
        a = np.ascontiguousarray(r)
        super().__init__(f["msl_sequence_new"](N, r.shape[1], dptr(a)))
