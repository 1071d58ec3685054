/* run_ckpt.h: a workload's checkpoint file (docs/checkpoints.md): its
 * configuration text, loading at the start and saving at sample
 * boundaries, around one state function that passes the whole run's state
 * through the serialiser (engine/ckpt.h). */
#ifndef MSL_WORKLOADS_RUN_CKPT_H
#define MSL_WORKLOADS_RUN_CKPT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/ckpt.h"
#include "msl/param.h"

/* A growing text of "key=value" lines; NULL text after a failed append. */
typedef struct run_config {
  char *text;
  size_t len, cap;
} run_config;

void run_config_add(run_config *k, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The options both workloads have: --lr, --seed, --quirks, --device,
 * --rule and every parameter the set holds (sorted by name; numbers exactly). */
void run_config_device(run_config *k, double lr, uint64_t seed, int quirks, const char *device,
                       const char *rule, const msl_params *ps);
/* A CRC32 of the bytes the run uses (images and labels). */
void run_config_data(run_config *k, const char *key, const uint8_t *p, size_t n);

/* Resume from path if it exists: 0 (no file: a fresh start), 1 (state
 * loaded through fn), -1 (msl_error(): the file is refused, or does not
 * fit). Saving is msl_ckpt_file_write with the same fn. */
int run_ckpt_load(const char *path, const char *config, msl_ckpt_state_fn fn, void *ctx);

#endif
