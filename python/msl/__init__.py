"""msl: memristor spike learning, a Python package over libmsl.

    import msl
    net = msl.Net()
    net.add_input("in", 4)
    net.add_layer(msl.LIF(2, tau=5.0, v0=0.5), "out")
    net.add_synapse("out", msl.Dense(4, 2, W0), "in")
    net.add_output("out")
    spikes, = net(x)

Every neuron, synapse, trace, generator and transform of the C library is a
class here (their equations: docs/models.md); errors are msl.MslError with the
library's message."""
from ._lib import MslError
from ._lib import fn as _fn, check_rc as _check_rc
from .net import Net
from .layers import (Layer, IntFire, LIF, SpikingLayer, SecondOrder, Adaptive, HomeostasisLayer,
                     Latch, Identity, NormalizedLIF, LeakyIntegralSoftmax)
from .synapses import (Synapse, Dense, BaseSynapse, OneToOne, AllButSelf, Uniform, Plastic,
                       PlasticSynapse, Crossbar, Lambda, LambdaSynapse, Pool, PoolSynapse,
                       PlasticConv, PlasticConvSynapse, Loihi, LoihiSynapse, STDPrule,
                       ModulatedSTDPrule, MSErule)
from .traces import (Spec, Exponential, BinaryTrace, IfRecentTrace, ConstantTrace, ManualTrace,
                     AccumulateTrace, Trace)
from .transforms import LowPass, PassThrough
from .generators import Rng, Poisson, Periodic, SpikeSequence
from .devices import Device, Cell, device_names, cell_names
from .data import load_mnist
from .workloads import stdp, bp, sweep_db, bp_errors


def set_threads(n):
    """Use n threads (1..256) inside every run and step from now on (process-wide);
    results are identical for every n (docs/performance.md, "Threads")."""
    _check_rc(_fn["msl_set_threads"](int(n)))


def threads():
    """The thread count set (1 without OpenMP)."""
    return _fn["msl_threads"]()


def threads_available():
    """The processors this process may use."""
    return _fn["msl_threads_available"]()


def _default_threads():
    """As the msl program: $MSL_THREADS, else every processor."""
    import os
    env = os.environ.get("MSL_THREADS")
    if env is None:
        return threads_available()
    try:
        t = int(env)
    except ValueError:
        raise ValueError(f"MSL_THREADS (environment): not a whole number: {env!r}") from None
    if not 1 <= t <= 256:
        raise ValueError(f"MSL_THREADS (environment): must be 1..256, got {t}")
    return t


set_threads(_default_threads())


__all__ = [n for n in dir() if not n.startswith("_")]
