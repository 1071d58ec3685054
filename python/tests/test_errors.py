"""Construction errors raise msl.MslError with the library's message."""
import numpy as np
import pytest

import msl


@pytest.mark.parametrize("make, msg", [
    (lambda: msl.LIF(0, tau=5.0), "lif layer: size must be >= 1, got 0"),
    (lambda: msl.LIF(3, tau=-1.0), "lif layer: tau must be > 0, got -1"),
    (lambda: msl.Latch(-2), "latch layer: size must be >= 1, got -2"),
    (lambda: msl.NormalizedLIF(2, tau=0.0), "normalized_lif layer: tau must be > 0"),
    (lambda: msl.LeakyIntegralSoftmax(0, 3, 1.0, 0.5, 0.1), "n_loc and n_ch must be >= 1"),
    (lambda: msl.OneToOne(0, 1.0), "one_to_one synapse: sizes must be >= 1, got 0 x 0"),
    (lambda: msl.Pool(3, 3, 1, 0, 2), "pool synapse: sizes and strides must be >= 1"),
    (lambda: msl.PlasticConv(3, 3, 1, 4, 4, 1, "valid", np.zeros(16), (1, .5), (1, .5),
                             {"Ap": 1}), "kernel 4 x 4 is larger than the input 3 x 3"),
    (lambda: msl.MSErule(2, 2, np.zeros(4), (1, .5), (1, .5), None, 0.1),
     "uses trace tm, which is not given"),
    (lambda: msl.Loihi(1, 1, [0.0], (1, .5), (1, .5), [[(16, 1.0)]]), "unknown code 16"),
    (lambda: msl.Crossbar(2, 2, np.full(4, .5), "nosuch", g1=1e-4), "nosuch"),
    (lambda: msl.Crossbar(2, 2, np.full(4, .5), "chen15", g1=-1.0), "--g1"),
    (lambda: msl.Periodic(0, [], 1.0), "periodic generator: size must be >= 1, got 0"),
    (lambda: msl.LowPass(2, 0.0), "lowpass transform: tau must be > 0"),
    (lambda: msl.Device("vteam", 0.0), "g1"),
])
def test_message(make, msg):
    with pytest.raises(msl.MslError, match=msg.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_bad_sizes_in_python():
    with pytest.raises(ValueError, match="Dense W0: expected 6 values, got 5"):
        msl.Dense(2, 3, np.zeros(5))
    with pytest.raises(ValueError, match="PlasticConv: unknown conv mode 'full'"):
        msl.PlasticConv(3, 3, 1, 2, 2, 1, "full", np.zeros(4), (1, .5), (1, .5), {})


def test_network_errors():
    net = msl.Net()
    with pytest.raises(msl.MslError, match="input 'x': size must be >= 1, got 0"):
        net.add_input("x", 0)
    net.add_input("in", 3)
    net.add_layer(msl.Latch(3), "a")
    with pytest.raises(msl.MslError, match="layer 'a': the name is already used"):
        net.add_layer(msl.Latch(3), "a")
    with pytest.raises(msl.MslError, match="pre size 3 does not match the synapse's 2"):
        net.add_synapse("a", msl.OneToOne(2, 1.0), "in")
    with pytest.raises(msl.MslError, match="integrates excitatory input only"):
        net.add_synapse("a", msl.OneToOne(3, 1.0, syn_type="inh"), "in")
    with pytest.raises(ValueError, match="network: 1 inputs, 2 given"):
        net(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="input 'in': expected 3 values, got 4"):
        net(np.zeros(4))
    syn = msl.OneToOne(3, 1.0)
    net.add_synapse("a", syn, "in")
    with pytest.raises(ValueError, match="already part of a network"):
        net.add_synapse("a", syn, "in")
