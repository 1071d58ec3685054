"""_lib: libmsl loaded with ctypes, its structs and function prototypes.

ctypes (the standard library) rather than cffi: no compiler or extra package
is needed at install time, and libmsl's API is plain C (structs of numbers and
pointers, opaque handles), which ctypes describes directly. The structs below
mirror include/msl/*.h field for field; tests/test_layout.py checks their
sizes against the C compiler's where it matters.

The library: $MSL_LIB, else the repository's build/libmsl.so (this package
run from its checkout), else libmsl.so.0 wherever the loader finds it (an
installed msl: LD_LIBRARY_PATH or the system's paths).
"""
import ctypes as C
import os

_here = os.path.dirname(os.path.abspath(__file__))


def _load():
    tried = []
    cands = []
    if os.environ.get("MSL_LIB"):
        cands.append(os.environ["MSL_LIB"])
    cands.append(os.path.join(_here, "..", "..", "build", "libmsl.so"))
    cands += ["libmsl.so.0", "libmsl.so"]
    for c in cands:
        if os.path.sep in c and not os.path.exists(c):
            tried.append(c + " (absent)")
            continue
        try:
            return C.CDLL(c)
        except OSError as e:
            tried.append(f"{c} ({e})")
    raise ImportError("msl: cannot load libmsl: tried " + "; ".join(tried) +
                      " (build it with cmake, or set MSL_LIB)")


# OpenMP's idle threads spin briefly, then sleep, as in the msl program
# (docs/performance.md, "Threads"), unless the user set OMP_WAIT_POLICY or
# GOMP_SPINCOUNT; libgomp reads them when it loads, with libmsl below.
if "OMP_WAIT_POLICY" not in os.environ and "GOMP_SPINCOUNT" not in os.environ:
    os.environ["OMP_WAIT_POLICY"] = "passive"
    os.environ["GOMP_SPINCOUNT"] = "3000"
lib = _load()


class MslError(RuntimeError):
    """An error reported by libmsl; the message is the library's."""


dp = C.POINTER(C.c_double)
fp = C.POINTER(C.c_float)
ip = C.POINTER(C.c_int)
vp = C.c_void_p


class Spikes(C.Structure):
    _fields_ = [("n", C.c_int), ("nnz", C.c_int), ("x", fp), ("idx", ip)]


class Layer(C.Structure):
    _fields_ = [("ops", vp), ("content", vp), ("n", C.c_int), ("cur", C.c_int),
                ("buf", Spikes * 2)]


class SynStats(C.Structure):
    _fields_ = [(k, C.c_double) for k in (
        "energy_j", "energy_row_j", "energy_col_j", "energy_iv_j", "energy_half_j",
        "half_pulses", "drift_w", "read_power_w",
        "in_spikes", "out_spikes", "sum_v_pre", "sum_v2_pre", "sum_v_post", "sum_v2_post",
        "energy_pot_j", "energy_dep_j")]


class SynCounts(C.Structure):
    _fields_ = [(k, C.c_uint64) for k in (
        "clamped", "weights_set", "weights_clipped", "weights_stuck", "stuck_off",
        "stuck_on", "worn_cells", "stuck_pulses")]


class Synapse(C.Structure):
    _fields_ = [("ops", vp), ("content", vp), ("n_pre", C.c_int), ("n_post", C.c_int),
                ("channel", C.c_int), ("stats", SynStats), ("counts", SynCounts)]


class Trace(C.Structure):
    _fields_ = [("n", C.c_int), ("a", C.c_double), ("d", C.c_double), ("lim", C.c_double),
                ("t", dp), ("lnt", dp), ("ln_d", C.c_double), ("kind", C.c_int),
                ("off", C.c_double), ("on", C.c_double), ("duration", C.c_int),
                ("age", ip)]


class TraceParams(C.Structure):
    _fields_ = [("a", C.c_double), ("d", C.c_double), ("lim", C.c_double)]


class TraceSpec(C.Structure):
    _fields_ = [("kind", C.c_int), ("a", C.c_double), ("d", C.c_double), ("lim", C.c_double),
                ("off", C.c_double), ("on", C.c_double), ("duration", C.c_int)]


class StdpParams(C.Structure):
    _fields_ = [("ap", C.c_double), ("an", C.c_double), ("wlim", C.c_double),
                ("err_lr", C.c_double), ("exc", C.c_int), ("pre", TraceParams),
                ("post", TraceParams)]


class SecondOrderParams(C.Structure):
    _fields_ = [(k, C.c_double) for k in (
        "tau", "vth", "vreset", "vrest", "v_init", "t_refrac", "tau_e", "tau_i", "v_off_i")]


class AdaptiveParams(C.Structure):
    _fields_ = [("base", SecondOrderParams), ("theta_tau", C.c_double),
                ("theta_delta", C.c_double), ("theta_init", C.c_double)]


class LisParams(C.Structure):
    _fields_ = [("n_loc", C.c_int), ("n_ch", C.c_int), ("tau", C.c_double),
                ("thresh_init", C.c_double), ("thresh_step", C.c_double),
                ("global_skip", C.c_int), ("local_skip", C.c_int)]


class ConvParams(C.Structure):
    _fields_ = [(k, C.c_int) for k in ("w_in", "h_in", "c_in", "w_k", "h_k", "c_out", "same")] + \
               [(k, C.c_double) for k in ("ap", "an", "mmp", "wlim")] + \
               [("exc", C.c_int), ("pre", TraceParams), ("post", TraceParams)]


LOIHI_FACTORS = 8
LOIHI_PRODUCTS = 8


class LoihiFactor(C.Structure):
    _fields_ = [("code", C.c_int), ("value", C.c_double)]


class LoihiProduct(C.Structure):
    _fields_ = [("n", C.c_int), ("f", LoihiFactor * LOIHI_FACTORS)]


class LoihiRule(C.Structure):
    _fields_ = [("n", C.c_int), ("p", LoihiProduct * LOIHI_PRODUCTS)]


class LoihiParams(C.Structure):
    _fields_ = [("wrule", LoihiRule), ("tagrule", LoihiRule), ("wlim", C.c_double),
                ("taglim", C.c_double), ("tracelim", C.c_double)] + \
               [(k, TraceParams) for k in ("te", "to", "te2", "to2", "to3", "tm")]


PARAMS_MAX = 48


class ParamValue(C.Structure):
    _fields_ = [("name", C.c_char_p), ("value", C.c_double), ("text", C.c_char_p)]


class Params(C.Structure):
    _fields_ = [("workload", C.c_int), ("quirks", C.c_int), ("n", C.c_int),
                ("v", ParamValue * PARAMS_MAX)]


class CrossbarParams(C.Structure):
    _fields_ = [("device", C.c_char_p), ("rule", C.c_char_p), ("cell", C.c_char_p),
                ("drive", C.c_char_p), ("params", C.POINTER(Params)), ("pre", TraceParams),
                ("post", TraceParams), ("seed", C.c_uint64)]


class Rng(C.Structure):
    _fields_ = [("s", C.c_uint64 * 4)]


class Generator(C.Structure):
    _fields_ = [("ops", vp), ("content", vp), ("n", C.c_int), ("scale", C.c_double),
                ("r", dp)]


class Device(C.Structure):
    _fields_ = [("ops", vp), ("model", vp), ("content", vp), ("g1", C.c_double),
                ("vread", C.c_double)]


LP, SP, TP, GP, NP = (C.POINTER(Layer), C.POINTER(Synapse), C.POINTER(Trace),
                      C.POINTER(Generator), vp)
LAMBDA_FN = C.CFUNCTYPE(None, vp, C.POINTER(Spikes), dp, C.c_int)


def _proto(name, res, *args):
    f = getattr(lib, name)
    f.restype = res
    f.argtypes = list(args)
    return f


P = C.POINTER
_protos = {
    "msl_error": (C.c_char_p,),
    "msl_error_clear": (None,),
    "msl_set_threads": (C.c_int, C.c_int),
    "msl_threads": (C.c_int,),
    "msl_threads_available": (C.c_int,),
    "msl_params_init": (None, P(Params), C.c_int),
    "msl_params_set": (C.c_int, P(Params), C.c_char_p, C.c_double),
    "msl_params_set_text": (C.c_int, P(Params), C.c_char_p, C.c_char_p),
    "msl_spikes_init": (C.c_int, P(Spikes), C.c_int),
    "msl_spikes_free": (None, P(Spikes)),
    "msl_spikes_reindex": (None, P(Spikes)),
    "msl_spikes_clear": (None, P(Spikes)),
    # layers
    "msl_layer_free": (None, LP),
    "msl_layer_reset": (None, LP),
    "msl_if_new": (LP, C.c_int, C.c_double),
    "msl_lif_new": (LP, C.c_int, C.c_double, C.c_double),
    "msl_second_order_new": (LP, C.c_int, P(SecondOrderParams)),
    "msl_adaptive_new": (LP, C.c_int, P(AdaptiveParams)),
    "msl_adaptive_theta": (fp, LP),
    "msl_latch_new": (LP, C.c_int),
    "msl_identity_new": (LP, C.c_int),
    "msl_normalized_lif_new": (LP, C.c_int, C.c_double, C.c_double),
    "msl_lis_new": (LP, P(LisParams)),
    "msl_lis_aggregate": (C.c_int, LP),
    "msl_lis_thresholds": (dp, LP),
    "msl_layer_set_adapt": (C.c_int, LP, C.c_int),
    # synapses
    "msl_synapse_free": (None, SP),
    "msl_synapse_stats_reset": (None, SP),
    "msl_synapse_weights": (dp, SP),
    "msl_synapse_commit": (None, SP),
    "msl_synapse_rescale": (C.c_int, SP, C.c_double, C.c_double, dp),
    "msl_synapse_trace": (TP, SP, C.c_int),
    "msl_synapse_reset": (None, SP),
    "msl_synapse_normalise": (C.c_int, SP, C.c_double, C.c_double, C.c_double, dp),
    "msl_dense_new": (SP, C.c_int, C.c_int, dp, C.c_int),
    "msl_one_to_one_new": (SP, C.c_int, C.c_double, C.c_int),
    "msl_all_but_self_new": (SP, C.c_int, C.c_double, C.c_int),
    "msl_uniform_new": (SP, C.c_int, C.c_int, C.c_double, C.c_int),
    "msl_plastic_new": (SP, C.c_int, C.c_int, dp, P(StdpParams), C.c_int),
    "msl_crossbar_new": (SP, C.c_int, C.c_int, dp, P(CrossbarParams), C.c_int),
    "msl_crossbar_states": (dp, SP),
    "msl_lambda_new": (SP, C.c_int, C.c_int, LAMBDA_FN, vp, C.c_int),
    "msl_pool_new": (SP, C.c_int, C.c_int, C.c_int, C.c_int, C.c_int, C.c_int),
    "msl_plastic_conv_new": (SP, P(ConvParams), dp, C.c_int),
    "msl_conv_kernel": (dp, SP, ip),
    "msl_conv_out_size": (C.c_int, C.c_int, C.c_int, C.c_int),
    "msl_loihi_new": (SP, C.c_int, C.c_int, dp, P(LoihiParams), C.c_int),
    "msl_loihi_modulate": (C.c_int, SP, dp),
    "msl_loihi_tag": (dp, SP),
    "msl_loihi_trace": (TP, SP, C.c_int),
    "msl_loihi_stdp_rule": (LoihiRule, C.c_double, C.c_double),
    "msl_loihi_modulated_stdp_rule": (LoihiRule, C.c_double, C.c_double, C.c_int),
    "msl_loihi_mse_rule": (LoihiRule, C.c_double),
    "msl_lowpass_new": (vp, C.c_int, C.c_double, C.c_int),
    "msl_passthrough_new": (vp, C.c_int, C.c_int),
    "msl_transform_apply": (C.c_int, vp, P(Spikes), P(Spikes)),
    "msl_transform_reset": (None, vp),
    "msl_transform_free": (None, vp),
    "msl_transform_value": (dp, vp),
    "msl_transform_size": (C.c_int, vp),
    "msl_transformed_new": (SP, vp, SP),
    # traces
    "msl_trace_replace": (C.c_int, TP, P(TraceSpec)),
    "msl_trace_set": (C.c_int, TP, dp),
    "msl_trace_reset": (None, TP),
    # generators, rng, encoder
    "msl_poisson_new": (GP, C.c_int, dp, C.c_double),
    "msl_periodic_new": (GP, C.c_int, dp, C.c_double),
    "msl_sequence_new": (GP, C.c_int, C.c_int, dp),
    "msl_generator_next": (C.c_int, GP, P(Rng), P(Spikes)),
    "msl_generator_set_rates": (C.c_int, GP, dp),
    "msl_generator_set_scale": (C.c_int, GP, C.c_double),
    "msl_generator_reset": (None, GP),
    "msl_generator_free": (None, GP),
    "msl_rng_seed": (None, P(Rng), C.c_uint64, C.c_uint64),
    "msl_rng_shuffle": (None, P(Rng), ip, C.c_int),
    "msl_rng_fill_uniform": (None, P(Rng), dp, C.c_long),
    "msl_rng_fill_normal": (None, P(Rng), dp, C.c_long),
    # devices
    "msl_device_new": (P(Device), C.c_char_p, P(Params), C.c_double),
    "msl_device_free": (None, P(Device)),
    "msl_device_names": (C.c_char_p,),
    "msl_cell_names": (C.c_char_p,),
    "msl_device_power": (C.c_double, P(Device), C.c_double),
    "msl_cell_new": (vp, C.c_char_p, P(Params)),
    "msl_cell_free": (None, vp),
    "msl_cell_power": (C.c_int, vp, P(Device), dp, dp, C.c_int),
    # network
    "msl_net_new": (NP,),
    "msl_net_free": (None, NP),
    "msl_net_add_input": (C.c_int, NP, C.c_char_p, C.c_int),
    "msl_net_add_layer": (C.c_int, NP, C.c_char_p, LP),
    "msl_net_add_synapse": (C.c_int, NP, C.c_char_p, SP, C.c_char_p),
    "msl_net_step": (C.c_int, NP, P(P(Spikes)), C.c_int),
    "msl_net_reset": (None, NP),
    "msl_net_run": (C.c_int, NP, P(GP), P(Rng), C.c_int, C.c_int, C.c_char_p, dp),
    "msl_net_layer": (LP, NP, C.c_char_p),
    "msl_net_run_counting": (C.c_int, NP, P(GP), P(Rng), C.c_int, C.c_int, C.c_int,
                             P(C.c_char_p), P(P(Spikes))),
    "msl_synapse_replay": (C.c_int, SP, P(Spikes), dp),
    "msl_bp_errors": (None, P(Spikes), C.c_int, dp, P(Spikes), C.c_int, dp, dp),
}
fn = {k: _proto(k, *v) for k, v in _protos.items()}


def error():
    m = fn["msl_error"]()
    return m.decode() if m else "unknown error"


def check(ptr):
    """ptr, or MslError with the library's message when it is NULL."""
    if not ptr:
        raise MslError(error())
    return ptr


def check_rc(rc):
    if rc != 0:
        raise MslError(error())
    return rc


class Idx(C.Structure):
    _fields_ = [("ndim", C.c_int), ("dims", C.c_uint32 * 4), ("count", C.c_size_t),
                ("item_size", C.c_size_t), ("data", C.POINTER(C.c_uint8))]


class Mnist(C.Structure):
    _fields_ = [("rows", C.c_int), ("cols", C.c_int), ("pixels", C.c_int),
                ("n_train", C.c_int), ("n_test", C.c_int),
                ("train_x", C.POINTER(C.c_uint8)), ("test_x", C.POINTER(C.c_uint8)),
                ("train_y", C.POINTER(C.c_uint8)), ("test_y", C.POINTER(C.c_uint8)),
                ("a", Idx * 4)]


fn["msl_mnist_load"] = _proto("msl_mnist_load", C.c_int, C.c_char_p, C.POINTER(Mnist))
fn["msl_mnist_free"] = _proto("msl_mnist_free", None, C.POINTER(Mnist))
fn["msl_mnist_default_dir"] = _proto("msl_mnist_default_dir", C.c_char_p, C.c_char_p,
                                     C.c_char_p, C.c_size_t)
