/* ckpt.h: the checkpoint serialiser (format: docs/checkpoints.md).
 *
 * Every object with state between steps has one state function,
 * `int X_state(X *, msl_ckpt *c)`, that names and passes its arrays through
 * msl_ckpt_io: a writer appends them as typed records, a reader checks that
 * the next record has the same tag, type and count and copies it back. So
 * saving and loading are the same code and cannot drift apart. Sizes that
 * the arrays depend on go first (msl_ckpt_count, msl_ckpt_same).
 *
 * ckpt_file.c writes a payload to a file atomically (with the configuration
 * text it belongs to and a CRC32) and reads one back, refusing a damaged,
 * foreign or mismatched file with a message naming it. */
#ifndef MSL_ENGINE_CKPT_H
#define MSL_ENGINE_CKPT_H

#include <stddef.h>
#include <stdint.h>

typedef struct msl_ckpt msl_ckpt;

/* Record types (the numbers are part of the file format). */
typedef enum {
  MSL_CK_U8 = 1, MSL_CK_I32 = 2, MSL_CK_U32 = 3, MSL_CK_I64 = 4, MSL_CK_U64 = 5,
  MSL_CK_F32 = 6, MSL_CK_F64 = 7
} msl_ck_type;

/* A writer (growing buffer) or a reader of payload[0..n) (not copied; it
 * must outlive the reader). `file` names the file in a reader's messages.
 * NULL when out of memory (msl_error()). */
msl_ckpt *msl_ckpt_writer(void);
/* A streaming writer: its bytes go to sink(ctx, p, n) (0, or -1 with
 * msl_error()) in pieces, holding at most 1 MiB; msl_ckpt_flush sends the
 * rest. */
typedef int (*msl_ckpt_sink)(void *ctx, const unsigned char *p, size_t n);
msl_ckpt *msl_ckpt_writer_sink(msl_ckpt_sink sink, void *ctx);
int msl_ckpt_flush(msl_ckpt *c);
msl_ckpt *msl_ckpt_reader(const unsigned char *payload, size_t n, const char *file);
void msl_ckpt_free(msl_ckpt *c);
int msl_ckpt_loading(const msl_ckpt *c);
/* A (non-streaming) writer's bytes so far. */
const unsigned char *msl_ckpt_bytes(const msl_ckpt *c, size_t *n);

/* Write p[0..n) as record `tag`, or read that record into p. 0, or -1 with
 * msl_error() (reader: "FILE: checkpoint record ...: ..."; writer: no memory). */
int msl_ckpt_io(msl_ckpt *c, const char *tag, msl_ck_type type, void *p, size_t n);
/* A size the following records depend on: written; read back and checked to
 * be in [0, max] (-1 otherwise). */
int msl_ckpt_count(msl_ckpt *c, const char *tag, int64_t *v, int64_t max);
/* A value the reader must already have (a size, a type, a flag): written;
 * read back and compared (-1, "... is X in the checkpoint, Y here"). */
int msl_ckpt_same(msl_ckpt *c, const char *tag, int64_t v);
/* Reader: every record consumed (-1 otherwise). Writer: 0. */
int msl_ckpt_end(msl_ckpt *c);

static inline int msl_ckpt_f64(msl_ckpt *c, const char *tag, double *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_F64, p, n);
}
static inline int msl_ckpt_f32(msl_ckpt *c, const char *tag, float *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_F32, p, n);
}
static inline int msl_ckpt_i32(msl_ckpt *c, const char *tag, int *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_I32, p, n);
}
static inline int msl_ckpt_u32(msl_ckpt *c, const char *tag, uint32_t *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_U32, p, n);
}
static inline int msl_ckpt_i64(msl_ckpt *c, const char *tag, int64_t *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_I64, p, n);
}
static inline int msl_ckpt_u64(msl_ckpt *c, const char *tag, uint64_t *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_U64, p, n);
}
static inline int msl_ckpt_u8(msl_ckpt *c, const char *tag, uint8_t *p, size_t n) {
  return msl_ckpt_io(c, tag, MSL_CK_U8, p, n);
}
/* Scan a payload for the first record `tag` and copy it into p (it must
 * have type `type` and n elements): 1 found, 0 absent, -1 malformed or of
 * another type or size. For readers of a part of a state (msl report's
 * progress of running points); loading a state goes through msl_ckpt_io. */
int msl_ckpt_find(const unsigned char *payload, size_t len, const char *tag, msl_ck_type type,
                  void *p, size_t n);
/* A long, as one int64 record. */
int msl_ckpt_long(msl_ckpt *c, const char *tag, long *v);

/* ---- files (ckpt_file.c) ---- */

/* FNV-1a 64 of a configuration text ("key=value" lines). */
uint64_t msl_ckpt_fingerprint(const char *config);
/* Whatever saves (or loads) a whole state through c: 0 or -1 (msl_error()). */
typedef int (*msl_ckpt_state_fn)(msl_ckpt *c, void *ctx);
/* Write config and the payload fn(writer, ctx) makes to path atomically,
 * streaming it: path.tmp in the same folder, fsync, rename over path, fsync
 * the folder. 0 or -1 (msl_error() naming the file). */
int msl_ckpt_file_write(const char *path, const char *config, msl_ckpt_state_fn fn, void *ctx);
/* Read path: 0 when it does not exist; 1 with *payload (malloc'd) and *n
 * when it is a sound checkpoint of config; -1 with msl_error() naming the
 * file otherwise (unreadable, truncated, damaged, foreign, other version,
 * other configuration: the first differing line is named). */
int msl_ckpt_file_read(const char *path, const char *config, unsigned char **payload, size_t *n);
/* Read path whatever configuration wrote it: the same checks but the last;
 * 1 with *config (its text, NUL-terminated) and *payload in one malloc'd
 * block (*config is the block: free(*config)), 0 when it does not exist, -1. */
int msl_ckpt_file_peek(const char *path, char **config, unsigned char **payload, size_t *n);

#endif
