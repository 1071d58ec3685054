#!/usr/bin/env python3
"""stdp_mnist.py: workload 1 (Diehl & Cook 2015, unsupervised STDP on MNIST)
built from msl's Python API as the seed's demo builds it from spikelearn:

    stdp_mnist.py N LABELLING_SAMPLES EPOCHS ideal LR
    stdp_mnist.py N LABELLING_SAMPLES EPOCHS Vteam LR G1
    stdp_mnist.py N LABELLING_SAMPLES EPOCHS Paiyu_chen_15 VP G1 SUBSTEPS
    stdp_mnist.py N LABELLING_SAMPLES EPOCHS data-driven TABLE G1 V1P V1N DVP DVN
    options: --train N --test N --seed S --data DIR

The protocol is SPEC 7's, step for step as src/workloads/stdp.c runs it (the
same random streams, normalisation and re-presentation), so the results are
`msl stdp`'s bit for bit; each presentation's 350 ms run in C (a prepared Net.runner with a
Poisson generator, which draws exactly as msl's encoder). It prints the CLI's
JSON line's main fields."""
import math
import sys
import time

import _common
import numpy as np

import msl

_common.started()

N_IN, STEPS_INPUT, STEPS_REST, MIN_SPIKES = 784, 700, 300, 5
TSTEP, W_SUM = 0.0005, 78.0
STREAM_INIT, STREAM_SHUFFLE, STREAM_INPUT = 1, 2, 3


def initial_weights(N, seed):
    """(U[0,1) + 0.01) * 0.3 drawn post-major, stored pre-major (msl's layout)."""
    u = msl.Rng(seed, STREAM_INIT).uniform(N * N_IN).reshape(N, N_IN)
    return ((u + 0.01) * 0.3).T.copy()


def build(N, device, params, lr, seed):
    tr = (1.0, math.exp(-1.0 / 40.0), 1.0)
    W0 = initial_weights(N, seed)
    if device == "ideal":
        syn = msl.Plastic(N_IN, N, W0, tr, tr, {"Ap": lr, "An": 0.01 * lr}, Wlim=1.0,
                          syn_type="exc")
    else:
        syn = msl.Crossbar(N_IN, N, W0, device, tre=tr, tro=tr, workload=1, seed=seed, **params)
    net = msl.Net()
    net.add_input("input", N_IN)
    net.add_layer(msl.Adaptive(2e7, 5e-5, 0.02, N, 200, -0.072, -0.065, -0.065, -0.105, 10, 2, 4,
                               0.1), "exc")
    net.add_layer(msl.SecondOrder(N, 20, -0.040, -0.045, -0.060, -0.100, 4, 2, 4, 0.085), "inh")
    net.add_synapse("exc", syn, "input")
    net.add_synapse("inh", msl.OneToOne(N, 10.4), "exc")
    net.add_synapse("exc", msl.AllButSelf(N, 17.0, syn_type="inh"), "inh")
    net.add_output("exc")
    return net, syn


def assign_labels(counts, freq):
    N = counts.shape[1]
    assign = np.zeros(N, dtype=int)
    for i in range(N):
        best, bv = -1, 0.0
        for l in range(10):
            if freq[l] == 0:
                continue
            rate = counts[l, i] / freq[l]
            if best < 0 or rate > bv:
                best, bv = l, rate
        assign[i] = max(best, 0)
    return assign


def predict(total, assign, den, absent):
    """The label whose neurons fired most on average (the first of equals);
    labels without neurons (absent) are left out. bincount adds in neuron
    order; den: the neurons per label, at least 1."""
    mean = np.bincount(assign, weights=total, minlength=10) / den
    mean[absent] = -np.inf
    return int(mean.argmax())


def main(argv=None):
    a, device, params = _common.parse("stdp_mnist.py", [
        ("neurons", int, "excitatory neurons N"),
        ("label_window", int, "labelling samples (chunk size B)"),
        ("epochs", int, "epochs")], argv)
    lr = params.pop("lr", 0.01) if device == "ideal" else params.get("lr", 0.01)
    t0 = time.monotonic()
    d = msl.load_mnist(a.data)
    train = a.train or len(d["train_y"])
    test = a.test or len(d["test_y"])
    if not (1 <= train <= len(d["train_y"]) and 1 <= test <= len(d["test_y"])):
        sys.exit(f"stdp_mnist.py: --train 1..{len(d['train_y'])}, --test 1..{len(d['test_y'])}")
    N, B = a.neurons, a.label_window
    net, syn = build(N, device, params, lr, a.seed)
    exc = net.layers["exc"]
    rng_shuffle, rng_in = msl.Rng(a.seed, STREAM_SHUFFLE), msl.Rng(a.seed, STREAM_INPUT)
    gen = msl.Poisson(N_IN, np.zeros(N_IN), 0.0, rng=rng_in)
    rest = msl.Poisson(N_IN, np.zeros(N_IN), 0.0, rng=rng_in)  # silent: draws nothing
    cnt = net.counter("exc")  # the excitatory spikes of one presentation, counted in C
    run_input = net.runner([gen], names=["exc"], counters=[cnt], learn=True, rng=rng_in)
    run_rest = net.runner([rest], learn=True, rng=rng_in)
    order = np.arange(train, dtype=np.int32)
    chunks_per_epoch = (train + B - 1) // B
    n_chunks = a.epochs * chunks_per_epoch + 1
    chunk_acc, chunk_nj = [], []
    pres = reps = 0
    e_train = e_test = 0.0
    have_assign, assign, n_assigned, den, absent = False, None, None, None, None
    for ch in range(n_chunks):
        is_test = ch == n_chunks - 1
        e_chunk = 0 if is_test else ch % chunks_per_epoch
        if not is_test and e_chunk == 0:
            rng_shuffle.shuffle(order)
        first = 0 if is_test else e_chunk * B
        size = test if is_test else min(B, train - first)
        exc.set_adapt(True)
        freq, correct, energy = [0] * 10, 0, 0.0
        counts = np.zeros((10, N))
        for s in range(size):
            k = s if is_test else order[first + s]
            img = (d["test_x"] if is_test else d["train_x"])[k]
            label = int((d["test_y"] if is_test else d["train_y"])[k])
            f = 63.75 * TSTEP
            rates = img / 255.0
            presented, e = 0, 0.0
            while True:
                syn.normalise(W_SUM)
                syn.reset_stats()
                gen.set_rates(rates, scale=f)
                cnt.clear()
                run_input(STEPS_INPUT)
                run_rest(STEPS_REST)
                total = cnt.x.astype(np.float64)
                e += syn.energy_j  # every presentation's (SPEC 9.3)
                pres += 1
                reps += presented > 0
                presented += 1
                if total.sum() >= MIN_SPIKES:
                    break
                lit = img[img > 0]  # (only for an image presented again)
                minpix = int(lit.min()) if lit.size else 255
                if f * (minpix / 255.0) >= 1.0:
                    sys.exit(f"stdp_mnist.py: image {k}: no neuron fired {MIN_SPIKES} times")
                f += 32 * TSTEP
            freq[label] += 1
            counts[label] += total
            if have_assign and predict(total, assign, den, absent) == label:
                correct += 1
            energy += e
            if is_test:
                e_test += e
            else:
                e_train += e
        if have_assign:
            chunk_acc.append(correct / size)
        chunk_nj.append(energy / size * 1e9)
        test_acc = correct / size if (is_test and have_assign) else 0.0
        assign = assign_labels(counts, freq)
        n_assigned = np.bincount(assign, minlength=10)
        den, absent = np.maximum(n_assigned, 1), n_assigned == 0
        have_assign = True
    out = {"workload": "stdp", "device": device, "neurons": N, "epochs": a.epochs,
           "train_samples": train, "test_samples": test, "label_window": B, "lr": lr,
           "test_accuracy": test_acc, "chunk_accuracy": chunk_acc, "presentations": pres,
           "representations": reps,
           "energy_per_image_nj": e_train / (a.epochs * train) * 1e9,
           "chunk_energy_nj": chunk_nj,
           "labels_unassigned": int((n_assigned == 0).sum()),
           "seconds": time.monotonic() - t0, "seed": a.seed}
    if device != "ideal":
        out["g1"] = params["g1"]
    print(_common.dumps(out))


if __name__ == "__main__":
    main()
