#ifndef TRAILMETER_CDEFLATE_SHIM_H
#define TRAILMETER_CDEFLATE_SHIM_H
/* Found on the include path pkg-config gives for libdeflate, not at a fixed /usr/include. */
#include <libdeflate.h>
#endif
