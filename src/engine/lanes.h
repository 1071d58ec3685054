/* lanes.h: eight interleaved partial sums in GCC's vector types, for the
 * memory-bound sums that only report (energies, |w| sums): the same
 * operations on every machine and in every kernel clone (dispatch.h),
 * which the compiler maps to the machine's vector registers. */
#ifndef MSL_ENGINE_LANES_H
#define MSL_ENGINE_LANES_H

#include <string.h>

enum { LANES = 8 };
typedef double lanes_d __attribute__((vector_size(LANES * sizeof(double))));
typedef long long lanes_l __attribute__((vector_size(LANES * sizeof(long long))));
typedef unsigned char lanes_c __attribute__((vector_size(LANES)));

/* (macros, not functions: a vector argument's ABI differs between the
 * kernels' builds for different machines) */
#define LANES_LOAD(v, p) memcpy(&(v), (p), sizeof(v))
#define LANES_STORE(p, v) memcpy((p), &(v), sizeof(v))
#define LANES_ABS(v) ((lanes_d)((lanes_l)(v) & 0x7fffffffffffffffLL))
/* v where the lane's mask is all ones, else +0 */
#define LANES_KEEP(v, m) ((lanes_d)((lanes_l)(v) & (m)))

/* ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)): eight lanes' total. */
static inline double lanes8_total(const double *a) {
  return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

#endif
