import PatternMatching
import SQLite

/// Compiled patterns by source text, per connection, matched under the limits of the query the
/// connection runs: a match stopped by the query's deadline fails the statement as the deadline's
/// stop, so a catastrophic pattern gives the same error as any other query that ran too long.
final class RegexCache {
    private var cache: [String: CompiledPattern] = [:]
    private let limits: ActiveLimits

    init(_ connection: Connection) { limits = connection.activeLimits }

    func regex(_ pattern: String, _ result: FunctionResult) -> CompiledPattern? {
        if let cached = cache[pattern] { return cached }
        do {
            let regex = try CompiledPattern(pattern)
            if cache.count > 64 { cache.removeAll() }
            cache[pattern] = regex
            return regex
        } catch {
            result.error("invalid regular expression '\(pattern)': \(Self.describe(error))")
            return nil
        }
    }

    /// Calls `body` with each match of `regex` in `subject` from byte `start` on, as Java's
    /// `Matcher.find()` loop finds them (after an empty match the search goes on one code point
    /// further) until `body` returns false. False when a match could not finish; `result` then
    /// holds the error.
    func forEachMatch(
        _ regex: CompiledPattern, in subject: UTF8Subject, from start: Int = 0, _ result: FunctionResult,
        _ body: (PatternMatch) -> Bool
    ) -> Bool {
        let bounds = MatchBounds(deadline: limits.deadline)
        var position = start
        while position <= subject.bytes.count {
            let found: PatternMatch?
            do {
                found = try regex.firstMatch(in: subject, from: position, bounds: bounds)
            } catch {
                if error == .deadline { limits.stopForDeadline() }
                result.error("regular expression: \(Self.describe(error))")
                return false
            }
            guard let match = found, body(match) else { return true }
            let range = match.range
            position = range.isEmpty ? subject.nextScalar(after: range.upperBound) : range.upperBound
        }
        return true
    }

    /// The first match of `regex` in `subject`; `.failed` when it could not finish (`result`
    /// then holds the error).
    func firstMatch(
        _ regex: CompiledPattern, in subject: UTF8Subject, _ result: FunctionResult
    ) -> FirstMatch {
        var first: PatternMatch?
        guard
            forEachMatch(
                regex, in: subject, result,
                {
                    first = $0
                    return false
                })
        else { return .failed }
        return first.map(FirstMatch.found) ?? .none
    }

    private static func describe(_ error: PatternError) -> String {
        switch error {
        case .invalidPattern(let message, let offset): return "\(message) at byte \(offset)"
        case .deadline: return "stopped at the query's deadline"
        case .stepLimit(let steps):
            return "a match needed more than \(steps) backtracking steps on one value (pass --timeout to allow more)"
        case .heapLimit(let kibibytes): return "a match needed more than \(kibibytes / 1024) MB"
        case .outOfMemory: return "out of memory"
        case .matchFailed(let message): return message
        }
    }
}

/// The outcome of looking for one match.
enum FirstMatch {
    case found(PatternMatch)
    case none
    case failed
}

extension UTF8Subject {
    /// Calls `body` with argument `index` as a subject, without a copy when SQLite's bytes are
    /// valid UTF-8 (invalid sequences are replaced first, as `String` does); nil for NULL.
    static func with<T>(_ args: FunctionArguments, _ index: Int, _ body: (UTF8Subject) -> T) -> T? {
        guard let raw = args.bytes(index) else { return nil }
        if let subject = UTF8Subject(validating: raw) { return body(subject) }
        var repaired = String(decoding: raw, as: UTF8.self)
        return repaired.withUTF8 { body(UTF8Subject(validating: UnsafeRawBufferPointer($0))!) }
    }
}
