import PatternMatching
import Testing

/// PCRE2 under bounds: matches give byte ranges, and a catastrophic pattern stops at the
/// deadline, or at the step cap when there is none, instead of running for ever.
@Suite struct CompiledPatternTests {
    private func first(
        _ pattern: String, _ text: String, from start: Int = 0, deadline: ContinuousClock.Instant? = nil
    ) throws -> PatternMatch? {
        let regex = try CompiledPattern(pattern)
        var text = text
        return try text.withUTF8 { bytes in
            try regex.firstMatch(
                in: UTF8Subject(validating: UnsafeRawBufferPointer(bytes))!, from: start,
                bounds: MatchBounds(deadline: deadline))
        }
    }

    @Test func groupsAreByteRangesAndUnsetGroupsAreNil() throws {
        let match = try #require(try first("(é+)(x)?(b)", "aééb"))
        #expect(match.groups == [1..<6, 1..<5, nil, 5..<6])
        #expect(try CompiledPattern("(a)(?:b)(c)?").groupCount == 2)
    }

    @Test func searchStartsAtTheOffsetButAnchorsSeeTheWholeText() throws {
        #expect(try first("b", "abab", from: 2)?.range == 3..<4)
        #expect(try first("^b", "ab", from: 1) == nil)
        #expect(try first("(?<=a)b", "ab", from: 1)?.range == 1..<2)
    }

    @Test func anEmptyTextMatchesAnEmptyPattern() throws {
        #expect(try first("x*", "")?.range == 0..<0)
        #expect(try first("x", "") == nil)
    }

    @Test func anInvalidPatternSaysWhere() {
        #expect(throws: PatternError.invalidPattern(message: "missing closing parenthesis", byteOffset: 3)) {
            _ = try CompiledPattern("a(b")
        }
    }

    @Test func invalidUTF8IsNotASubject() {
        let bytes: [UInt8] = [0x61, 0xFF]
        bytes.withUnsafeBytes { #expect(UTF8Subject(validating: $0) == nil) }
    }

    @Test func codePointOffsets() {
        var text = "aé日x"
        text.withUTF8 { bytes in
            let subject = UTF8Subject(validating: UnsafeRawBufferPointer(bytes))!
            #expect(subject.nextScalar(after: 1) == 3)
            #expect(subject.scalarCount(before: 6) == 3)
            #expect(subject.byteOffset(ofScalar: 3) == 6)
            #expect(subject.byteOffset(ofScalar: 4) == 7)
            #expect(subject.byteOffset(ofScalar: 5) == nil)
        }
    }

    static let catastrophic = (pattern: "^(a+)+$", text: String(repeating: "a", count: 40) + "!")

    @Test func catastrophicBacktrackingStopsAtTheDeadline() {
        let started = ContinuousClock.now
        #expect(throws: PatternError.deadline) {
            _ = try first(Self.catastrophic.pattern, Self.catastrophic.text, deadline: started + .milliseconds(200))
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func withoutADeadlineTheStepCapStopsIt() {
        #expect(throws: PatternError.stepLimit(steps: MatchBounds.stepCap)) {
            _ = try first(Self.catastrophic.pattern, Self.catastrophic.text)
        }
    }

    @Test func aLongMatchWithinTheDeadlineFinishes() throws {
        // Past the first slice of steps, so the match is tried again with more.
        let text = String(repeating: "ab", count: 100_000) + "c"
        #expect(try first("(?:a|b)*c", text, deadline: .now + .seconds(60))?.range == 0..<200_001)
    }

    @Test func aMatchNeedingTooMuchMemoryStops() {
        // Each repetition of the group keeps a backtracking frame: a million of them pass 64 MB.
        let text = String(repeating: "ab", count: 500_000) + "c"
        #expect(throws: PatternError.heapLimit(kibibytes: MatchBounds.heapKibibytes)) {
            _ = try first("(?:a|b)*c", text, deadline: .now + .seconds(60))
        }
    }
}
