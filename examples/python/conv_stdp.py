#!/usr/bin/env python3
"""conv_stdp.py: a convolutional STDP network on MNIST in the style of
Kheradpisheh et al. 2018 (a convolution learnt by STDP with shared kernels,
competition between the maps at each position, pooling), built from msl's
Python API, with a readout trained by error replay on ideal weights or on a
Chen 2015 crossbar:

    conv_stdp.py [ideal | chen15] [--maps 8] [--unsup 1000] [--train 5000]
                 [--test 1000] [--seed 1] [--data DIR] (and the rates: --help)

  img 28x28 (Poisson, 20 steps per image)
    --PlasticConv 5x5 x maps (STDP with shared kernels)--> conv
  conv: LeakyIntegralSoftmax over 24x24 positions x maps: at each position
        the map whose leaky input dominates spikes
    --Pool 2x2--> pool: Identity, 12x12 x maps (each window's new maximum)
    --readout (Plastic with err_lr, or a chen15 Crossbar, workload 2)--> out: IntFire(10)

Phase 1 learns the kernels on `unsup` images. Phase 2 freezes them and trains
the readout on `train` images: every INTERVAL steps the output error
e = onehot(label) - min(out count, 1) is replayed with the pool's spike counts
(workload 2's rule for its output layer). Phase 3 counts the output spikes of
`test` test images. Prints a JSON line."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import numpy as np  # noqa: E402

import msl  # noqa: E402

W, K, STEPS, INTERVAL = 28, 5, 21, 7


def build(a):
    rng = np.random.default_rng(a.seed)
    wc = W - K + 1                          # 24
    n_pool = (wc // 2) ** 2 * a.maps        # 12 x 12 x maps
    net = msl.Net()
    net.add_input("img", W * W)
    net.add_layer(msl.LeakyIntegralSoftmax(wc * wc, a.maps, tau=5.0, threshinit=0.5,
                                           threshstep=0.001, local_skip=True), "conv")
    net.add_layer(msl.Identity(n_pool), "pool")
    net.add_layer(msl.IntFire(10, v0=1.0), "out")
    conv = msl.PlasticConv(W, W, 1, K, K, a.maps, "valid", rng.uniform(0.2, 0.8, K * K * a.maps),
                           (1.0, 0.8), (1.0, 0.8), {"Ap": a.ap, "An": a.an, "MMp": a.mmp},
                           Wlim=1.0, syn_type="exc")
    net.add_synapse("conv", conv, "img")
    pool = msl.Pool(wc, wc, a.maps, 2, 2)
    net.add_synapse("pool", pool, "conv")
    W0 = np.clip(rng.normal(5.0, 1.0, n_pool * 10), 0, 10) * a.w0
    none = (0.0, 0.0, 0.0)
    if a.device == "ideal":
        ro = msl.Plastic(n_pool, 10, W0, none, none, {}, Wlim=1.0, syn_type="exc", err_lr=a.lr)
    else:
        ro = msl.Crossbar(n_pool, 10, W0, "chen15", tre=none, tro=none, workload=2, seed=a.seed,
                          g1=a.g1, vp=a.vp)
    net.add_synapse("out", ro, "pool")
    net.add_synapse("out", msl.Uniform(n_pool, 10, -5 * a.w0), "pool")
    return net, conv, pool, ro


def main():
    ap = argparse.ArgumentParser(prog="conv_stdp.py")
    ap.add_argument("device", nargs="?", default="ideal", choices=["ideal", "chen15"])
    ap.add_argument("--maps", type=int, default=8)
    ap.add_argument("--unsup", type=int, default=1000)
    ap.add_argument("--train", type=int, default=5000)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--ap", type=float, default=0.004)
    ap.add_argument("--an", type=float, default=0.003)
    ap.add_argument("--mmp", type=float, default=0.0)
    ap.add_argument("--lr", type=float, default=2e-4, help="ideal readout's learning rate")
    ap.add_argument("--w0", type=float, help="readout's initial weight scale (default 0.002 "
                    "ideal, 0.01 chen15: smaller weights fall below the device's range)")
    ap.add_argument("--g1", type=float, default=7e-5)
    ap.add_argument("--vp", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data")
    a = ap.parse_args()
    if a.w0 is None:
        a.w0 = 0.002 if a.device == "ideal" else 0.01
    t0 = time.monotonic()
    d = msl.load_mnist(a.data)
    net, conv, pool, ro = build(a)
    lis, out = net.layers["conv"], net.layers["out"]
    rng = msl.Rng(a.seed, 3)
    gen = msl.Poisson(W * W, np.zeros(W * W), 0.5, rng=rng)
    cnt = [net.counter("pool"), net.counter("out")]
    learn_conv = net.runner([gen], learn=True, rng=rng)
    frozen = net.runner([gen], ["pool", "out"], cnt, learn=False, rng=rng)
    e = np.zeros(10)
    replay = ro.replayer(cnt[0], e)
    onehot = np.eye(10)

    def start(img):
        gen.set_rates(img / 255.0)
        pool.reset()            # each image's maxima from 0 (the maps' thresholds stay)
        out.reset()
        for c in cnt:
            c.clear()

    x, y = d["train_x"], d["train_y"]
    for s in range(a.unsup):                      # phase 1: kernels by STDP
        start(x[s])
        learn_conv(STEPS)
        lis.aggregate()
    for s in range(a.train):                      # phase 2: the readout
        k = (a.unsup + s) % len(y)
        start(x[k])
        for _ in range(STEPS // INTERVAL):
            frozen(INTERVAL)
            e[:] = onehot[y[k]] - (cnt[1].x > 0)
            replay()
            for c in cnt:
                c.clear()
        lis.aggregate()
    correct = 0
    for s in range(a.test):                       # phase 3: test images
        start(d["test_x"][s])
        total = np.zeros(10)
        for _ in range(STEPS // INTERVAL):
            frozen(INTERVAL)
            total += cnt[1].x
            for c in cnt:
                c.clear()
        lis.aggregate()
        correct += int(np.argmax(total)) == int(d["test_y"][s])
    print(json.dumps({"example": "conv_stdp", "device": a.device, "maps": a.maps,
                      "unsup": a.unsup, "train": a.train, "test": a.test,
                      "test_accuracy": correct / a.test,
                      "readout_energy_per_image_nj": ro.energy_j / max(a.train, 1) * 1e9,
                      "kernel_mean": float(conv.W.mean()), "seconds": time.monotonic() - t0,
                      "seed": a.seed}))


if __name__ == "__main__":
    main()
