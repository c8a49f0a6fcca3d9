#ifndef TRAILMETER_CPCRE2_SHIM_H
#define TRAILMETER_CPCRE2_SHIM_H
/* PCRE2's 8-bit library: patterns and subjects are UTF-8 bytes. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
