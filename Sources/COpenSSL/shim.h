#ifndef TRAILMETER_COPENSSL_SHIM_H
#define TRAILMETER_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
