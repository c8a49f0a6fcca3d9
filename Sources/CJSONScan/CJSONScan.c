// The scalar pieces every level shares (escapes, UTF-8 sequences, literals and numbers), the
// block searches, and the choice of level. The loops themselves are in ScanBody.h.
#include "CJSONScan.h"

#include <string.h>

#if defined(__x86_64__)
#define CJSON_X86 1
#include <immintrin.h>
#else
#define CJSON_X86 0
#endif

static inline CJSONStringOutcome string_failure(CJSONFailure failure, intptr_t position) {
    return (CJSONStringOutcome){position, failure, false};
}

/// A byte a string's block search stops at.
static inline bool cjson_string_special(uint8_t byte) { return byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80; }

static inline bool cjson_digit(uint8_t byte) { return (uint8_t)(byte - '0') < 10; }

static inline bool cjson_hex_digit(uint8_t byte) {
    return cjson_digit(byte) || (uint8_t)((byte | 0x20) - 'a') < 6;
}

/// Checks the escape whose backslash is at `*position` and moves past it; on failure
/// `*position` is the offset to report.
static CJSONFailure cjson_escape(const uint8_t *base, intptr_t *position, intptr_t end) {
    intptr_t letter = *position + 1;
    if (letter >= end) {
        *position = end;
        return CJSONFailureUnterminatedString;
    }
    switch (base[letter]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        *position = letter + 1;
        return CJSONFailureNone;
    case 'u':
        if (letter + 4 < end && cjson_hex_digit(base[letter + 1]) && cjson_hex_digit(base[letter + 2])
            && cjson_hex_digit(base[letter + 3]) && cjson_hex_digit(base[letter + 4])) {
            *position = letter + 5;
            return CJSONFailureNone;
        }
        *position = letter + 1;
        return CJSONFailureInvalidUnicodeEscape;
    default:
        return CJSONFailureInvalidEscape;
    }
}

/// The length of the well-formed UTF-8 sequence whose lead byte (from 0x80) is at `start`, or
/// 0 when it is not one (Unicode's table 3-7: no overlong forms, surrogates or code points
/// above U+10FFFF).
static intptr_t cjson_utf8_length(const uint8_t *base, intptr_t start, intptr_t end) {
    uint8_t lead = base[start];
    intptr_t length;
    uint8_t low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (start + length > end) return 0;
    uint8_t second = base[start + 1];
    if (second < low || second > high) return 0;
    for (intptr_t index = 2; index < length; index++) {
        if ((base[start + index] & 0xC0) != 0x80) return 0;
    }
    return length;
}

static CJSONFailure cjson_word(
    const uint8_t *base, intptr_t *position, intptr_t end, const char *word, intptr_t length, CJSONFailure failure) {
    if (*position + length > end || memcmp(base + *position, word, (size_t)length) != 0) return failure;
    *position += length;
    return CJSONFailureNone;
}

static inline void cjson_skip_digits(const uint8_t *base, intptr_t *position, intptr_t end) {
    while (*position < end && cjson_digit(base[*position])) (*position)++;
}

/// Scans `true`, `false`, `null` or a number at `*position` (which is before `end`).
static CJSONFailure cjson_literal(const uint8_t *base, intptr_t *position, intptr_t end) {
    switch (base[*position]) {
    case 't': return cjson_word(base, position, end, "true", 4, CJSONFailureExpectedTrue);
    case 'f': return cjson_word(base, position, end, "false", 5, CJSONFailureExpectedFalse);
    case 'n': return cjson_word(base, position, end, "null", 4, CJSONFailureExpectedNull);
    default: break;
    }
    intptr_t start = *position;
    intptr_t at = start;
    if (base[at] == '-') at++;
    if (at >= end || !cjson_digit(base[at])) return CJSONFailureExpectedValue;
    if (base[at] == '0') {
        at++;
    } else {
        cjson_skip_digits(base, &at, end);
    }
    if (at < end && base[at] == '.') {
        at++;
        if (at >= end || !cjson_digit(base[at])) {
            *position = at;
            return CJSONFailureExpectedFractionDigit;
        }
        cjson_skip_digits(base, &at, end);
    }
    if (at < end && (base[at] == 'e' || base[at] == 'E')) {
        at++;
        if (at < end && (base[at] == '+' || base[at] == '-')) at++;
        if (at >= end || !cjson_digit(base[at])) {
            *position = at;
            return CJSONFailureExpectedExponentDigit;
        }
        cjson_skip_digits(base, &at, end);
    }
    *position = at;
    return CJSONFailureNone;
}

// The scalar level: eight bytes as one word. A byte's high bit is set when it matches; the
// lowest such byte is exact (a borrow only reaches bytes above a true match).
#define CJSON_ONES 0x0101010101010101ULL
#define CJSON_HIGHS 0x8080808080808080ULL

static inline uint64_t swar_load(const uint8_t *pointer) {
    uint64_t word;
    memcpy(&word, pointer, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    return word;
}

static inline uint64_t swar_equal(uint64_t word, uint8_t byte) {
    uint64_t difference = word ^ (CJSON_ONES * byte);
    return (difference - CJSON_ONES) & ~difference;
}

/// Bytes below `limit` (at most 0x80).
static inline uint64_t swar_below(uint64_t word, uint8_t limit) { return (word - CJSON_ONES * limit) & ~word; }

static inline uint64_t scalar_string_mask(const uint8_t *pointer) {
    uint64_t word = swar_load(pointer);
    return (swar_equal(word, '"') | swar_equal(word, '\\') | swar_below(word, 0x20) | word) & CJSON_HIGHS;
}

static inline uint64_t scalar_inner_mask(const uint8_t *pointer) {
    uint64_t word = swar_load(pointer);
    return (swar_equal(word, '"') | swar_equal(word, '\\')) & CJSON_HIGHS;
}

static inline uint64_t scalar_outer_mask(const uint8_t *pointer) {
    uint64_t word = swar_load(pointer);
    return (swar_equal(word, '"') | swar_below(word, 0x21)) & CJSON_HIGHS;
}

/// The offset of the lowest flagged byte: one mask bit per byte at the vector levels, the
/// byte's high bit at the scalar one.
static inline intptr_t scalar_first(uint64_t mask) { return (intptr_t)(__builtin_ctzll(mask) >> 3); }

#define CJSON_LEVEL scalar
#define CJSON_TARGET
#define CJSON_BLOCK 8
#include "ScanBody.h"

#if CJSON_X86
// SSE2, baseline on x86_64: sixteen bytes, one mask bit per byte. A signed compare below 0x20
// flags control characters and every byte from 0x80 at once.
static inline intptr_t vector_first(uint64_t mask) { return (intptr_t)__builtin_ctzll(mask); }
#define sse2_first vector_first
#define avx2_first vector_first

static inline uint64_t sse2_string_mask(const uint8_t *pointer) {
    __m128i bytes = _mm_loadu_si128((const __m128i *)pointer);
    __m128i flagged = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
        _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20)));
    return (uint32_t)_mm_movemask_epi8(flagged);
}

static inline uint64_t sse2_inner_mask(const uint8_t *pointer) {
    __m128i bytes = _mm_loadu_si128((const __m128i *)pointer);
    return (uint32_t)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
}

static inline uint64_t sse2_outer_mask(const uint8_t *pointer) {
    __m128i bytes = _mm_loadu_si128((const __m128i *)pointer);
    return (uint32_t)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x21))));
}

#define CJSON_LEVEL sse2
#define CJSON_TARGET
#define CJSON_BLOCK 16
#include "ScanBody.h"

// AVX2: the same searches over thirty-two bytes, used only when the CPU says it has AVX2.
#define CJSON_AVX2 __attribute__((target("avx2")))

static inline CJSON_AVX2 uint64_t avx2_string_mask(const uint8_t *pointer) {
    __m256i bytes = _mm256_loadu_si256((const __m256i *)pointer);
    __m256i flagged = _mm256_or_si256(
        _mm256_or_si256(
            _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('"')), _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\\'))),
        _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), bytes));
    return (uint32_t)_mm256_movemask_epi8(flagged);
}

static inline CJSON_AVX2 uint64_t avx2_inner_mask(const uint8_t *pointer) {
    __m256i bytes = _mm256_loadu_si256((const __m256i *)pointer);
    return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
        _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('"')), _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\\'))));
}

static inline CJSON_AVX2 uint64_t avx2_outer_mask(const uint8_t *pointer) {
    __m256i bytes = _mm256_loadu_si256((const __m256i *)pointer);
    return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
        _mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('"')), _mm256_cmpgt_epi8(_mm256_set1_epi8(0x21), bytes)));
}

#define CJSON_LEVEL avx2
#define CJSON_TARGET CJSON_AVX2
#define CJSON_BLOCK 32
#include "ScanBody.h"
#endif

CJSONLevel cjson_best_level(void) {
#if CJSON_X86
    // Worked out once; a race only works it out twice.
    static int known = -1;
    int level = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (level < 0) {
        __builtin_cpu_init();
        level = __builtin_cpu_supports("avx2") ? CJSONLevelAVX2 : CJSONLevelSSE2;
        __atomic_store_n(&known, level, __ATOMIC_RELAXED);
    }
    return (CJSONLevel)level;
#else
    return CJSONLevelScalar;
#endif
}

/// `level`, lowered to what this CPU has.
static inline CJSONLevel cjson_usable(CJSONLevel level) {
    CJSONLevel best = cjson_best_level();
    return level > best ? best : level;
}

CJSONStringOutcome cjson_scan_string_at(CJSONLevel level, const uint8_t *base, intptr_t start, intptr_t end) {
    switch (cjson_usable(level)) {
#if CJSON_X86
    case CJSONLevelAVX2: return avx2_scan_string(base, start, end);
    case CJSONLevelSSE2: return sse2_scan_string(base, start, end);
#endif
    default: return scalar_scan_string(base, start, end);
    }
}

CJSONSkipOutcome cjson_skip_value_at(
    CJSONLevel level, const uint8_t *base, intptr_t position, intptr_t end, intptr_t depth) {
    switch (cjson_usable(level)) {
#if CJSON_X86
    case CJSONLevelAVX2: return avx2_skip_value(base, position, end, depth);
    case CJSONLevelSSE2: return sse2_skip_value(base, position, end, depth);
#endif
    default: return scalar_skip_value(base, position, end, depth);
    }
}

intptr_t cjson_copy_compact_at(CJSONLevel level, uint8_t *destination, const uint8_t *source, intptr_t count) {
    switch (cjson_usable(level)) {
#if CJSON_X86
    case CJSONLevelAVX2: return avx2_copy_compact(destination, source, count);
    case CJSONLevelSSE2: return sse2_copy_compact(destination, source, count);
#endif
    default: return scalar_copy_compact(destination, source, count);
    }
}

// The entry points: the best level, without the switch the test entry points take.
#if CJSON_X86
#define CJSON_DISPATCH(name, ...) \
    return cjson_best_level() == CJSONLevelAVX2 ? avx2_##name(__VA_ARGS__) : sse2_##name(__VA_ARGS__)
#else
#define CJSON_DISPATCH(name, ...) return scalar_##name(__VA_ARGS__)
#endif

CJSONStringOutcome cjson_scan_string(const uint8_t *base, intptr_t start, intptr_t end) {
    CJSON_DISPATCH(scan_string, base, start, end);
}

CJSONSkipOutcome cjson_skip_value(const uint8_t *base, intptr_t position, intptr_t end, intptr_t depth) {
    CJSON_DISPATCH(skip_value, base, position, end, depth);
}

intptr_t cjson_copy_compact(uint8_t *destination, const uint8_t *source, intptr_t count) {
    CJSON_DISPATCH(copy_compact, destination, source, count);
}
