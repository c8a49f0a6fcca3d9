#ifndef TRAILMETER_CMURMURHASH_SHIM_H
#define TRAILMETER_CMURMURHASH_SHIM_H
#include <murmurhash.h>
#endif
