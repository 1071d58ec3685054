/* test_ckpt.c: the checkpoint serialiser (engine/ckpt.h) and file layer:
 * record round trips, every refusal, the header's bytes, and the state
 * functions of an rng, a trace and crossbars with non-idealities and with
 * the lazy V/3 drive. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "engine/ckpt.h"
#include "engine/state.h"
#include "msl/error.h"
#include "msl/synapse.h"

static int has(const char *what) { return strstr(msl_error(), what) != NULL; }

/* Records written, then read back; and each mismatch refused. */
static void test_records(void) {
  double d[3] = {1.5, -2.25, 1e-300};
  int32_t i = -7;
  uint8_t b[2] = {0, 255};
  int64_t cnt = 3;
  msl_ckpt *w = msl_ckpt_writer();
  CHECK(w && !msl_ckpt_loading(w));
  CHECK(msl_ckpt_count(w, "n", &cnt, 10) == 0);
  CHECK(msl_ckpt_f64(w, "d", d, 3) == 0);
  CHECK(msl_ckpt_i32(w, "i", &i, 1) == 0);
  CHECK(msl_ckpt_u8(w, "b", b, 2) == 0);
  CHECK(msl_ckpt_same(w, "size", 42) == 0);
  size_t n;
  const unsigned char *bytes = msl_ckpt_bytes(w, &n);
  /* (4 + tag + 4 + 8) per record, then the data: n 17+8, d 17+24, i 17+4,
   * b 17+2, size 20+8. */
  CHECK(n == 25 + 41 + 21 + 19 + 28);
  uint32_t tl;
  memcpy(&tl, bytes, 4);
  CHECK(tl == 1 && bytes[4] == 'n');

  double d2[3] = {0};
  int32_t i2 = 0;
  uint8_t b2[2] = {1, 1};
  int64_t cnt2 = 0;
  msl_ckpt *r = msl_ckpt_reader(bytes, n, "F");
  CHECK(r && msl_ckpt_loading(r));
  CHECK(msl_ckpt_count(r, "n", &cnt2, 10) == 0 && cnt2 == 3);
  CHECK(msl_ckpt_f64(r, "d", d2, 3) == 0 && memcmp(d, d2, sizeof d) == 0);
  CHECK(msl_ckpt_i32(r, "i", &i2, 1) == 0 && i2 == -7);
  CHECK(msl_ckpt_u8(r, "b", b2, 2) == 0 && b2[0] == 0 && b2[1] == 255);
  CHECK(msl_ckpt_same(r, "size", 42) == 0);
  CHECK(msl_ckpt_end(r) == 0);
  CHECK(msl_ckpt_f64(r, "more", d2, 1) == -1 && has("F: checkpoint record 'more': missing"));
  msl_ckpt_free(r);

  /* Wrong tag, type, count, range, value; leftover records. */
  r = msl_ckpt_reader(bytes, n, "F");
  CHECK(msl_ckpt_count(r, "m", &cnt2, 10) == -1 && has("'n' found where 'm' was expected"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n, "F");
  CHECK(msl_ckpt_count(r, "n", &cnt2, 2) == -1 && has("3 out of range 0..2"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n, "F");
  CHECK(msl_ckpt_count(r, "n", &cnt2, 10) == 0);
  CHECK(msl_ckpt_f64(r, "d", d2, 2) == -1 && has("3 elements, expected 2"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n, "F");
  CHECK(msl_ckpt_count(r, "n", &cnt2, 10) == 0);
  CHECK(msl_ckpt_u64(r, "d", (uint64_t *)d2, 3) == -1 && has("type f64, expected u64"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n - 28, "F");
  CHECK(msl_ckpt_count(r, "n", &cnt2, 10) == 0 && msl_ckpt_end(r) == -1 &&
        has("F: checkpoint has 81 bytes after its last record"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n - 3, "F"); /* the last record cut */
  CHECK(!msl_ckpt_count(r, "n", &cnt2, 10) && !msl_ckpt_f64(r, "d", d2, 3) &&
        !msl_ckpt_i32(r, "i", &i2, 1) && !msl_ckpt_u8(r, "b", b2, 2));
  CHECK(msl_ckpt_same(r, "size", 42) == -1 && has("'size': truncated data"));
  msl_ckpt_free(r);
  r = msl_ckpt_reader(bytes, n, "F");
  int64_t skip;
  CHECK(!msl_ckpt_count(r, "n", &skip, 10) && !msl_ckpt_f64(r, "d", d2, 3) &&
        !msl_ckpt_i32(r, "i", &i2, 1) && !msl_ckpt_u8(r, "b", b2, 2));
  CHECK(msl_ckpt_same(r, "size", 41) == -1 && has("42 in the checkpoint, 41 in this run"));
  msl_ckpt_free(r);

  /* msl_ckpt_find: any record by tag, whatever comes before it. */
  double d3[3] = {0};
  CHECK(msl_ckpt_find(bytes, n, "d", MSL_CK_F64, d3, 3) == 1 && memcmp(d, d3, sizeof d) == 0);
  int64_t sz = 0;
  CHECK(msl_ckpt_find(bytes, n, "size", MSL_CK_I64, &sz, 1) == 1 && sz == 42);
  CHECK(msl_ckpt_find(bytes, n, "nope", MSL_CK_I64, &sz, 1) == 0);
  CHECK(msl_ckpt_find(bytes, n, "d", MSL_CK_F64, d3, 2) == -1);      /* other count */
  CHECK(msl_ckpt_find(bytes, n, "i", MSL_CK_I64, &sz, 1) == -1);     /* other type */
  CHECK(msl_ckpt_find(bytes, n - 3, "nope", MSL_CK_I64, &sz, 1) == -1); /* cut */
  CHECK(msl_ckpt_find(bytes, n - 3, "b", MSL_CK_U8, b2, 2) == 1);   /* before the cut */
  msl_ckpt_free(w);
}

static long file_size(const char *p) {
  FILE *f = fopen(p, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fclose(f);
  return n;
}

static void write_bytes(const char *p, const unsigned char *b, size_t n) {
  FILE *f = fopen(p, "wb");
  if (f) {
    fwrite(b, 1, n, f);
    fclose(f);
  }
}

static int write_x(msl_ckpt *c, void *ctx) { return msl_ckpt_f64(c, "x", ctx, 2); }
static int write_big(msl_ckpt *c, void *ctx) { return msl_ckpt_f64(c, "big", ctx, 300000); }
static int fail_state(msl_ckpt *c, void *ctx) {
  (void)c;
  (void)ctx;
  return msl_error_set("state: no");
}

static void test_files(void) {
  /* FNV-1a 64 test vectors: "" is the offset basis, "a" 0xaf63dc4c8601ec8c. */
  CHECK(msl_ckpt_fingerprint("") == 14695981039346656037ull);
  CHECK(msl_ckpt_fingerprint("a") == 0xaf63dc4c8601ec8cull);

  char dir[] = "/tmp/msl-test-ckpt-XXXXXX";
  if (!mkdtemp(dir)) {
    CHECK(0);
    return;
  }
  char path[128], bad[128], tmp[160];
  snprintf(path, sizeof path, "%s/run.ckpt", dir);
  snprintf(bad, sizeof bad, "%s/bad.ckpt", dir);
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  unsigned char *pay = NULL;
  size_t n = 0;
  CHECK(msl_ckpt_file_read(path, "a=1\n", &pay, &n) == 0); /* none yet */

  double d[2] = {3.0, 4.0};
  CHECK(msl_ckpt_file_write(path, "a=1\nb=2\n", write_x, d) == 0);
  CHECK(access(tmp, F_OK) != 0); /* renamed away */
  /* 40-byte header + 8 bytes of configuration + one record of 4+1+4+8+16. */
  CHECK(file_size(path) == 40 + 8 + 33);
  FILE *f = fopen(path, "rb");
  unsigned char buf[81];
  CHECK(f && fread(buf, 1, sizeof buf, f) == sizeof buf);
  if (f) fclose(f);
  uint32_t version;
  uint64_t fp, C, P;
  memcpy(&version, buf + 8, 4);
  memcpy(&fp, buf + 16, 8);
  memcpy(&C, buf + 24, 8);
  memcpy(&P, buf + 32, 8);
  CHECK(memcmp(buf, "MSLCKPT", 8) == 0 && version == 1 && C == 8 && P == 33);
  CHECK(fp == msl_ckpt_fingerprint("a=1\nb=2\n") && memcmp(buf + 40, "a=1\nb=2\n", 8) == 0);

  CHECK(msl_ckpt_file_read(path, "a=1\nb=2\n", &pay, &n) == 1 && n == 33);
  if (pay) {
    double got[2];
    msl_ckpt *r = msl_ckpt_reader(pay, n, path);
    CHECK(msl_ckpt_f64(r, "x", got, 2) == 0 && got[0] == 3.0 && got[1] == 4.0 && !msl_ckpt_end(r));
    msl_ckpt_free(r);
    free(pay);
    pay = NULL;
  }
  /* peek: any configuration; its text and the payload in one block. */
  char *cfg = NULL;
  unsigned char *pp = NULL;
  CHECK(msl_ckpt_file_peek(path, &cfg, &pp, &n) == 1 && n == 33);
  if (cfg) {
    double got[2] = {0};
    CHECK(strcmp(cfg, "a=1\nb=2\n") == 0);
    CHECK(msl_ckpt_find(pp, n, "x", MSL_CK_F64, got, 2) == 1 && got[0] == 3.0 && got[1] == 4.0);
    free(cfg);
  }
  CHECK(msl_ckpt_file_peek(bad, &cfg, &pp, &n) == 0); /* none */
  /* Another configuration: the first differing line is named. */
  CHECK(msl_ckpt_file_read(path, "a=1\nb=3\n", &pay, &n) == -1 &&
        has("run.ckpt: checkpoint was written by a different configuration (checkpoint: b=2; "
            "this run: b=3)"));
  /* Truncated, damaged, foreign, another version. */
  write_bytes(bad, buf, 60);
  CHECK(msl_ckpt_file_read(bad, "a=1\nb=2\n", &pay, &n) == -1 &&
        has("bad.ckpt: truncated or damaged checkpoint (60 bytes; its header says 81)"));
  write_bytes(bad, buf, 20);
  CHECK(msl_ckpt_file_read(bad, "a=1\nb=2\n", &pay, &n) == -1 && has("less than its 40-byte header"));
  unsigned char flip[81];
  memcpy(flip, buf, sizeof flip);
  flip[70] ^= 0x10;
  write_bytes(bad, flip, sizeof flip);
  CHECK(msl_ckpt_file_read(bad, "a=1\nb=2\n", &pay, &n) == -1 && has("bad.ckpt: damaged checkpoint (CRC32"));
  write_bytes(bad, (const unsigned char *)"hello, world\n", 13);
  CHECK(msl_ckpt_file_read(bad, "a=1\nb=2\n", &pay, &n) == -1 &&
        has("bad.ckpt: not an msl checkpoint"));
  memcpy(flip, buf, sizeof flip);
  flip[8] = 2;
  write_bytes(bad, flip, sizeof flip);
  CHECK(msl_ckpt_file_read(bad, "a=1\nb=2\n", &pay, &n) == -1 && has("format version 2"));
  /* Writing into a missing folder fails with the file named. */
  char nodir[160];
  snprintf(nodir, sizeof nodir, "%s/no/such.ckpt", dir);
  CHECK(msl_ckpt_file_write(nodir, "a=1\n", write_x, d) == -1 && has("no/such.ckpt.tmp: cannot write"));
  /* A failing state function: its own message, the file there unchanged. */
  CHECK(msl_ckpt_file_write(bad, "a=1\n", fail_state, d) == -1 && has("state: no"));
  CHECK(file_size(bad) == 81);
  snprintf(tmp, sizeof tmp, "%s.tmp", bad);
  CHECK(access(tmp, F_OK) != 0);
  /* A payload larger than the stream's 1 MiB buffer reads back whole. */
  double *big = malloc(300000 * sizeof *big), *back = malloc(300000 * sizeof *back);
  for (int k = 0; k < 300000; k++) big[k] = k * 0.5;
  CHECK(msl_ckpt_file_write(path, "big=1\n", write_big, big) == 0);
  CHECK(file_size(path) == 40 + 6 + 4 + 3 + 4 + 8 + 2400000);
  CHECK(msl_ckpt_file_read(path, "big=1\n", &pay, &n) == 1 && n == 2400019);
  if (pay) {
    msl_ckpt *r = msl_ckpt_reader(pay, n, path);
    CHECK(msl_ckpt_f64(r, "big", back, 300000) == 0 && memcmp(big, back, 300000 * sizeof *big) == 0);
    msl_ckpt_free(r);
    free(pay);
    pay = NULL;
  }
  free(big);
  free(back);
  unlink(path);
  unlink(bad);
  rmdir(dir);
}

/* Save, run on, load: the object is back where it was saved. */
static void test_objects(void) {
  msl_rng g;
  msl_rng_seed(&g, 5, 1);
  msl_ckpt *w = msl_ckpt_writer();
  CHECK(msl_rng_state(w, "rng", &g) == 0);
  uint64_t first[3];
  for (int k = 0; k < 3; k++) first[k] = msl_rng_u64(&g);

  msl_trace t;
  CHECK(msl_trace_init(&t, 3, 1.0, 0.5, 1.0) == 0 && msl_trace_keep_log(&t) == 0);
  msl_spikes x;
  CHECK(msl_spikes_init(&x, 3) == 0);
  x.x[1] = 1.0f;
  msl_spikes_reindex(&x);
  msl_trace_update(&t, &x); /* t = (0, 1, 0) */
  msl_trace_update(&t, &x); /* t = (0, 1, 0): 0.5 + 1 clamped to 1 */
  x.x[1] = 0.0f;
  msl_spikes_reindex(&x);
  msl_trace_update(&t, &x); /* t = (0, 0.5, 0) */
  CHECK(t.t[1] == 0.5);
  CHECK(msl_trace_state(w, "trace", &t) == 0);

  size_t n;
  const unsigned char *b = msl_ckpt_bytes(w, &n);
  msl_ckpt *r = msl_ckpt_reader(b, n, "mem");
  msl_trace_reset(&t);
  CHECK(msl_rng_state(r, "rng", &g) == 0);
  for (int k = 0; k < 3; k++) CHECK(msl_rng_u64(&g) == first[k]);
  CHECK(msl_trace_state(r, "trace", &t) == 0 && t.t[1] == 0.5 && t.t[0] == 0.0);
  CHECK(fabs(t.lnt[1] - log(0.5)) < 1e-15 && msl_ckpt_end(r) == 0);
  msl_ckpt_free(r);
  msl_ckpt_free(w);
  msl_spikes_free(&x);
  msl_trace_free(&t);
}

/* A chen15 crossbar of parameters ps, pulsed, saved, pulsed on; a fresh one
 * loaded from the save goes on exactly as the original did. */
static void crossbar_round_trip(const char *what, msl_params *ps) {
  double W0[6] = {0.2, 0.4, 0.6, 0.3, 0.5, 0.7};
  msl_params_set(ps, "g1", 1e-4);
  msl_trace_params tr = {1.0, 0.9, 1.0};
  msl_crossbar_params xp = {"chen15", NULL, NULL, NULL, ps, tr, tr, 3};
  msl_synapse *S = msl_crossbar_new(3, 2, W0, &xp, MSL_EXC);
  msl_synapse *S2 = msl_crossbar_new(3, 2, W0, &xp, MSL_EXC);
  msl_synapse *S3 = msl_crossbar_new(2, 3, W0, &xp, MSL_EXC);
  CHECK(S && S2 && S3);
  if (!S || !S2 || !S3) {
    printf("%s: %s\n", what, msl_error());
    return;
  }
  msl_spikes pre, post;
  msl_spikes_init(&pre, 3);
  msl_spikes_init(&post, 2);
  pre.x[0] = pre.x[2] = 1.0f;
  post.x[1] = 1.0f;
  msl_spikes_reindex(&pre);
  msl_spikes_reindex(&post);
  for (int k = 0; k < 3; k++) CHECK(S->ops->learn(S, &pre, &post) == 0);
  msl_syn_stats st = S->stats;
  msl_ckpt *w = msl_ckpt_writer();
  CHECK(msl_synapse_state(w, S) == 0);
  double saved[6];
  memcpy(saved, msl_synapse_weights(S), sizeof saved);
  for (int k = 0; k < 10; k++) CHECK(S->ops->learn(S, &pre, &post) == 0);
  CHECK(memcmp(saved, msl_synapse_weights(S), sizeof saved) != 0);

  size_t n;
  const unsigned char *b = msl_ckpt_bytes(w, &n);
  msl_ckpt *r = msl_ckpt_reader(b, n, "mem");
  CHECK(msl_synapse_state(r, S2) == 0 && msl_ckpt_end(r) == 0);
  CHECK(memcmp(saved, msl_synapse_weights(S2), sizeof saved) == 0);
  CHECK(S2->stats.energy_j == st.energy_j && S2->stats.in_spikes == 6.0);
  for (int k = 0; k < 10; k++) CHECK(S2->ops->learn(S2, &pre, &post) == 0);
  CHECK(memcmp(msl_synapse_weights(S), msl_synapse_weights(S2), sizeof saved) == 0);
  CHECK(memcmp(&S->stats, &S2->stats, sizeof S->stats) == 0);
  CHECK(memcmp(&S->counts, &S2->counts, sizeof S->counts) == 0);
  if (msl_params_has(ps, "endurance")) CHECK(S->counts.worn_cells > 0);
  if (msl_params_has(ps, "bias")) CHECK(S->stats.half_pulses > 0);
  msl_ckpt_free(r);
  /* A crossbar of another size refuses the record. */
  r = msl_ckpt_reader(b, n, "mem");
  CHECK(msl_synapse_state(r, S3) == -1 && has("'synapse.n_pre': 3 in the checkpoint, 2 in this run"));
  msl_ckpt_free(r);
  msl_ckpt_free(w);
  msl_synapse_free(S);
  msl_synapse_free(S2);
  msl_synapse_free(S3);
  msl_spikes_free(&pre);
  msl_spikes_free(&post);
}

int main(void) {
  test_records();
  test_files();
  test_objects();
  msl_params ps;
  msl_params_init(&ps, 1); /* wear and c2c noise */
  msl_params_set(&ps, "c2c", 0.1);
  msl_params_set(&ps, "endurance", 8);
  crossbar_round_trip("nonideal", &ps);
  msl_params_init(&ps, 1); /* the lazy V/3 drive's pending changes */
  msl_params_set_text(&ps, "bias", "v3");
  crossbar_round_trip("v3", &ps);
  return check_done();
}
