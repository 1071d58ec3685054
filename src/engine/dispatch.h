/* dispatch.h: MSL_KERNEL, run-time selection of the hot loops' instruction set.
 *
 * The installed library is built for the baseline x86-64 (SSE2) so that it
 * runs on any x86-64 CPU. The loops that dominate the run time (neuron
 * update, traces, synapse products, device kernels) are compiled three times,
 * for x86-64-v4 (AVX-512), x86-64-v3 (AVX2 + FMA) and the baseline (v4 made
 * workload 1 on Chen cells 14 % faster on an AVX-512 Xeon, docs/performance.md),
 * and the dynamic loader picks one
 * per CPU once (GCC target_clones, an ifunc). Results are the same bits
 * either way: msl is built with -ffp-contract=off (no fusions the source does
 * not ask for), the loops vectorise without reassociation, and the explicit
 * fma() calls of vmath.h are correctly rounded in both (an instruction in one,
 * libm in the other). A -march=native build (MSL_NATIVE) compiles everything
 * for the build machine and needs no clones.
 *
 * Put MSL_KERNEL on static functions only: an exported target_clones
 * function exports its resolver as well (an exported name calls a static
 * kernel instead, e.g. msl_trace_update), and a clone is never inlined, so
 * it belongs on a function holding a whole loop, not on a helper called per
 * element. */
#ifndef MSL_ENGINE_DISPATCH_H
#define MSL_ENGINE_DISPATCH_H

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12 && \
    defined(__linux__) && !defined(MSL_NATIVE_BUILD)
#define MSL_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MSL_KERNEL
#endif

#endif
