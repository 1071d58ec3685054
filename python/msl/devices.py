"""devices: msl's device models by name (include/msl/device.h)."""
import ctypes as C

import numpy as np

from . import _lib
from .synapses import _params

f = _lib.fn


def device_names():
    return f["msl_device_names"]().decode().split(", ") if f["msl_device_names"]() else []


def cell_names():
    return f["msl_cell_names"]().decode().split(", ") if f["msl_cell_names"]() else []


class Device:
    """A device model (vteam, chen15, lut ...) at conductance unit g1, its own
    parameters as keywords (the names of `msl device --help`, '_' for '-')."""

    def __init__(self, name, g1, workload=1, **params):
        self._ps, self._keep = _params(params, workload)
        self._p = _lib.check(f["msl_device_new"](name.encode(), C.byref(self._ps), g1))
        self.name = name

    @property
    def g1(self):
        return self._p.contents.g1

    @property
    def vread(self):
        return self._p.contents.vread

    def power(self, v):
        """Power drawn at voltage v by a cell of weight 1, W."""
        return f["msl_device_power"](self._p, float(v))

    def __del__(self):
        if getattr(self, "_p", None):
            f["msl_device_free"](self._p)


class Cell:
    """A cell circuit (1r ...) by name, its parameters as keywords; a crossbar
    takes its name (Crossbar(..., cell="1r"))."""

    def __init__(self, name, workload=1, **params):
        self._ps, self._keep = _params(params, workload)
        self._p = _lib.check(f["msl_cell_new"](name.encode(), C.byref(self._ps)))
        self.name = name

    def power(self, device, v):
        """Supply power per unit of G1 (V^2) of a weight-1 cell of `device` at
        line voltages v (an array)."""
        v = np.ascontiguousarray(np.asarray(v, dtype=np.float64).ravel())
        p = v * v  # an ohmic circuit leaves p = v^2
        f["msl_cell_power"](self._p, device._p, v.ctypes.data_as(_lib.dp),
                            p.ctypes.data_as(_lib.dp), v.size)
        return p

    def __del__(self):
        if getattr(self, "_p", None):
            f["msl_cell_free"](self._p)
