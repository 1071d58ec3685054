"""net: a network of layers and synapses connected by name, shaped like the
seed's SpikingNet (add_input / add_layer / add_synapse / add_output, called
once per step). The C engine steps it (include/msl/net.h): synapses read their
pre layer's previous output or this step's input, layers advance in insertion
order, then plastic synapses learn."""
import ctypes as C

import numpy as np

from . import _lib
from ._arrays import SpikeVector

f = _lib.fn


class Net:
    def __init__(self):
        self._p = _lib.check(f["msl_net_new"]())
        self.inputs, self.outputs = [], []
        self.layers, self.synapses = {}, []
        self._vec = []

    def __del__(self):
        if getattr(self, "_p", None):
            f["msl_net_free"](self._p)

    def add_input(self, name, n):
        """An input of n entries (the seed's add_input has no size; msl needs it)."""
        if f["msl_net_add_input"](self._p, name.encode(), n) < 0:
            raise _lib.MslError(_lib.error())
        self.inputs.append(name)
        self._vec.append(SpikeVector(n))
        return self

    def _adopt(self, obj, rc):
        obj._owned = False  # the net frees it (also when adding failed)
        if rc < 0:
            obj._p = None
            raise _lib.MslError(_lib.error())

    def add_layer(self, layer, name):
        """Add a layer (the seed's argument order: the layer, then its name)."""
        if not getattr(layer, "_owned", False):
            raise ValueError(f"layer '{name}': already part of a network")
        self._adopt(layer, f["msl_net_add_layer"](self._p, name.encode(), layer._p))
        self.layers[name] = layer
        return self

    def add_synapse(self, post, syn, pre):
        """Connect syn from pre (an input or layer name) to layer post."""
        if not getattr(syn, "_owned", False):
            raise ValueError(f"synapse {pre} -> {post}: already part of a network")
        self._adopt(syn, f["msl_net_add_synapse"](self._p, post.encode(), syn._p, pre.encode()))
        self.synapses.append(syn)
        return self

    def add_output(self, name):
        if name not in self.layers:
            raise ValueError(f"output '{name}': no such layer")
        self.outputs.append(name)
        return self

    def __call__(self, *x, learn=True):
        """One step with one vector per input (in the order added); returns the
        outputs' new spikes (copies)."""
        if len(x) != len(self.inputs):
            raise ValueError(f"network: {len(self.inputs)} inputs, {len(x)} given")
        for v, a, name in zip(self._vec, x, self.inputs):
            v.set(a, f"input '{name}'")
        arr = (C.POINTER(_lib.Spikes) * max(1, len(self._vec)))(
            *[C.pointer(v.s) for v in self._vec])
        _lib.check_rc(f["msl_net_step"](self._p, arr, int(bool(learn))))
        return [self.layers[n].s for n in self.outputs]

    def run(self, steps, generators, learn=True, rng=None, count=None):
        """`steps` steps in C, input k drawn from generators[k] each step (rng:
        for random generators; default the first generator's). Returns the
        spike counts of layer `count` over the run (or None)."""
        gens = tuple(generators)
        key = tuple(id(g) for g in gens)
        if getattr(self, "_gkey", None) != key:  # the pointer array, kept while unchanged
            if len(gens) != len(self.inputs):
                raise ValueError(f"network: {len(self.inputs)} inputs, {len(gens)} generators")
            self._gkey, self._gens = key, gens
            self._garr = (C.POINTER(_lib.Generator) * max(1, len(gens)))(*[g._p for g in gens])
        arr = self._garr
        rng = rng or next((g.rng for g in gens if g.rng is not None), None)
        counts = None
        if count is not None:
            if count not in self.layers:
                raise ValueError(f"count: no layer named '{count}'")
            counts = np.zeros(self.layers[count].n)
        _lib.check_rc(f["msl_net_run"](
            self._p, arr, C.byref(rng.c) if rng is not None else None, int(steps),
            int(bool(learn)), count.encode() if count else None,
            counts.ctypes.data_as(_lib.dp) if counts is not None else None))
        return counts

    def counter(self, name):
        """An activity vector for counting input or layer `name` (see run_counting):
        its .x is a float32 view."""
        n = self.layers[name].n if name in self.layers else \
            self._vec[self.inputs.index(name)].n if name in self.inputs else None
        if n is None:
            raise ValueError(f"counter: no input or layer named '{name}'")
        return SpikeVector(n)

    def runner(self, generators, names=(), counters=(), learn=True, rng=None):
        """A prepared run: calling it with a number of steps runs them in C, as
        run, adding the vectors of the named inputs or layers into counters
        (from counter(); not cleared) every step. Everything is converted
        once, so a call costs one C call (for drivers with short runs)."""
        return _Runner(self, tuple(generators), tuple(names), tuple(counters), learn, rng)

    def run_counting(self, steps, generators, names, counters, learn=True, rng=None):
        """runner(...)(steps) in one go."""
        self.runner(generators, names, counters, learn, rng)(steps)

    def reset(self):
        f["msl_net_reset"](self._p)


class _Runner:
    def __init__(self, net, gens, names, counters, learn, rng):
        if len(gens) != len(net.inputs):
            raise ValueError(f"network: {len(net.inputs)} inputs, {len(gens)} generators")
        if len(names) != len(counters):
            raise ValueError("runner: one counter per name")
        self._keep = (net, gens, counters)
        enc = [n.encode() for n in names]
        rng = rng or next((g.rng for g in gens if g.rng is not None), None)
        self._args = (net._p,
                      (C.POINTER(_lib.Generator) * max(1, len(gens)))(*[g._p for g in gens]),
                      C.byref(rng.c) if rng is not None else None)
        self._tail = (int(bool(learn)), len(enc), (C.c_char_p * max(1, len(enc)))(*enc),
                      (C.POINTER(_lib.Spikes) * max(1, len(counters)))(
                          *[C.pointer(c.s) for c in counters]))
        self._rng = rng
        self._f = f["msl_net_run_counting"]

    def __call__(self, steps):
        if self._f(*self._args, steps, *self._tail):
            raise _lib.MslError(_lib.error())
