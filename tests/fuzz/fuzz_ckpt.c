/* fuzz_ckpt.c: libFuzzer harness for loading checkpoint state
 * (engine/ckpt.c, engine/state.c and every object's state function). A
 * network with each kind of state the workloads checkpoint (adaptive,
 * second-order and IF layers; an ideal plastic synapse; chen15 crossbars
 * with the lazy V/2 drive and with every mutable non-ideality) is stepped a
 * little and saved; the input then edits that payload: its first 4 bytes are
 * an offset, its 5th a length to cut (0: none), the rest bytes written over
 * the payload there. Whatever a load accepts, the network must step on
 * without a sanitizer report (the CRC of a file keeps damaged payloads out;
 * this checks that a crafted one cannot corrupt memory either); and
 * msl_ckpt_find, msl report's scan for one record, runs on the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/ckpt.h"
#include "engine/state.h"
#include "msl/net.h"
#include "msl/rng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { N_IN = 8, N = 5 };

static msl_synapse *xbar(const char *bias, int nonideal) {
  double W0[N_IN * N];
  for (int k = 0; k < N_IN * N; k++) W0[k] = 0.1 + 0.02 * k;
  msl_params ps;
  msl_params_init(&ps, 1);
  msl_params_set(&ps, "g1", 1e-4);
  if (bias) msl_params_set_text(&ps, "bias", bias);
  if (nonideal) {
    msl_params_set(&ps, "c2c", 0.1);
    msl_params_set(&ps, "read-noise", 0.05);
    msl_params_set(&ps, "endurance", 20);
    msl_params_set(&ps, "stuck-off", 0.1);
    msl_params_set(&ps, "levels", 16);
  }
  msl_trace_params tr = {1.0, 0.9, 1.0};
  msl_crossbar_params xp = {"chen15", NULL, NULL, NULL, &ps, tr, tr, 7};
  return msl_crossbar_new(N_IN, N, W0, &xp, MSL_EXC);
}

static msl_net *build(void) {
  msl_net *net = msl_net_new();
  msl_adaptive_params ep = {{200, -0.072, -0.065, -0.065, -0.105, 10, 2, 4, 0.1}, 2e7, 5e-5, 0.02};
  msl_second_order_params ip = {20, -0.040, -0.045, -0.060, -0.100, 4, 2, 4, 0.085};
  double W0[N_IN * N];
  for (int k = 0; k < N_IN * N; k++) W0[k] = 0.3;
  msl_trace_params tr = {1.0, 0.9, 1.0};
  msl_stdp_params sp = {0.01, 0.0001, 1.0, 0.0, 1, tr, tr};
  msl_net_add_input(net, "in", N_IN);
  if (msl_net_add_layer(net, "exc", msl_adaptive_new(N, &ep)) < 0 ||
      msl_net_add_layer(net, "inh", msl_second_order_new(N, &ip)) < 0 ||
      msl_net_add_layer(net, "if", msl_if_new(N, 0.5)) < 0 ||
      msl_net_add_synapse(net, "exc", xbar("v2", 0), "in") < 0 ||
      msl_net_add_synapse(net, "inh", xbar(NULL, 1), "in") < 0 ||
      msl_net_add_synapse(net, "if", msl_plastic_new(N_IN, N, W0, &sp, MSL_EXC), "in") < 0 ||
      msl_net_add_synapse(net, "inh", msl_one_to_one_new(N, 10.4, MSL_EXC), "exc") < 0)
    abort();
  return net;
}

static void run(msl_net *net, msl_rng *rng, int steps) {
  msl_spikes in;
  msl_spikes_init(&in, N_IN);
  const msl_spikes *v[1] = {&in};
  for (int t = 0; t < steps; t++) {
    for (int j = 0; j < N_IN; j++) in.x[j] = msl_rng_uniform(rng) < 0.5 ? 1.0f : 0.0f;
    msl_spikes_reindex(&in);
    msl_net_step(net, v, 1);
  }
  msl_spikes_free(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  msl_rng rng;
  msl_rng_seed(&rng, 1, 1);
  msl_net *net = build();
  run(net, &rng, 20);
  msl_ckpt *w = msl_ckpt_writer();
  if (msl_net_state(w, net)) abort();
  size_t n;
  const unsigned char *b = msl_ckpt_bytes(w, &n);
  unsigned char *p = malloc(n);
  memcpy(p, b, n);
  if (size >= 5) {
    size_t off = (((size_t)data[0] << 24) | ((size_t)data[1] << 16) | ((size_t)data[2] << 8) | data[3]) % n;
    for (size_t k = 5; k < size && off + k - 5 < n; k++) p[off + k - 5] = data[k];
    if (data[4] && data[4] < n) n -= data[4];
  }
  msl_net *net2 = build();
  msl_ckpt *r = msl_ckpt_reader(p, n, "fuzz");
  if (msl_net_state(r, net2) == 0 && msl_ckpt_end(r) == 0) run(net2, &rng, 20);
  msl_ckpt_free(r);
  /* msl report's scan for one record (msl_ckpt_find), on the same edited
   * payload: a record near the end and one that is absent. */
  int64_t v;
  double x[N];
  (void)msl_ckpt_find(p, n, "net.layers", MSL_CK_I64, &v, 1);
  (void)msl_ckpt_find(p, n, "no such record", MSL_CK_F64, x, N);
  msl_ckpt_free(w);
  free(p);
  msl_net_free(net);
  msl_net_free(net2);
  return 0;
}
