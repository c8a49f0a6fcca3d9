// The scanner's loops, written once and compiled once per block search (CJSONScan.c includes
// this file with each). The includer defines CJSON_LEVEL (the level's name, L), CJSON_TARGET
// (its target attribute, or nothing) and CJSON_BLOCK (bytes per block), and these functions:
//   L_string_mask(p)    flags '"', '\\', bytes below 0x20 and bytes from 0x80 in the block at p
//   L_inner_mask(p)     flags '"' and '\\'
//   L_outer_mask(p)     flags '"' and bytes up to 0x20 (whitespace among them)
//   L_first(mask)       the offset of the lowest flagged byte of a nonzero mask
// The functions defined here are named L_scan_string, L_skip_value and L_copy_compact.
// A mask may flag bytes above its lowest flag that are not what it looks for (the scalar
// level's word arithmetic does), so only the lowest flag is used, and its byte checked again.

#define CJSON_GLUE(level, name) level##_##name
#define CJSON_JOIN(level, name) CJSON_GLUE(level, name)
#define CJSON_NAME(name) CJSON_JOIN(CJSON_LEVEL, name)
#define CJSON_STRING_MASK(pointer) CJSON_NAME(string_mask)(pointer)
#define CJSON_INNER_MASK(pointer) CJSON_NAME(inner_mask)(pointer)
#define CJSON_OUTER_MASK(pointer) CJSON_NAME(outer_mask)(pointer)
#define CJSON_FIRST(mask) CJSON_NAME(first)(mask)

#define CJSON_WHITESPACE(byte) ((byte) == 0x20 || (byte) == 0x0A || (byte) == 0x0D || (byte) == 0x09)

static inline __attribute__((always_inline)) CJSON_TARGET CJSONStringOutcome
    CJSON_NAME(scan_string_inline)(const uint8_t *base, intptr_t position, intptr_t end) {
    bool escaped = false;
    for (;;) {
        while (position + CJSON_BLOCK <= end) {
            uint64_t mask = CJSON_STRING_MASK(base + position);
            if (mask != 0) {
                position += CJSON_FIRST(mask);
                goto flagged;
            }
            position += CJSON_BLOCK;
        }
        while (position < end && !cjson_string_special(base[position])) position++;
        if (position >= end) return string_failure(CJSONFailureUnterminatedString, end);
    flagged: {
        uint8_t byte = base[position];
        if (byte == '"') return (CJSONStringOutcome){position + 1, CJSONFailureNone, escaped};
        if (byte == '\\') {
            escaped = true;
            CJSONFailure failure = cjson_escape(base, &position, end);
            if (failure != CJSONFailureNone) return string_failure(failure, position);
        } else if (byte < 0x20) {
            return string_failure(CJSONFailureControlCharacter, position);
        } else if (byte >= 0x80) {
            intptr_t length = cjson_utf8_length(base, position, end);
            if (length == 0) return string_failure(CJSONFailureInvalidUTF8, position);
            position += length;
        } else {
            position++;
        }
    }
    }
}

// The entry points of this level (the string scan is inlined into the value skip).
static CJSON_TARGET CJSONStringOutcome CJSON_NAME(scan_string)(const uint8_t *base, intptr_t start, intptr_t end) {
    return CJSON_NAME(scan_string_inline)(base, start, end);
}

static CJSON_TARGET CJSONSkipOutcome
    CJSON_NAME(skip_value)(const uint8_t *base, intptr_t position, intptr_t end, intptr_t depth) {
    // The open arrays and objects, innermost last: '[' or '{'.
    uint8_t open[CJSON_MAX_DEPTH];
    intptr_t openCount = 0;
    intptr_t whitespace = 0;
    CJSONFailure failure;
#define CJSON_SKIP_WHITESPACE()                                                      \
    do {                                                                             \
        intptr_t first = position;                                                   \
        while (position < end && CJSON_WHITESPACE(base[position])) position++;       \
        whitespace += position - first;                                              \
    } while (0)
#define CJSON_FAIL(why)   \
    do {                  \
        failure = (why);  \
        goto failed;      \
    } while (0)

value:
    if (depth + openCount >= CJSON_MAX_DEPTH) CJSON_FAIL(CJSONFailureTooDeep);
    CJSON_SKIP_WHITESPACE();
    if (position >= end) CJSON_FAIL(CJSONFailureExpectedValue);
    switch (base[position]) {
    case '"': {
        CJSONStringOutcome string = CJSON_NAME(scan_string_inline)(base, position + 1, end);
        position = string.position;
        if (string.failure != CJSONFailureNone) CJSON_FAIL(string.failure);
        goto after_value;
    }
    case '{':
        position++;
        CJSON_SKIP_WHITESPACE();
        if (position < end && base[position] == '}') {
            position++;
            goto after_value;
        }
        open[openCount++] = '{';
        goto member;
    case '[':
        position++;
        CJSON_SKIP_WHITESPACE();
        if (position < end && base[position] == ']') {
            position++;
            goto after_value;
        }
        open[openCount++] = '[';
        goto value;
    default:
        failure = cjson_literal(base, &position, end);
        if (failure != CJSONFailureNone) goto failed;
        goto after_value;
    }

member:
    CJSON_SKIP_WHITESPACE();
    if (position >= end || base[position] != '"') CJSON_FAIL(CJSONFailureExpectedKey);
    {
        CJSONStringOutcome key = CJSON_NAME(scan_string_inline)(base, position + 1, end);
        position = key.position;
        if (key.failure != CJSONFailureNone) CJSON_FAIL(key.failure);
    }
    CJSON_SKIP_WHITESPACE();
    if (position >= end || base[position] != ':') CJSON_FAIL(CJSONFailureExpectedColon);
    position++;
    goto value;

after_value:
    if (openCount == 0) return (CJSONSkipOutcome){position, whitespace, CJSONFailureNone};
    CJSON_SKIP_WHITESPACE();
    if (position < end && base[position] == ',') {
        position++;
        if (open[openCount - 1] == '{') goto member;
        goto value;
    }
    if (open[openCount - 1] == '{') {
        if (position >= end || base[position] != '}') CJSON_FAIL(CJSONFailureExpectedObjectEnd);
    } else {
        if (position >= end || base[position] != ']') CJSON_FAIL(CJSONFailureExpectedArrayEnd);
    }
    position++;
    openCount--;
    goto after_value;

failed:
    return (CJSONSkipOutcome){position, whitespace, failure};
#undef CJSON_SKIP_WHITESPACE
#undef CJSON_FAIL
}

static CJSON_TARGET intptr_t CJSON_NAME(copy_compact)(uint8_t *destination, const uint8_t *source, intptr_t count) {
    intptr_t position = 0;
    intptr_t written = 0;
    for (;;) {
        // Outside strings: copy up to the next whitespace or quote.
        intptr_t run = position;
        while (position + CJSON_BLOCK <= count) {
            uint64_t mask = CJSON_OUTER_MASK(source + position);
            if (mask != 0) {
                position += CJSON_FIRST(mask);
                goto outer_flagged;
            }
            position += CJSON_BLOCK;
        }
        while (position < count && source[position] > 0x20 && source[position] != '"') position++;
    outer_flagged:
        memcpy(destination + written, source + run, (size_t)(position - run));
        written += position - run;
        if (position >= count) return written;
        uint8_t byte = source[position++];
        if (CJSON_WHITESPACE(byte)) continue;
        destination[written++] = byte;
        if (byte != '"') continue;
        // Inside a string: copy through the closing quote, the byte after a backslash included.
        run = position;
        for (;;) {
            while (position + CJSON_BLOCK <= count) {
                uint64_t mask = CJSON_INNER_MASK(source + position);
                if (mask != 0) {
                    position += CJSON_FIRST(mask);
                    goto inner_flagged;
                }
                position += CJSON_BLOCK;
            }
            while (position < count && source[position] != '"' && source[position] != '\\') position++;
        inner_flagged:
            if (position >= count) break;
            if (source[position] == '"') {
                position++;
                break;
            }
            position += source[position] == '\\' ? 2 : 1;
            if (position > count) position = count;
        }
        memcpy(destination + written, source + run, (size_t)(position - run));
        written += position - run;
    }
}

#undef CJSON_WHITESPACE
#undef CJSON_GLUE
#undef CJSON_JOIN
#undef CJSON_NAME
#undef CJSON_STRING_MASK
#undef CJSON_INNER_MASK
#undef CJSON_OUTER_MASK
#undef CJSON_FIRST
#undef CJSON_LEVEL
#undef CJSON_TARGET
#undef CJSON_BLOCK
