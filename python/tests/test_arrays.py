"""Weights, traces, states and statistics are numpy views of libmsl's memory:
a write through numpy is seen by the network."""
import numpy as np

import msl


def test_dense_write_is_seen():
    net = msl.Net()
    net.add_input("in", 2)
    net.add_layer(msl.Identity(2), "out")
    syn = msl.Dense(2, 2, np.zeros(4))
    net.add_synapse("out", syn, "in")
    net.add_output("out")
    assert not net(np.array([1, 0]))[0].any()
    W = syn.W                  # (Ne, No) view, no copy
    W[0, 1] = 2.5              # pre 0 -> post 1
    assert syn.W[0, 1] == 2.5 and np.shares_memory(W, syn.W)
    out, = net(np.array([1, 0]))
    assert out.tolist() == [0.0, 2.5]


def test_plastic_weights_and_traces():
    syn = msl.Plastic(2, 1, np.array([0.5, 0.5]), (1.0, 0.5), (1.0, 0.5),
                      {"Ap": 0.1, "An": 0.0}, Wlim=1.0, syn_type="exc")
    net = msl.Net()
    net.add_input("in", 2)
    net.add_layer(msl.IntFire(1, v0=0.4), "out")
    net.add_synapse("out", syn, "in")
    net(np.array([1, 0]))       # input 0.5 >= 0.4: spike; te = (1, 0); W[0] += .1
    assert syn.te.t.tolist() == [1.0, 0.0] and syn.to.t.tolist() == [1.0]
    assert np.allclose(syn.W[:, 0], [0.6, 0.5])
    syn.te.t[1] = 0.25          # a write into the trace is used by the next update
    net(np.array([0, 0]))       # no spike (input 0): traces decay
    assert syn.te.t.tolist() == [0.5, 0.125]


def test_crossbar_views_and_commit():
    W0 = np.full(4, 0.5)
    xb = msl.Crossbar(2, 2, W0, "vteam", g1=1e-5, lr=0.03)
    s0 = xb.states.copy()
    assert np.allclose(xb.W, 0.5)
    xb.W = np.full((2, 2), 0.25)   # set through the device (commit)
    assert np.allclose(xb.W, 0.25) and not np.allclose(xb.states, s0)
    assert xb.stats["weights_set"] >= 8


def test_adaptive_theta_view():
    L = msl.Adaptive(1e7, 0.05, 0.02, 3, 100, -0.052, -0.065, -0.065, -0.065, 5, 2, 4, 0.1)
    th = L.theta
    assert th.dtype == np.float32 and np.allclose(th, 0.02)
    th[1] = 1.0
    assert L.theta[1] == 1.0


def test_conv_kernel_view():
    c = msl.PlasticConv(3, 3, 1, 2, 2, 1, "valid", np.arange(1.0, 5.0), (1, .5), (1, .5),
                        {"Ap": 0.1, "An": 0.0, "MMp": 0.0}, Wlim=10)
    assert c.W.shape == (2, 2, 1, 1) and c.W[1, 1, 0, 0] == 4.0
    c.W[0, 0, 0, 0] = 9.0
    net = msl.Net()
    net.add_input("in", 9)
    net.add_layer(msl.Identity(4), "out")
    net.add_synapse("out", c, "in")
    net.add_output("out")
    x = np.zeros(9)
    x[0] = 1                        # pixel (0, 0) meets K[0, 0] at output (0, 0) only
    assert net(x, learn=False)[0].tolist() == [9.0, 0, 0, 0]
