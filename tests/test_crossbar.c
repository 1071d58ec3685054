/* test_crossbar.c: the device-aware crossbar synapse (SPEC 4-6) on a tiny
 * 2 x 2 VTEAM crossbar: weights as a view of the device state, row pulses
 * before column pulses, programming energy from the weights before the
 * pulses, read power, counters - all computed by hand with libm. Then the
 * energy from a non-ohmic device's current (Chen 2015) on the same steps. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "msl/synapse.h"

static const double RON = 6697.893598309347, ROFF = 2250521.504002251;

static double clipR(double r) { return r < RON ? RON : r > ROFF ? ROFF : r; }

/* Chen 2015 crossbar, G1 = 1e-4, Vp = 1.3: the same two steps as below, with
 * the energy by SPEC 6 (|w| G1 V^2 dt) and from the model's current
 * I = w G1 Vread sinh(V/V0)/sinh(Vread/V0), i.e. |w| G1 V I/(w G1) dt. */
static void chen_energy(void) {
  const double g1 = 1e-4, vp = 1.3, dv = 0.073, d = exp(-1.0 / 40.0);
  double W0[4] = {0.2, 0.4, 0.6, 0.8};
  msl_synapse *S = check_crossbar("chen15", 1, g1, vp, (msl_trace_params){1.0, d, 1.0}, 2, 2, W0);
  if (!S) return;
  const double *W = S->ops->weights(S);
  double w[4] = {W[0], W[1], W[2], W[3]};
  msl_spikes pre, post;
  msl_spikes_init(&pre, 2);
  msl_spikes_init(&post, 2);
  pre.x[0] = 1.0f;
  msl_spikes_reindex(&pre);
  msl_spikes_clear(&post);
  msl_spikes_reindex(&post);
  S->ops->learn(S, &pre, &post); /* te = (1, 0), to = 0: no voltage */
  CHECK(S->stats.energy_j == 0.0 && S->stats.energy_iv_j == 0.0);
  msl_spikes_clear(&pre);
  pre.x[1] = 1.0f;
  msl_spikes_reindex(&pre);
  post.x[1] = 1.0f;
  msl_spikes_reindex(&post);
  /* te = (d, 1), to = (0, 1): ve_j = Vp + log10(te_j) dv; vo_1 = -(Vp - dv). */
  double ve[2] = {vp + log10(d) * dv, vp}, vo1 = -(vp - dv);
  double sr = sinh(0.7 / 0.43), pv[3], v[3] = {ve[0], ve[1], vo1};
  for (int k = 0; k < 3; k++) pv[k] = 0.7 * v[k] * sinh(v[k] / 0.43) / sr;
  /* Row 1: cells (j=0, i=1) = w[1] and (j=1, i=1) = w[3]; column 1: cell
   * (j=1, i=1) = w[3] at vo1 (row 0 has vo = 0). */
  double e_spec = (w[1] * ve[0] * ve[0] + w[3] * ve[1] * ve[1]) * g1 * 1e-8 +
                  w[3] * vo1 * vo1 * g1 * 1e-9;
  double e_iv = (w[1] * pv[0] + w[3] * pv[1]) * g1 * 1e-8 + w[3] * pv[2] * g1 * 1e-9;
  S->ops->learn(S, &pre, &post);
  CHECK_REL(S->stats.energy_j, e_spec, 1e-12);
  CHECK_REL(S->stats.energy_iv_j, e_iv, 1e-12);
  /* sinh is super-linear: at 1.3 V the cell draws 2.26 times V^2 G. */
  CHECK_REL(pv[1] / (vp * vp), 2.25523, 1e-5);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
  msl_synapse_free(S);
}

/* VTEAM cells whose drive is inert (a step far below R's last place) are
 * not pulsed but their energy counts: a 1 x 1 crossbar whose post trace
 * decays by 1e-9 per step, so two steps after a post spike to = 1e-18 and
 * the drive 0.01 lr to = 5e-22 < 2^-42 G1, at a voltage still of -0.41 V. */
static void inert_cells(void) {
  const double g1 = 1e-5, lr = 0.05;
  double W0[1] = {0.5};
  msl_synapse *S = check_crossbar("vteam", 1, g1, lr, (msl_trace_params){1.0, 1e-9, 1.0}, 1, 1, W0);
  if (!S) return;
  double *W = S->ops->weights(S);
  msl_spikes on, off;
  msl_spikes_init(&on, 1);
  msl_spikes_init(&off, 1);
  on.x[0] = 1.0f;
  msl_spikes_reindex(&on);
  S->ops->learn(S, &off, &on); /* post spike: to = 1; no pre trace, 0 V */
  S->ops->learn(S, &off, &off); /* to = 1e-9 */
  const double w = W[0];
  msl_synapse_stats_reset(S);
  S->ops->learn(S, &on, &off); /* to = 1e-18; pre spike pulses the column */
  double vo = -pow(0.01 * lr * 1e-18 / 9.545e-7, 1.0 / 39.65);
  CHECK(vo < -0.4);
  CHECK(W[0] == w); /* the step 5e-17 ohm is lost against R = 2e5 ohm anyway */
  CHECK_REL(S->stats.energy_j, w * vo * vo * g1 * 1e-9, 1e-12);
  CHECK_REL(S->stats.sum_v_post, vo, 1e-14);
  msl_spikes_free(&on);
  msl_spikes_free(&off);
  msl_synapse_free(S);
}

int main(void) {
  const double g1 = 1e-5, lr = 0.05, d = exp(-1.0 / 40.0);

  /* Pre-major weights: W[j*2 + i]. VTEAM reaches w <= 1/(G1 Ron) at this G1
   * (1/(G1 Ron) = 14.93, so 5 is inside; 20 is clipped to 14.93). */
  double W0[4] = {0.5, 2.0, 5.0, 20.0};
  msl_synapse *S = check_crossbar("vteam", 1, g1, lr, (msl_trace_params){1.0, d, 1.0}, 2, 2, W0);
  if (!S) return check_done();
  double *W = S->ops->weights(S);
  double R[4];
  for (int k = 0; k < 4; k++) R[k] = clipR(1.0 / (W0[k] * g1));
  for (int k = 0; k < 4; k++) CHECK_REL(W[k], 1.0 / g1 / R[k], 1e-14);
  CHECK_REL(W[3], 1.0 / (g1 * RON), 1e-14); /* clipped to the reachable maximum */

  /* Forward with pre 0 and 1 active: y_i = sum_j W_ij; read power
   * sum_j (|W_0j| + |W_1j|) * 1 * 0.7^2 * G1. */
  msl_spikes pre, post, none;
  msl_spikes_init(&pre, 2);
  msl_spikes_init(&post, 2);
  msl_spikes_init(&none, 2);
  pre.x[0] = pre.x[1] = 1.0f;
  msl_spikes_reindex(&pre);
  double y[2] = {0, 0};
  S->ops->forward(S, &pre, y);
  CHECK_REL(y[0], W[0] + W[2], 1e-14);
  CHECK_REL(y[1], W[1] + W[3], 1e-14);
  CHECK_REL(S->stats.read_power_w, (W[0] + W[1] + W[2] + W[3]) * 0.49 * g1, 1e-13);

  /* Step 1: pre spike in column 0 only, no post spike. Traces: te = (1, 0),
   * to = (0, 0): row voltages vo = 0, so nothing changes and no energy. */
  msl_spikes_clear(&pre);
  pre.x[0] = 1.0f;
  msl_spikes_reindex(&pre);
  S->ops->learn(S, &pre, &none);
  for (int k = 0; k < 4; k++) CHECK_REL(W[k], 1.0 / g1 / R[k], 1e-14);
  CHECK(S->stats.energy_j == 0.0);
  CHECK(S->stats.in_spikes == 1.0);

  /* Step 2: post spike in row 1, pre spike in column 1.
   * te = (d, 1), to = (0, 1).
   * Column voltages ve_j = (lr te_j / 5.28e-8)^(1/41.95); row voltages
   * vo_0 = 0 (to = 0), vo_1 = -(0.01 lr / 9.545e-7)^(1/39.65).
   * Energy from the weights before the pulses:
   *   row 1 (cells (1,0), (1,1)), dt 10 ns: (|W10| ve0^2 + |W11| ve1^2) G1 1e-8
   *   col 1 (cells (0,1), (1,1)), dt 1 ns:  (|W01| vo0^2 + |W11| vo1^2) G1 1e-9 */
  post.x[1] = 1.0f;
  msl_spikes_reindex(&post);
  msl_spikes_clear(&pre);
  pre.x[1] = 1.0f;
  msl_spikes_reindex(&pre);
  double te[2] = {d, 1.0}, to[2] = {0.0, 1.0};
  double ve[2], vo[2];
  for (int j = 0; j < 2; j++) ve[j] = pow(lr * te[j] / 5.28e-8, 1.0 / 41.95);
  vo[0] = 0.0;
  vo[1] = -pow(0.01 * lr * to[1] / 9.545e-7, 1.0 / 39.65);
  double w10 = 1 / g1 / R[1], w11 = 1 / g1 / R[3], w01 = 1 / g1 / R[2];
  double e_row = (w10 * ve[0] * ve[0] + w11 * ve[1] * ve[1]) * g1 * 1e-8,
         e_col = (w01 * vo[0] * vo[0] + w11 * vo[1] * vo[1]) * g1 * 1e-9;
  S->ops->learn(S, &pre, &post);
  CHECK_REL(S->stats.energy_j, e_row + e_col, 1e-12);
  CHECK_REL(S->stats.energy_row_j, e_row, 1e-12);
  CHECK_REL(S->stats.energy_col_j, e_col, 1e-12);
  CHECK(S->stats.energy_iv_j == S->stats.energy_j); /* VTEAM is ohmic */
  /* Rows first: R(1,j) -= ve_j^41.95 5.28e-8 / G1 (= lr te_j / G1), clipped;
   * then column 1: R(i,1) += (-vo_i)^39.65 9.545e-7 / G1 for vo_i != 0. */
  double Rn[4] = {R[0], R[1], R[2], R[3]};
  Rn[1] = clipR(Rn[1] - pow(ve[0], 41.95) * 5.28e-8 / g1); /* cell (1,0) */
  Rn[3] = clipR(Rn[3] - pow(ve[1], 41.95) * 5.28e-8 / g1); /* cell (1,1) */
  Rn[3] = clipR(Rn[3] + pow(-vo[1], 39.65) * 9.545e-7 / g1);
  for (int k = 0; k < 4; k++) CHECK_REL(W[k], 1.0 / g1 / Rn[k], 1e-12);
  /* The resistance steps are the desired ones: lr te / G1 and 0.01 lr to / G1. */
  CHECK_REL(R[1] - Rn[1], lr * d / g1, 1e-9);
  CHECK(W[0] == 1.0 / g1 / R[0]); /* cell (0,0): no pulse reached it */
  /* Counters: one row pulse with ve (2 cells), one column pulse with vo_1. */
  CHECK_REL(S->stats.sum_v_pre, ve[0] + ve[1], 1e-14);
  CHECK_REL(S->stats.sum_v2_pre, ve[0] * ve[0] + ve[1] * ve[1], 1e-14);
  CHECK_REL(S->stats.sum_v_post, vo[1], 1e-14);
  CHECK(S->stats.out_spikes == 1.0 && S->stats.in_spikes == 2.0);

  /* Setting weights from outside goes through w2s: 0 maps to Roff. */
  W[0] = 0.0;
  W[1] = 3.0;
  S->ops->commit(S);
  CHECK_REL(W[0], 1.0 / g1 / ROFF, 1e-14);
  CHECK_REL(W[1], 3.0, 1e-14);

  msl_spikes_free(&pre);
  msl_spikes_free(&post);
  msl_spikes_free(&none);
  msl_synapse_free(S);
  chen_energy();
  inert_cells();
  return check_done();
}
