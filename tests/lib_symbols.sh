#!/usr/bin/env bash
# lib_symbols.sh: every symbol libmsl.so exports carries the msl_ prefix
# (besides the linker's _init/_fini and, in a sanitizer build, the
# sanitizer's own); the public API is there and internal helpers are hidden.
set -uo pipefail
lib=${MSL_LIB:?}
syms=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//') || { echo "FAIL: nm $lib"; exit 1; }
fail=0
bad=$(echo "$syms" | grep -v -E '^(msl_|_init$|_fini$|_edata$|_end$|__bss_start$|__odr_asan|__asan_|__ubsan_)' || true)
[ -z "$bad" ] || { echo "FAIL: exported without the msl_ prefix:"; echo "$bad"; fail=1; }
# Each function of the public headers is exported (spot checks across them)...
for s in msl_net_new msl_net_add_synapse msl_encoder_new msl_encoder_draw msl_error msl_rng_seed \
         msl_layer_alloc msl_second_order_new msl_crossbar_new msl_device_new msl_mnist_load \
         msl_npz_open msl_trace_update msl_stdp_run msl_bp_run msl_lis_new msl_loihi_new \
         msl_plastic_conv_new msl_poisson_new msl_lowpass_new msl_net_run msl_trace_replace; do
  grep -qx "$s" <<< "$syms" || { echo "FAIL: $s is not exported"; fail=1; }
done
# ...and internal functions (src/*.h) are not.
for s in msl_so_advance msl_so_init msl_chen15_create msl_vteam_create trace_kind_update; do
  if grep -qx "$s" <<< "$syms"; then echo "FAIL: internal $s is exported"; fail=1; fi
done
echo "libmsl.so exports $(echo "$syms" | grep -c '^msl_') msl_ symbols"
exit $fail
