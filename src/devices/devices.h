/* devices.h: constructors of the device models, for the registry only. */
#ifndef MSL_DEVICES_DEVICES_H
#define MSL_DEVICES_DEVICES_H

#include "msl/device.h"

msl_device *msl_vteam_create(const msl_device_params *p, char *err, size_t errlen);
msl_device *msl_chen15_create(const msl_device_params *p, char *err, size_t errlen);
msl_device *msl_lut_create(const msl_device_params *p, char *err, size_t errlen);

/* Helpers for the models (registry.c). */

/* A device with ops, a zeroed content block of content_size bytes, g1 and
 * quirks from p and the read voltage 0.7 V; NULL + message if out of memory. */
msl_device *msl_device_alloc(const msl_device_ops *ops, size_t content_size,
                             const msl_device_params *p, char *err, size_t errlen);
/* The params op's body: copy up to max of the n (name, value) pairs. */
int msl_device_params_copy(const char **names, double *values, int max,
                           const char *const *nm, const double *val, int n);

#endif
