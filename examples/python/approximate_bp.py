#!/usr/bin/env python3
"""approximate_bp.py: workload 2 (approximate gradient descent with spikes,
SPEC 8) built from msl's Python API as the seed's demo builds it:

    approximate_bp.py ideal [LR]
    approximate_bp.py Vteam LR G1
    approximate_bp.py Paiyu_chen_15 VP G1 SUBSTEPS
    approximate_bp.py data-driven TABLE G1 V1P V1N DVP DVN
    options: --train N --test N --seed S --data DIR, and msl bp's --hidden,
             --epochs, --test-every

784 Bernoulli inputs -> H integrate-and-fire neurons -> 10. Every 7 steps the
output and hidden errors are replayed into both plastic synapses with the
interval's spike counts, step for step as src/workloads/bp.c runs it, so the
results are `msl bp`'s bit for bit (each interval's 7 steps run in C). It
prints the CLI's JSON line's main fields."""
import sys
import time

import _common
import numpy as np

import msl

_common.started()

N_IN, N_OUT, T_SAMPLE, INTERVAL, BALANCE = 784, 10, 50, 7, -0.05
STREAM_INIT, STREAM_INPUT = 1, 3


def initial_weights(rng, n_pre, n_post):
    """clip(N(0, 1) + 5, 0, 10) * 0.01, drawn post-major, stored pre-major."""
    w = np.clip(rng.normal(n_pre * n_post).reshape(n_post, n_pre) + 5.0, 0.0, 10.0) * 0.01
    return w.T.copy()


def plastic(device, params, layer, n_pre, n_post, rng, lr, seed):
    W0 = initial_weights(rng, n_pre, n_post)
    none = (0.0, 0.0, 0.0)
    if device == "ideal":
        return msl.Plastic(n_pre, n_post, W0, none, none, {"Ap": 0.0, "An": 0.0}, Wlim=0.1,
                           syn_type="exc", err_lr=lr)
    s = seed if layer == 1 else seed ^ 0x5bd1e995a5a5a5a5
    return msl.Crossbar(n_pre, n_post, W0, device, tre=none, tro=none, workload=2, seed=s,
                        **params)


def main(argv=None):
    extra = [a for a in (argv or sys.argv[1:])]
    opts = {"--hidden": 1500, "--epochs": 3, "--test-every": 1000}
    rest = []
    i = 0
    while i < len(extra):  # msl bp's sizes (not in the seed's demo)
        if extra[i] in opts and i + 1 < len(extra):
            opts[extra[i]] = int(extra[i + 1])
            i += 2
        else:
            rest.append(extra[i])
            i += 1
    if rest[:1] == ["ideal"] and (len(rest) == 1 or rest[1].startswith("--")):
        rest.insert(1, "2e-4")  # the seed's ideal rule takes no argument
    a, device, params = _common.parse("approximate_bp.py", [], rest)
    H, epochs, every = opts["--hidden"], opts["--epochs"], opts["--test-every"]
    lr = params.pop("lr", 2e-4) if device == "ideal" else params.get("lr", 2e-4)
    t0 = time.monotonic()
    d = msl.load_mnist(a.data)
    train, test = a.train or 33000, a.test or 1000
    if train < 1 or test < 1 or train + test > len(d["train_y"]):
        sys.exit(f"approximate_bp.py: need train + test <= {len(d['train_y'])}")
    rng_init = msl.Rng(a.seed, STREAM_INIT)
    rng_in, rng_test = msl.Rng(a.seed, STREAM_INPUT), msl.Rng(a.seed, STREAM_INPUT + 100)
    net = msl.Net()
    net.add_input("input", N_IN)
    net.add_layer(msl.IntFire(H, v0=0.1), "hidden")
    net.add_layer(msl.IntFire(N_OUT, v0=1.0), "output")
    w1 = plastic(device, params, 1, N_IN, H, rng_init, lr, a.seed)
    net.add_synapse("hidden", w1, "input")
    net.add_synapse("hidden", msl.Uniform(N_IN, H, BALANCE), "input")
    w2 = plastic(device, params, 2, H, N_OUT, rng_init, lr, a.seed)
    net.add_synapse("output", w2, "hidden")
    net.add_synapse("output", msl.Uniform(H, N_OUT, BALANCE), "hidden")
    net.add_output("output")
    hid, out = net.layers["hidden"], net.layers["output"]
    gen = msl.Poisson(N_IN, np.zeros(N_IN), 1.0, rng=rng_in)
    gen_test = msl.Poisson(N_IN, np.zeros(N_IN), 1.0, rng=rng_test)
    zero = msl.Poisson(N_IN, np.zeros(N_IN), 0.0, rng=rng_in)  # silent: draws nothing
    names = ["input", "hidden", "output"]
    cnt = [net.counter(n) for n in names]
    e_out, e_hid = np.zeros(N_OUT), np.zeros(H)
    # Prepared calls (converted once; each is one C call): an interval's 7
    # steps and its closing step without input, counting; the errors from the
    # counts and w2's current weights (a view); the two replays.
    steps = net.runner([gen], names, cnt, learn=False, rng=rng_in)
    pause = net.runner([zero], names, cnt, learn=False, rng=rng_in)
    errors = msl.bp_errors(cnt[2], w2.W, cnt[1], e_out, e_hid)
    replay2, replay1 = w2.replayer(cnt[1], e_out), w1.replayer(cnt[0], e_hid)
    curve, ecurve = [], []
    total, seen, seen_prev, e_prev, acc = epochs * train, 0, 0, 0.0, 0.0
    x_train, y_train = d["train_x"], d["train_y"]
    for _ in range(epochs):
        for s in range(train):
            label = int(y_train[s])
            gen.set_rates(x_train[s] / 255.0)
            hid.reset()
            out.reset()
            for c in cnt:
                c.clear()
            gen()  # drawn and discarded, as the reference
            for _t in range(INTERVAL):
                steps(INTERVAL)
                pause(1)
                errors(label)
                replay2()  # the output synapse first, as msl bp
                replay1()
                for c in cnt:
                    c.clear()
            seen += 1
            if seen % every == 0 or seen == total:
                correct = 0
                for k in range(train, train + test):
                    gen_test.set_rates(x_train[k] / 255.0)
                    hid.reset()
                    out.reset()
                    counts = net.run(T_SAMPLE, [gen_test], learn=False, rng=rng_test,
                                     count="output")
                    correct += int(np.argmax(counts)) == int(y_train[k])
                acc = correct / test
                energy = w1.energy_j + w2.energy_j
                curve.append([seen, acc])
                ecurve.append([seen, (energy - e_prev) / (seen - seen_prev) * 1e9])
                e_prev, seen_prev = energy, seen
    res = {"workload": "bp", "device": device, "hidden": H, "epochs": epochs,
           "train_samples": train, "test_samples": test, "test_every": every, "lr": lr,
           "test_accuracy": acc, "curve": curve, "energy_curve_nj": ecurve,
           "energy_per_image_nj": (w1.energy_j + w2.energy_j) / seen * 1e9,
           "seconds": time.monotonic() - t0, "seed": a.seed}
    print(_common.dumps(res))


if __name__ == "__main__":
    main()
