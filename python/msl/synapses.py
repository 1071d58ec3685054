"""synapses: msl's synapse types (include/msl/synapse.h, loihi.h), with the
seed's arguments as keywords.

Weights are msl's layout, W[j, i] from pre j to post i, shape (Ne, No): the
transpose of the seed's (No, Ne). `W` is a view of the library's memory (no
copy): a write through it is what the network uses on its next step (a
crossbar's weights are device states: call commit() after writing, or assign
`syn.W = ...`, which commits). A synapse added to a Net belongs to the net."""
import ctypes as C

import numpy as np

from . import _lib
from ._arrays import view, doubles, dptr
from .traces import Spec, Trace

f = _lib.fn
EXC, INH = 0, 1


def _channel(syn_type):
    if syn_type in (None, "exc", EXC):
        return EXC
    if syn_type in ("inh", INH):
        return INH
    raise ValueError(f"channel: 'exc' or 'inh', got {syn_type!r}")


def _trace(tr, tracelim):
    """A (t0, t1) tuple, (t0, t1, lim), or a Spec: trace params and the Spec to apply."""
    if isinstance(tr, Spec):
        return _lib.TraceParams(1.0, 1.0, 1.0), tr
    if tr is None:
        return _lib.TraceParams(0.0, 0.0, 0.0), None
    t = tuple(tr)
    return _lib.TraceParams(t[0], t[1], t[2] if len(t) > 2 else tracelim), None


class Synapse:
    def __init__(self, ptr, keep=(), specs=(None, None), transform=None):
        self._p = _lib.check(ptr)
        self._inner = self._p
        self._keep = list(keep)
        self._owned = True
        s = self._p.contents
        self.Ne, self.No = s.n_pre, s.n_post
        for post, spec in enumerate(specs):
            if spec is not None:
                self.trace(post).replace(spec)
        if transform is not None:
            transform._give()
            self._p = _lib.check(f["msl_transformed_new"](transform._p, self._p))
            self._keep.append(transform)

    def __del__(self):
        if getattr(self, "_owned", False):
            f["msl_synapse_free"](self._p)

    @property
    def W(self):
        return view(f["msl_synapse_weights"](self._p), (self.Ne, self.No), owner=self)

    @W.setter
    def W(self, value):
        w = self.W
        if w is None:
            raise AttributeError(f"{type(self).__name__}: no weight matrix")
        w[...] = value
        self.commit()

    def commit(self):
        f["msl_synapse_commit"](self._p)

    def rescale(self, lo, hi, factors):
        """W[:, i] = clip(W[:, i], lo, hi) * factors[i], then commit, in one pass in C."""
        a = doubles(factors, self.No, "rescale factors")
        _lib.check_rc(f["msl_synapse_rescale"](self._p, lo, hi, dptr(a)))

    def reset(self):
        f["msl_synapse_reset"](self._p)

    def normalise(self, target, lo=0.0, hi=1.0):
        """Diehl & Cook's normalisation: each post neuron's weights clipped to
        [lo, hi] and scaled to sum to target (in C, summed in pre order)."""
        if getattr(self, "_sums", None) is None:  # the row sums, a buffer kept for every call
            self._sums = np.empty(self.No)
            self._sums_p = dptr(self._sums)
        _lib.check_rc(f["msl_synapse_normalise"](self._p, lo, hi, target, self._sums_p))

    def trace(self, post):
        return Trace(f["msl_synapse_trace"](self._p, int(post)), self)

    @property
    def te(self):
        return self.trace(0)

    @property
    def to(self):
        return self.trace(1)

    @property
    def stats(self):
        s = self._p.contents
        d = {k: getattr(s.stats, k) for k, _ in _lib.SynStats._fields_}
        d.update({k: getattr(s.counts, k) for k, _ in _lib.SynCounts._fields_})
        return d

    def replay(self, pre_counts, e):
        """Workload 2's error-driven update: pre_counts a vector of counts
        (Net.counter), e the post errors (float64, No)."""
        self.replayer(pre_counts, e)()

    def replayer(self, pre_counts, e):
        """replay with its arguments converted once: call it to replay what
        pre_counts and e hold then (both must stay alive and in place)."""
        if e.dtype != np.float64 or e.size != self.No or not e.flags.c_contiguous:
            raise ValueError(f"replay: errors must be {self.No} contiguous float64")
        fr, args = f["msl_synapse_replay"], (self._p, pre_counts.ref, dptr(e))

        def call():
            if fr(*args):
                raise _lib.MslError(_lib.error())
        call._keep = (self, pre_counts, e)
        return call

    @property
    def energy_j(self):
        """Programming energy since the last reset_stats, J (stats["energy_j"])."""
        return self._p.contents.stats.energy_j

    def reset_stats(self):
        f["msl_synapse_stats_reset"](self._p)


class Dense(Synapse):
    """y = W x (the seed's BaseSynapse)."""

    def __init__(self, Ne, No, W0, syn_type=None, transform=None):
        w = doubles(W0, Ne * No, "Dense W0")
        super().__init__(f["msl_dense_new"](Ne, No, dptr(w), _channel(syn_type)),
                         transform=transform)


BaseSynapse = Dense


class OneToOne(Synapse):
    def __init__(self, N, w, syn_type=None):
        super().__init__(f["msl_one_to_one_new"](N, w, _channel(syn_type)))


class AllButSelf(Synapse):
    def __init__(self, N, w, syn_type=None):
        super().__init__(f["msl_all_but_self_new"](N, w, _channel(syn_type)))


class Uniform(Synapse):
    def __init__(self, Ne, No, c, syn_type=None):
        super().__init__(f["msl_uniform_new"](Ne, No, c, _channel(syn_type)))


class Plastic(Synapse):
    """Ideal STDP (the seed's PlasticSynapse); rule_params {"Ap", "An"}."""

    def __init__(self, Ne, No, W0, tre, tro, rule_params=None, Wlim=1.0, syn_type=None,
                 tracelim=10.0, err_lr=0.0, transform=None):
        rp = rule_params or {}
        te, se = _trace(tre, tracelim)
        to, so = _trace(tro, tracelim)
        p = _lib.StdpParams(rp.get("Ap", 0.0), rp.get("An", 0.0), Wlim, err_lr,
                            int(syn_type in ("exc", "inh")), te, to)
        w = doubles(W0, Ne * No, "Plastic W0")
        super().__init__(f["msl_plastic_new"](Ne, No, dptr(w), C.byref(p), _channel(
            "inh" if syn_type == "inh" else None)), specs=(se, so), transform=transform)


PlasticSynapse = Plastic


def _params(kw, workload=1, quirks=0):
    """An msl_params set from keywords (dt_pre -> dt-pre); the names' bytes are kept."""
    ps = _lib.Params()
    f["msl_params_init"](C.byref(ps), workload)
    ps.quirks = int(quirks)
    keep = []
    for k, v in kw.items():
        name = k.replace("_", "-").encode()
        keep.append(name)
        if isinstance(v, str):
            t = v.encode()
            keep.append(t)
            rc = f["msl_params_set_text"](C.byref(ps), name, t)
        else:
            rc = f["msl_params_set"](C.byref(ps), name, float(v))
        _lib.check_rc(rc)
    return ps, keep


class Crossbar(Synapse):
    """A device crossbar (SPEC 4-6): device, rule, cell and drive by name, their
    parameters as keywords (g1=1e-4, vp=1.3, substeps=1, lr=0.03, dt_pre=1e-9 ...)."""

    def __init__(self, Ne, No, W0, device, tre=(1.0, np.exp(-1 / 40), 1.0),
                 tro=(1.0, np.exp(-1 / 40), 1.0), rule=None, cell=None, drive=None, workload=1,
                 quirks=0, seed=1, syn_type=None, tracelim=1.0, transform=None, **params):
        ps, keep = _params(params, workload, quirks)
        te, se = _trace(tre, tracelim)
        to, so = _trace(tro, tracelim)
        enc = [s.encode() if s else None for s in (device, rule, cell, drive)]
        xp = _lib.CrossbarParams(*enc, C.pointer(ps), te, to, seed)
        w = doubles(W0, Ne * No, "Crossbar W0")
        super().__init__(f["msl_crossbar_new"](Ne, No, dptr(w), C.byref(xp), _channel(syn_type)),
                         keep=[ps, keep, enc], specs=(se, so), transform=transform)

    @property
    def states(self):
        """The cells' device states (read-only view, W's layout)."""
        return view(f["msl_crossbar_states"](self._inner), (self.Ne, self.No), owner=self,
                    writeable=False)


class Lambda(Synapse):
    """y += fn(x): any Python function of the pre vector x (float32, length Ne)
    returning No values (the seed's LambdaSynapse). In C use msl_lambda_new."""

    def __init__(self, Ne, No, fn, syn_type=None):
        def call(ctx, pre, y, n_post):
            x = view(pre.contents.x, (Ne,), np.float32)
            out = np.asarray(fn(x), dtype=np.float64).ravel()
            yv = view(y, (n_post,))
            yv += out
        self._cb = _lib.LAMBDA_FN(call)
        super().__init__(f["msl_lambda_new"](Ne, No, self._cb, None, _channel(syn_type)),
                         keep=[self._cb])


LambdaSynapse = Lambda


class Pool(Synapse):
    """Max pooling of accumulated input (PoolSynapse); index (x h + y) c + ch."""

    def __init__(self, w_in_raw, h_in_raw, c_in, w_stride, h_stride, syn_type=None):
        super().__init__(f["msl_pool_new"](w_in_raw, h_in_raw, c_in, w_stride, h_stride,
                                           _channel(syn_type)))


PoolSynapse = Pool


class PlasticConv(Synapse):
    """Convolutional STDP with a shared kernel W[w_k, h_k, c_in, c_out]
    (PlasticConvSynapse); rule_params {"Ap", "An", "MMp"}."""

    def __init__(self, w_in, h_in, c_in, w_k, h_k, c_out, convmode, W0, tre, tro,
                 rule_params, Wlim=1.0, syn_type=None, tracelim=10.0, transform=None):
        if convmode not in ("valid", "same"):
            raise ValueError(f"PlasticConv: unknown conv mode {convmode!r}")
        te, se = _trace(tre, tracelim)
        to, so = _trace(tro, tracelim)
        rp = rule_params
        p = _lib.ConvParams(w_in, h_in, c_in, w_k, h_k, c_out, int(convmode == "same"),
                            rp.get("Ap", 0.0), rp.get("An", 0.0), rp.get("MMp", 0.0), Wlim,
                            int(syn_type in ("exc", "inh")), te, to)
        w = doubles(W0, w_k * h_k * c_in * c_out, "PlasticConv W0")
        super().__init__(f["msl_plastic_conv_new"](C.byref(p), dptr(w), _channel(
            "inh" if syn_type == "inh" else None)), specs=(se, so), transform=transform)
        self.kshape = (w_k, h_k, c_in, c_out)

    @property
    def W(self):
        """The shared kernel (a view), shape (w_k, h_k, c_in, c_out)."""
        n = C.c_int()
        return view(f["msl_conv_kernel"](self._inner, C.byref(n)), self.kshape, owner=self)

    @W.setter
    def W(self, value):
        self.W[...] = value


PlasticConvSynapse = PlasticConv


def _rule(r):
    """A list of products, each a list of (code, value) pairs, as an msl_loihi_rule."""
    out = _lib.LoihiRule()
    if r is None:
        return out
    if len(r) > _lib.LOIHI_PRODUCTS:
        raise ValueError(f"Loihi rule: at most {_lib.LOIHI_PRODUCTS} products, got {len(r)}")
    out.n = len(r)
    for q, chunk in enumerate(r):
        if len(chunk) > _lib.LOIHI_FACTORS:
            raise ValueError(f"Loihi rule: at most {_lib.LOIHI_FACTORS} factors, got {len(chunk)}")
        out.p[q].n = len(chunk)
        for k, (code, value) in enumerate(chunk):
            out.p[q].f[k] = _lib.LoihiFactor(int(code), float(value))
    return out


class Loihi(Synapse):
    """The Loihi-style general rule (the seed's LoihiSynapse): wrule is a list of
    products [(code, value), ...] with the seed's factor codes (docs/models.md)."""

    def __init__(self, Ne, No, W0, tre, tro, wrule, tagrule=None, Wlim=1.0, taglim=1.0,
                 tre2=None, trm=None, tro2=None, tro3=None, tracelim=10.0, transform=None,
                 syn_type=None, _wrule_c=None):
        def tp(t):
            return _lib.TraceParams(t[0], t[1], 0.0) if t is not None else _lib.TraceParams()
        p = _lib.LoihiParams(_wrule_c if _wrule_c is not None else _rule(wrule), _rule(tagrule),
                             Wlim, taglim, tracelim, tp(tre), tp(tro), tp(tre2), tp(tro2),
                             tp(tro3), tp(trm))
        w = doubles(W0, Ne * No, "Loihi W0")
        super().__init__(f["msl_loihi_new"](Ne, No, dptr(w), C.byref(p), _channel(syn_type)),
                         transform=transform)

    def modulate(self, xm):
        """The modulatory input xm[No] for the next learning steps."""
        a = doubles(xm, self.No, "modulatory input")
        _lib.check_rc(f["msl_loihi_modulate"](self._inner, dptr(a)))

    @property
    def tag(self):
        return view(f["msl_loihi_tag"](self._inner), (self.Ne, self.No), owner=self)


LoihiSynapse = Loihi


def STDPrule(Ne, No, W0, tre, tro, Ap, Ad, Wlim=1.0, tracelim=10.0, **kw):
    """dW = Ap xo te - Ad xe to."""
    return Loihi(Ne, No, W0, tre, tro, None, Wlim=Wlim, tracelim=tracelim,
                 _wrule_c=f["msl_loihi_stdp_rule"](Ap, Ad), **kw)


def ModulatedSTDPrule(Ne, No, W0, tre, tro, trm, Ap, Ad, trace=True, Wlim=1.0, tracelim=10.0,
                      **kw):
    """dW = (Ap xo te - Ad xe to) m, m = the modulatory trace (trace) or input."""
    return Loihi(Ne, No, W0, tre, tro, None, Wlim=Wlim, tracelim=tracelim, trm=trm,
                 _wrule_c=f["msl_loihi_modulated_stdp_rule"](Ap, Ad, int(bool(trace))), **kw)


def MSErule(Ne, No, W0, tre, tro, trm, lr, Wlim=1.0, tracelim=10.0, **kw):
    """dW = lr te (tm - to): the target as the modulatory trace."""
    return Loihi(Ne, No, W0, tre, tro, None, Wlim=Wlim, tracelim=tracelim, trm=trm,
                 _wrule_c=f["msl_loihi_mse_rule"](lr), **kw)
