/* devices.h: the registered device models, and helpers for writing one. */
#ifndef MSL_DEVICES_DEVICES_H
#define MSL_DEVICES_DEVICES_H

#include "msl/device.h"

extern const msl_device_model msl_model_vteam, msl_model_chen15, msl_model_lut, msl_model_curve;

/* A device with ops, model, a zeroed content block of content_size bytes,
 * conductance unit g1 and the read voltage 0.7 V; NULL + msl_error() if out
 * of memory. */
msl_device *msl_device_alloc(const msl_device_model *model, const msl_device_ops *ops,
                             size_t content_size, double g1);

#endif
