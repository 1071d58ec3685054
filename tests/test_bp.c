/* test_bp.c: workload 2's rule on tiny networks, by hand (SPEC 8): the
 * errors of one interval, the ideal replay, and the replay on a VTEAM
 * crossbar (c_j positive pulses, then c_j negative ones, energy before). */
#include <math.h>
#include <string.h>

#include "check.h"
#include "msl/synapse.h"
#include "msl/workload.h"

static void set(msl_spikes *s, const float *x) {
  memcpy(s->x, x, (size_t)s->n * sizeof *x);
  msl_spikes_reindex(s);
}

int main(void) {
  /* Errors: 3 outputs with counts (2, 0, 1), label 1:
   * e_out = (0 - 1, 1 - 0, 0 - 1) = (-1, 1, -1).
   * Hidden 0 spiked, hidden 1 did not. W_out pre-major: hidden 0's weights
   * (0.1, 0.2, 0.3): e_hid0 = -(0.1 - 0.05) + (0.2 - 0.05) - (0.3 - 0.05) = -0.15. */
  msl_spikes out, hid;
  msl_spikes_init(&out, 3);
  msl_spikes_init(&hid, 2);
  set(&out, (float[]){2, 0, 1});
  set(&hid, (float[]){1, 0});
  double W_out[6] = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
  double e_out[3], e_hid[2];
  msl_bp_errors(&out, 1, W_out, &hid, 2, e_out, e_hid);
  CHECK(e_out[0] == -1.0 && e_out[1] == 1.0 && e_out[2] == -1.0);
  CHECK_NEAR(e_hid[0], -0.15, 1e-15);
  CHECK(e_hid[1] == 0.0);
  /* A correct, silent-elsewhere output gives zero error everywhere. */
  set(&out, (float[]){0, 3, 0});
  msl_bp_errors(&out, 1, W_out, &hid, 2, e_out, e_hid);
  CHECK(e_out[0] == 0.0 && e_out[1] == 0.0 && e_out[2] == 0.0 && e_hid[0] == 0.0);

  /* Ideal replay: 2 pre x 2 post, pre counts (2, 0), errors (-0.15, 0.3),
   * lr 0.01: W[:,0] += lr e_i c_0, clamped at 0; column 1 untouched. */
  double W0[4] = {0.002, 0.5, 0.4, 0.6}; /* pre-major: column 0 = (0.002, 0.5) */
  msl_trace_params none = {0, 0, 0};
  msl_stdp_params sp = {0.0, 0.0, 0.1, 0.01, 1, none, none};
  msl_synapse *S = msl_plastic_new(2, 2, W0, &sp, MSL_EXC);
  msl_spikes pre;
  msl_spikes_init(&pre, 2);
  set(&pre, (float[]){2, 0});
  double e[2] = {-0.15, 0.3};
  S->ops->replay(S, &pre, e);
  double *W = S->ops->weights(S);
  CHECK(W[0] == 0.0);                               /* 0.002 - 0.003 < 0: clamped */
  CHECK_NEAR(W[1], 0.5 + 0.01 * 0.3 * 2, 1e-15);    /* 0.506 */
  CHECK(W[2] == 0.4 && W[3] == 0.6);
  msl_synapse_free(S);

  /* VTEAM crossbar (workload 2: k = 1), G1 = 1e-5, lr = 0.01. Counts
   * (2, 1), errors (0.5, -0.25): row 0 sees vp = (lr 0.5 / 5.28e-8)^(1/41.95)
   * on every pulse, row 1 vn = -(lr 0.25 / 9.545e-7)^(1/39.65). Column j gets
   * c_j pulses of vp (row 0) then c_j of vn (row 1), 1 ns each. */
  const double g1 = 1e-5, lr = 0.01, ron = 6697.893598309347, roff = 2250521.504002251;
  double Wx[4] = {0.5, 1.0, 2.0, 4.0};
  S = check_crossbar("vteam", 2, g1, lr, none, 2, 2, Wx);
  if (!S) return check_done();
  W = S->ops->weights(S);
  double R[4];
  for (int k = 0; k < 4; k++) R[k] = 1.0 / (Wx[k] * g1);
  double vp = pow(lr * 0.5 / 5.28e-8, 1 / 41.95), vn = -pow(lr * 0.25 / 9.545e-7, 1 / 39.65);
  double energy = 0.0; /* sum_j c_j sum_i |w_ij| v_i^2 G1 dt, before the pulses */
  const double c[2] = {2, 1};
  for (int j = 0; j < 2; j++)
    energy += c[j] * (Wx[2 * j] * vp * vp + Wx[2 * j + 1] * vn * vn) * g1 * 1e-9;
  set(&pre, (float[]){2, 1});
  double ex[2] = {0.5, -0.25};
  S->ops->replay(S, &pre, ex);
  for (int j = 0; j < 2; j++)
    for (int r = 0; r < (int)c[j]; r++) {
      R[2 * j] = fmin(roff, fmax(ron, R[2 * j] - pow(vp, 41.95) * 5.28e-8 / g1));
      R[2 * j + 1] = fmin(roff, fmax(ron, R[2 * j + 1] + pow(-vn, 39.65) * 9.545e-7 / g1));
    }
  for (int k = 0; k < 4; k++) CHECK_REL(W[k], 1.0 / g1 / R[k], 1e-12);
  /* the steps are the desired ones: lr e / G1 per pulse */
  CHECK_REL(1.0 / (Wx[0] * g1) - R[0], 2 * lr * 0.5 / g1, 1e-9);
  CHECK_REL(S->stats.energy_j, energy, 1e-12);
  CHECK(S->stats.energy_col_j == S->stats.energy_j && S->stats.energy_row_j == 0.0); /* replay: columns */
  CHECK(S->stats.in_spikes == 2.0 * (2 + 1));
  CHECK_REL(S->stats.sum_v_pre, vp, 1e-14);
  CHECK_REL(S->stats.sum_v_post, vn, 1e-14);
  msl_synapse_free(S);

  msl_spikes_free(&out);
  msl_spikes_free(&hid);
  msl_spikes_free(&pre);
  return check_done();
}
