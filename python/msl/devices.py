"""devices: msl's device models by name (include/msl/device.h)."""
import ctypes as C

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
