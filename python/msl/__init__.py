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

__all__ = [n for n in dir() if not n.startswith("_")]
