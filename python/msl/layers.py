"""layers: msl's neuron types (include/msl/layer.h), constructed with the
seed's arguments as keywords. A layer added to a Net belongs to the net."""
import ctypes as C

import numpy as np

from . import _lib
from ._arrays import view

f = _lib.fn


class Layer:
    """A neuron layer; `s` is its latest output (a copy), `n` its size."""

    def __init__(self, ptr):
        self._p = _lib.check(ptr)
        self._owned = True
        self.n = self._p.contents.n

    @property
    def s(self):
        L = self._p.contents
        return view(L.buf[L.cur].x, (self.n,), np.float32).copy()

    def reset(self):
        f["msl_layer_reset"](self._p)

    def set_adapt(self, on):
        _lib.check_rc(f["msl_layer_set_adapt"](self._p, int(bool(on))))

    def __del__(self):
        if getattr(self, "_owned", False):
            f["msl_layer_free"](self._p)


class IntFire(Layer):
    """v += x; s = v >= v0; v = 0 on a spike (the seed's IntFireLayer)."""

    def __init__(self, N, v0=1.0):
        super().__init__(f["msl_if_new"](N, v0))


class LIF(Layer):
    """The seed's SpikingLayer: v = (1 - s)(a v + (1 - a) x), a = exp(-1/tau)."""

    def __init__(self, N, tau, v0=1.0):
        super().__init__(f["msl_lif_new"](N, tau, v0))


SpikingLayer = LIF


def _so(tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i, v_offset_i):
    return _lib.SecondOrderParams(tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i,
                                  v_offset_i)


class SecondOrder(Layer):
    """Conductance-based neuron (Diehl & Cook), the seed's SecondOrderLayer."""

    def __init__(self, N, tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i, v_offset_i):
        p = _so(tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i, v_offset_i)
        super().__init__(f["msl_second_order_new"](N, C.byref(p)))


class Adaptive(Layer):
    """Second-order neuron with an adaptive threshold (the seed's HomeostasisLayer)."""

    def __init__(self, theta_tau, theta_delta, theta_init, N, tau, vth, vreset, vrest, v_init,
                 t_refrac, tau_e, tau_i, v_offset_i):
        p = _lib.AdaptiveParams(_so(tau, vth, vreset, vrest, v_init, t_refrac, tau_e, tau_i,
                                    v_offset_i), theta_tau, theta_delta, theta_init)
        super().__init__(f["msl_adaptive_new"](N, C.byref(p)))

    @property
    def theta(self):
        """The thresholds' adaptation theta[N] (float32, a view: no copy)."""
        return view(f["msl_adaptive_theta"](self._p), (self.n,), np.float32, owner=self)


HomeostasisLayer = Adaptive


class Latch(Layer):
    """Emits 1 from the first input > 0 on, until reset (LatchLayer)."""

    def __init__(self, N):
        super().__init__(f["msl_latch_new"](N))


class Identity(Layer):
    """Emits its input (IdentityLayer)."""

    def __init__(self, N):
        super().__init__(f["msl_identity_new"](N))


class NormalizedLIF(Layer):
    """v = (1 - s) a v + num / sqrt(den); num: excitatory, den: inhibitory synapses."""

    def __init__(self, N, tau, v0=1.0):
        super().__init__(f["msl_normalized_lif_new"](N, tau, v0))


class LeakyIntegralSoftmax(Layer):
    """Softmax over Nch channels at each of Nloc locations (LeakyIntegralSoftmax)."""

    def __init__(self, Nloc, Nch, tau, threshinit, threshstep, global_skip=False,
                 local_skip=False):
        p = _lib.LisParams(Nloc, Nch, tau, threshinit, threshstep, int(bool(global_skip)),
                           int(bool(local_skip)))
        super().__init__(f["msl_lis_new"](C.byref(p)))
        self.n_loc = Nloc

    def aggregate(self):
        _lib.check_rc(f["msl_lis_aggregate"](self._p))

    @property
    def thresh(self):
        return view(f["msl_lis_thresholds"](self._p), (self.n_loc,), owner=self, writeable=False)
