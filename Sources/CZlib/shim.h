#ifndef TRAILMETER_CZLIB_SHIM_H
#define TRAILMETER_CZLIB_SHIM_H
/* Found on the include path pkg-config gives for zlib, not at a fixed /usr/include. */
#include <zlib.h>
#endif
