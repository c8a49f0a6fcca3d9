/// How long one match may run. With a deadline, a match runs until it passes; without one, a
/// match may take at most `stepCap` backtracking steps, so it ends in bounded time whatever
/// the pattern. Memory is bounded either way (`heapKibibytes`).
public struct MatchBounds: Sendable {
    /// When the work must stop; nil for none.
    public var deadline: ContinuousClock.Instant?

    /// PCRE2's default match limit: a few tenths of a second of backtracking on one value, far more than
    /// any pattern that is not catastrophic needs on a log field.
    public static let stepCap: UInt32 = 10_000_000
    /// The most memory PCRE2 may take for the backtracking of one match (64 MB).
    public static let heapKibibytes = 64 * 1024
    /// The steps of the first try: enough for nearly every match, checked quickly.
    static let firstStepSlice: UInt32 = 100_000

    public init(deadline: ContinuousClock.Instant?) { self.deadline = deadline }

    /// The step limit for the next try after one of `limit` steps, begun at `sliceStarted`, ran
    /// out; nil when the match must stop. Before the deadline, the next slice is four times
    /// larger but no larger than the steps that fit before the deadline at the rate just seen,
    /// so the deadline is overrun by little.
    func nextStepLimit(after limit: UInt32, sliceStarted: ContinuousClock.Instant) -> UInt32? {
        let grown = limit > UInt32.max / 4 ? UInt32.max : limit * 4
        guard let deadline else { return limit >= Self.stepCap ? nil : min(grown, Self.stepCap) }
        let now = ContinuousClock.now
        guard now < deadline else { return nil }
        let spent = Self.seconds(now - sliceStarted)
        let left = Self.seconds(deadline - now)
        guard spent > 0 else { return grown }
        let fitting = Double(limit) * left / spent
        return UInt32(max(Double(Self.firstStepSlice), min(Double(grown), fitting)))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Why a pattern could not be compiled or a match did not finish.
public enum PatternError: Error, Equatable, Sendable {
    /// PCRE2 refused the pattern; the offset is in bytes of its UTF-8.
    case invalidPattern(message: String, byteOffset: Int)
    /// The deadline passed while matching.
    case deadline
    /// With no deadline, the match needed more than `steps` backtracking steps.
    case stepLimit(steps: UInt32)
    /// The match needed more backtracking memory than the bound.
    case heapLimit(kibibytes: Int)
    /// PCRE2 could not allocate its structures.
    case outOfMemory
    /// Any other failure PCRE2 reports.
    case matchFailed(message: String)
}
