// The byte loops of the CloudTrail reader's JSON scanner: strings, skipped values and the
// compacting copy. Positions are byte offsets from `base`; `end` is the buffer's length.
// Every function validates as JSON requires (escapes, no raw control characters, UTF-8 as in
// Unicode's table 3-7) and reports the first failure with the offset the Swift scanner names.
//
// On x86_64 the block search uses SSE2 (16 bytes) or AVX2 (32 bytes, when the CPU has it);
// elsewhere a scalar loop. The plain functions choose; the suffixed ones are for tests.
#ifndef CJSONSCAN_H
#define CJSONSCAN_H

#include <stdbool.h>
#include <stdint.h>

/// Why a scan stopped short; each case is one message of the Swift scanner.
typedef enum __attribute__((enum_extensibility(closed))) CJSONFailure : int32_t {
    CJSONFailureNone = 0,
    CJSONFailureUnterminatedString,
    CJSONFailureInvalidEscape,
    CJSONFailureInvalidUnicodeEscape,
    CJSONFailureControlCharacter,
    CJSONFailureInvalidUTF8,
    CJSONFailureTooDeep,
    CJSONFailureExpectedValue,
    CJSONFailureExpectedKey,
    CJSONFailureExpectedColon,
    CJSONFailureExpectedObjectEnd,
    CJSONFailureExpectedArrayEnd,
    CJSONFailureExpectedTrue,
    CJSONFailureExpectedFalse,
    CJSONFailureExpectedNull,
    CJSONFailureExpectedFractionDigit,
    CJSONFailureExpectedExponentDigit,
} CJSONFailure;

/// A scanned string: on success `position` is just past the closing quote; on failure it is
/// the offset the failure names.
typedef struct CJSONStringOutcome {
    intptr_t position;
    CJSONFailure failure;
    /// The string holds at least one backslash escape.
    bool escaped;
} CJSONStringOutcome;

/// A skipped value: on success `position` is just past it; on failure, the offset named.
typedef struct CJSONSkipOutcome {
    intptr_t position;
    /// Whitespace bytes skipped outside strings (zero: the value's text is already compact).
    intptr_t whitespace;
    CJSONFailure failure;
} CJSONSkipOutcome;

/// The deepest nesting a skipped value may reach (depth counted from the caller's `depth`).
#define CJSON_MAX_DEPTH 512

/// Scans the string whose first byte after the opening quote is at `start`.
CJSONStringOutcome cjson_scan_string(const uint8_t *base, intptr_t start, intptr_t end);

/// Skips (validating) the value at `position`, leading whitespace and nesting included, the
/// value itself being at nesting depth `depth`.
CJSONSkipOutcome cjson_skip_value(const uint8_t *base, intptr_t position, intptr_t end, intptr_t depth);

/// Copies `count` bytes of valid JSON text from `source` to `destination` (room for `count`
/// bytes), dropping whitespace outside strings. Returns the number of bytes written.
intptr_t cjson_copy_compact(uint8_t *destination, const uint8_t *source, intptr_t count);

/// The block searches this build and CPU offer: scalar always, SSE2 and AVX2 on x86_64.
typedef enum __attribute__((enum_extensibility(closed))) CJSONLevel : int32_t {
    CJSONLevelScalar = 0,
    CJSONLevelSSE2 = 1,
    CJSONLevelAVX2 = 2,
} CJSONLevel;

/// The best level available here (what the plain functions use).
CJSONLevel cjson_best_level(void);

/// The functions above at a given level (at most `cjson_best_level()`); for tests.
CJSONStringOutcome cjson_scan_string_at(CJSONLevel level, const uint8_t *base, intptr_t start, intptr_t end);
CJSONSkipOutcome cjson_skip_value_at(
    CJSONLevel level, const uint8_t *base, intptr_t position, intptr_t end, intptr_t depth);
intptr_t cjson_copy_compact_at(CJSONLevel level, uint8_t *destination, const uint8_t *source, intptr_t count);

#endif
