import CPCRE2

/// A regular expression compiled by PCRE2 for UTF-8 subjects, matched under bounds on time and
/// memory. PCRE2 backtracks as Java's engine (and Trino's) does, so a pattern such as
/// `^(a+)+$` can take exponential time on some input; unlike Swift's `Regex`, PCRE2 can be
/// stopped part-way (its match limit), which is what lets a query's deadline hold.
///
/// Not thread-safe: the match data is reused from call to call.
public final class CompiledPattern {
    private let code: OpaquePointer
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    /// The number of capturing groups (group 0, the whole match, not counted).
    public let groupCount: Int

    /// Compiles `pattern`: UTF-8, with Unicode properties for `\w`, `\d`, `\b` and POSIX classes.
    public init(_ pattern: String) throws(PatternError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        var source = pattern
        let compiled = source.withUTF8 { bytes in
            pcre2_compile_8(
                bytes.baseAddress, bytes.count, UInt32(PCRE2_UTF | PCRE2_UCP), &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw .invalidPattern(message: Self.message(errorCode), byteOffset: errorOffset)
        }
        guard let matchData = pcre2_match_data_create_from_pattern_8(compiled, nil),
            let context = pcre2_match_context_create_8(nil)
        else {
            pcre2_code_free_8(compiled)
            throw .outOfMemory
        }
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.code = compiled
        self.matchData = matchData
        self.context = context
        self.groupCount = Int(captures)
        pcre2_set_heap_limit_8(context, UInt32(MatchBounds.heapKibibytes))
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// The first match in `subject` that starts at or after byte `start` (at a code point), or
    /// nil. Anchors and lookbehinds see the whole subject, as Java's `Matcher.find(start)` does.
    public func firstMatch(
        in subject: UTF8Subject, from start: Int, bounds: MatchBounds
    ) throws(PatternError) -> PatternMatch? {
        guard let base = subject.bytes.baseAddress else {
            // PCRE2 10.42 wants a pointer even for an empty subject.
            return try withUnsafePointer(to: UInt8(0)) { empty throws(PatternError) in
                try run(empty, count: 0, from: start, bounds: bounds)
            }
        }
        return try run(
            base.assumingMemoryBound(to: UInt8.self), count: subject.bytes.count, from: start, bounds: bounds)
    }

    private func run(
        _ bytes: UnsafePointer<UInt8>, count: Int, from start: Int, bounds: MatchBounds
    ) throws(PatternError) -> PatternMatch? {
        var stepLimit = MatchBounds.firstStepSlice
        while true {
            pcre2_set_match_limit_8(context, stepLimit)
            let sliceStart = ContinuousClock.now
            let rc = pcre2_match_8(
                code, bytes, count, start, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
            if rc >= 0 { return match() }
            if rc == PCRE2_ERROR_NOMATCH { return nil }
            if rc == PCRE2_ERROR_HEAPLIMIT { throw .heapLimit(kibibytes: MatchBounds.heapKibibytes) }
            guard rc == PCRE2_ERROR_MATCHLIMIT else { throw .matchFailed(message: Self.message(rc)) }
            // Out of steps: PCRE2 cannot resume, so the match starts again with more steps. The
            // slices grow four-fold, so the work done again is at most a third of the total.
            guard let next = bounds.nextStepLimit(after: stepLimit, sliceStarted: sliceStart) else {
                throw bounds.deadline != nil ? .deadline : .stepLimit(steps: stepLimit)
            }
            stepLimit = next
        }
    }

    private func match() -> PatternMatch {
        let vector = pcre2_get_ovector_pointer_8(matchData)!
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(groupCount + 1)
        for group in 0...groupCount {
            let lower = vector[2 * group]
            let upper = vector[2 * group + 1]
            // PCRE2_UNSET (all bits set) reads as -1 here.
            groups.append(lower < 0 ? nil : lower..<max(lower, upper))
        }
        return PatternMatch(groups: groups)
    }

    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer[..<Int(count)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// One match: the byte range of the whole match (group 0) and of each capturing group, nil for
/// a group that took no part.
public struct PatternMatch: Sendable {
    public let groups: [Range<Int>?]
    /// The whole match.
    public var range: Range<Int> { groups[0]! }
}
