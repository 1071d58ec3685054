"""data: MNIST (or Fashion-MNIST) as msl reads it (msl_mnist_load)."""
import ctypes as C

import numpy as np

from . import _lib
from ._arrays import view

f = _lib.fn


class _Data:
    def __init__(self, m):
        self.m = m

    def __del__(self):
        f["msl_mnist_free"](C.byref(self.m))


def load_mnist(directory=None):
    """A dict of train_x (n, 784), train_y, test_x, test_y as uint8 views of the
    loaded files; directory: given, else $MSL_DATA, else ~/.local/share/msl/mnist."""
    buf = C.create_string_buffer(4096)
    d = f["msl_mnist_default_dir"](directory.encode() if directory else None, buf, 4096)
    m = _lib.Mnist()
    _lib.check_rc(f["msl_mnist_load"](d, C.byref(m)))
    owner = _Data(m)
    u8 = np.uint8
    return {"train_x": view(m.train_x, (m.n_train, m.pixels), u8, owner, False),
            "train_y": view(m.train_y, (m.n_train,), u8, owner, False),
            "test_x": view(m.test_x, (m.n_test, m.pixels), u8, owner, False),
            "test_y": view(m.test_y, (m.n_test,), u8, owner, False),
            "dir": d.decode()}
