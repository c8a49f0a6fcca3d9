#ifndef TRAILMETER_CXXHASH_SHIM_H
#define TRAILMETER_CXXHASH_SHIM_H
#include <xxhash.h>
#endif
