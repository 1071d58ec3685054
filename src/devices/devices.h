/* devices.h: constructors of the device models, for the registry only. */
#ifndef MSL_DEVICES_DEVICES_H
#define MSL_DEVICES_DEVICES_H

#include "msl/device.h"

msl_device *msl_vteam_create(const msl_device_params *p, char *err, size_t errlen);
msl_device *msl_chen15_create(const msl_device_params *p, char *err, size_t errlen);
msl_device *msl_lut_create(const msl_device_params *p, char *err, size_t errlen);

#endif
