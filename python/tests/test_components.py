"""Every component is reachable from Python and computes its equations (the
C unit tests check the values in detail; these check the bindings)."""
import math

import numpy as np
import pytest

import msl


def step_layer(layer, *inputs):
    """Feed layer one step through Identity-free one-to-one synapses."""
    net = msl.Net()
    for k, _ in enumerate(inputs):
        net.add_input(f"x{k}", layer.n)
    net.add_layer(layer, "L")
    net.add_synapse("L", msl.OneToOne(layer.n, 1.0), "x0")
    if len(inputs) > 1:
        net.add_synapse("L", msl.OneToOne(layer.n, 1.0, syn_type="inh"), "x1")
    net.add_output("L")
    return net


def test_layers():
    net = step_layer(msl.Latch(2), 0)
    assert net(np.array([0, 1]))[0].tolist() == [0, 1]
    assert net(np.array([0, 0]))[0].tolist() == [0, 1]
    nl = step_layer(msl.NormalizedLIF(1, tau=1.0, v0=1.0), 0, 0)
    assert nl(np.array([1.5]), np.array([4.0]))[0][0] == 0     # 1.5 / 2
    assert nl(np.array([1.5]), np.array([0.0]))[0][0] == 1     # .75/e + 1.5
    sm = msl.LeakyIntegralSoftmax(2, 3, 1.0, 0.5, 0.1)
    n = step_layer(sm, 0)
    assert n(np.array([2, 0, 0, 0, 0, 0]))[0].tolist() == [1, 0, 0, 0, 0, 0]
    assert np.allclose(sm.thresh, [0.5, 0.4])
    sm.aggregate()
    assert np.allclose(sm.thresh, [0.45, 0.45])
    assert step_layer(msl.Identity(2), 0)(np.array([0.25, -3]))[0].tolist() == [0.25, -3]
    assert step_layer(msl.SpikingLayer(1, tau=1.0, v0=0.5), 0)(np.array([1.0]))[0][0] == 1


def test_lambda_pool_loihi():
    net = msl.Net()
    net.add_input("in", 3)
    net.add_layer(msl.Identity(3), "sum")
    net.add_synapse("sum", msl.Lambda(3, 3, lambda x: np.full(3, x.sum())), "in")
    net.add_output("sum")
    assert net(np.array([1, 2, 0]))[0].tolist() == [3, 3, 3]

    p = msl.Net()
    p.add_input("img", 9)
    p.add_layer(msl.Identity(4), "pool")
    p.add_synapse("pool", msl.Pool(3, 3, 1, 2, 2), "img")
    p.add_output("pool")
    assert p(np.array([1, 0, 0, 0, 1, 0, 0, 0, 1]))[0].tolist() == [1, 0, 0, 1]

    s = msl.STDPrule(2, 2, np.zeros(4), (1.0, 0.5), (1.0, 0.5), 0.1, 0.05)
    q = msl.Net()
    q.add_input("in", 2)
    q.add_layer(msl.Identity(2), "o")
    q.add_synapse("o", s, "in")
    assert s.W.shape == (2, 2) and s.tag.shape == (2, 2)
    m = msl.MSErule(2, 2, np.zeros(4), (1, .5), (1, .5), (1, .5), 0.1)
    m.modulate([1, 0])


def test_traces_and_transforms():
    syn = msl.Plastic(1, 1, [1.0], msl.BinaryTrace(0.0, 1.0), (1.0, 0.5), {"Ap": 0.1})
    assert syn.te.t.tolist() == [0.0]
    syn.to.replace(msl.ManualTrace(0.3))
    assert syn.to.t.tolist() == [0.3]
    syn.to.set_val([0.7])
    assert syn.to.t.tolist() == [0.7]
    for spec in (msl.IfRecentTrace(0, 1, 2), msl.ConstantTrace(2.0), msl.AccumulateTrace()):
        syn.te.replace(spec)
    lp = msl.LowPass(1, 2.0)
    b = math.exp(-0.5)
    assert np.isclose(lp([1.0])[0], 1 - b)
    assert msl.PassThrough(2, delay=True)([1, 2]).tolist() == [0, 0]
    d = msl.Dense(1, 1, [2.0], transform=msl.PassThrough(1, delay=True))
    net = msl.Net()
    net.add_input("in", 1)
    net.add_layer(msl.Identity(1), "o")
    net.add_synapse("o", d, "in")
    net.add_output("o")
    assert net([1.0])[0][0] == 0 and net([0.0])[0][0] == 2.0   # one step late


def test_generators_and_run():
    g = msl.Periodic(2, [1.0, 0.5], 1.0)
    assert [g().tolist() for _ in range(3)] == [[0, 0], [1, 0], [0, 1]]
    seq = msl.SpikeSequence(2, [[1, 0], [0, 1]])
    assert [seq().tolist() for _ in range(3)] == [[1, 0], [0, 1], [1, 0]]
    po = msl.Poisson(3, [0, 1, 1], 1.0, rng=msl.Rng(3, 1))
    assert po().tolist() == [0, 1, 1]     # p = 1: always
    net = msl.Net()
    net.add_input("in", 2)
    net.add_layer(msl.Identity(2), "id")
    net.add_synapse("id", msl.OneToOne(2, 3.0), "in")
    counts = net.run(6, [msl.Periodic(2, [1.0, 0.5], 1.0)], learn=False, count="id")
    assert counts.tolist() == [9.0, 6.0]


def test_poisson_set_rates():
    # set_rates(r, scale) draws as a new generator of those rates and scale,
    # whether the scale changes or stays (then it is not set again).
    r = np.linspace(0.0, 1.0, 64)

    def draws(g):
        return [g().tolist() for _ in range(20)]
    g = msl.Poisson(64, np.zeros(64), 0.5, rng=msl.Rng(4, 1))
    for scale in (0.5, 0.25, 0.25):
        g.rng = msl.Rng(4, 1)
        g.set_rates(r, scale=scale)
        assert draws(g) == draws(msl.Poisson(64, r, scale, rng=msl.Rng(4, 1)))


def test_rng_matches_c():
    r = msl.Rng(7, 1)
    a = np.arange(10, dtype=np.int32)
    r.shuffle(a)
    assert sorted(a.tolist()) == list(range(10))
    # Python's xoshiro256++ (for weights drawn in Python) against the C draws:
    # a Poisson stream of rate 1/2 spikes exactly when the uniform is <= 1/2.
    po = msl.Poisson(256, np.full(256, 0.5), 1.0, rng=msl.Rng(5, 2))
    py = msl.Rng(5, 2)
    want = [py.uniform() <= 0.5 for _ in range(256)]
    assert po().astype(bool).tolist() == want and 50 < sum(want) < 206


def test_devices():
    d = msl.Device("chen15", 1e-4)
    assert d.g1 == 1e-4 and d.vread > 0 and d.power(d.vread) > 0
    assert "vteam" in msl.device_names() and "1r" in msl.cell_names()
    c = msl.Cell("1r")
    assert c.power(msl.Device("vteam", 1e-5), [0.5, -1.0]).tolist() == [0.25, 1.0]  # ohmic
    with pytest.raises(msl.MslError, match="nosuch"):
        msl.Cell("nosuch")
