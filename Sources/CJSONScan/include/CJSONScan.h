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

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

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

/// `cjson_scan_string` with its common case inlined where it is called: the first byte the
/// search stops at is the closing quote (no escape, control character or byte from 0x80 before
/// it), found sixteen bytes at a time on x86_64. Anything else goes to `cjson_scan_string`.
static inline CJSONStringOutcome cjson_scan_string_inline(const uint8_t *base, intptr_t start, intptr_t end) {
#if defined(__x86_64__)
    intptr_t position = start;
    while (position + 16 <= end) {
        __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(base + position));
        __m128i flagged = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
            _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
        unsigned mask = (unsigned)_mm_movemask_epi8(flagged);
        if (mask != 0) {
            position += __builtin_ctz(mask);
            if (base[position] == '"') return (CJSONStringOutcome){position + 1, CJSONFailureNone, false};
            break;
        }
        position += 16;
    }
    // Nothing before `position` needs a second look.
    return cjson_scan_string(base, position, end);
#else
    return cjson_scan_string(base, start, end);
#endif
}

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
