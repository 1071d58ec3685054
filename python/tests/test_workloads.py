"""msl.stdp / msl.bp return the CLI's JSON result as a dict; sweep_db reads runs."""
import json
import os
import sqlite3

import pytest

import msl

mnist = os.environ.get("MSL_DATA") or os.path.expanduser("~/.local/share/msl/mnist")
have_mnist = os.path.exists(os.path.join(mnist, "train-images-idx3-ubyte")) or \
    os.path.exists(os.path.join(mnist, "train-images-idx3-ubyte.gz"))


@pytest.mark.skipif(not have_mnist, reason="no MNIST (scripts/fetch-mnist.sh)")
def test_stdp_dict():
    r = msl.stdp(neurons=5, train=20, test=10, label_window=10, seed=2)
    assert r["neurons"] == 5 and 0 <= r["test_accuracy"] <= 1
    assert len(r["chunk_accuracy"]) >= 1


@pytest.mark.skipif(not have_mnist, reason="no MNIST (scripts/fetch-mnist.sh)")
def test_stdp_label_pass():
    # label_pass=10 is --label-pass 10: one more chunk (2 training chunks of
    # 10, the label pass, the test), scored like the others
    r = msl.stdp(neurons=5, train=20, test=10, label_window=10, label_pass=10, seed=2)
    assert r["label_pass"] == 10 and r["train_samples"] == 20
    assert len(r["chunk_energy_nj"]) == 4 and len(r["chunk_accuracy"]) == 3


def test_stdp_error_is_the_programs():
    with pytest.raises(msl.MslError, match="--neurons"):
        msl.stdp(neurons=0)


@pytest.mark.skipif(not have_mnist, reason="no MNIST (scripts/fetch-mnist.sh)")
def test_mnist_views():
    d = msl.load_mnist()
    assert d["train_x"].shape[1] == 784 and d["train_x"].dtype.name == "uint8"
    assert not d["train_x"].flags.writeable and d["train_y"].max() == 9


def test_sweep_db(tmp_path):
    db = tmp_path / "s.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE runs (point_key TEXT PRIMARY KEY, status TEXT, test_accuracy REAL,"
                " result_json TEXT)")
    con.execute("INSERT INTO runs VALUES ('a', 'done', 0.5, ?)", (json.dumps({"seed": 1}),))
    con.execute("INSERT INTO runs VALUES ('b', 'failed', NULL, NULL)")
    con.commit()
    con.close()
    rows = msl.sweep_db(str(db))
    assert len(rows) == 1 and rows[0]["test_accuracy"] == 0.5 and rows[0]["result"] == {"seed": 1}
    assert len(msl.sweep_db(str(db), status=None)) == 2
    with pytest.raises(msl.MslError, match="no such sweep database"):
        msl.sweep_db(str(tmp_path / "none.sqlite"))


def test_threads_setting():
    old = msl.threads()
    msl.set_threads(2)
    assert msl.threads() in (1, 2) and msl.threads_available() >= 1
    with pytest.raises(msl.MslError, match="must be 1..256"):
        msl.set_threads(0)
    msl.set_threads(old)


@pytest.mark.skipif(not have_mnist, reason="no MNIST (scripts/fetch-mnist.sh)")
def test_stdp_same_for_any_threads():
    r = [msl.stdp(neurons=20, train=10, test=10, label_window=10, device="chen15", g1=1e-4,
                  vp=1.3, threads=t) for t in (1, 2)]
    for d in r:
        for k in ("seconds", "ms_per_presentation", "peak_memory_mb", "threads"):
            d.pop(k)
    assert r[0] == r[1]
