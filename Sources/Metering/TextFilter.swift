import Foundation
import SQLite

/// `column GLOB pattern` or `column = text` on an event column, as SQLite pushed it to a layout.
/// The translator turns Trino's case-sensitive LIKE with a constant pattern into GLOB, so this is
/// how `eventname LIKE 'ConsoleLogin'` reaches a layout.
struct TextFilter: Sendable {
    enum Kind: Sendable { case glob, equal }

    let column: Int
    let kind: Kind
    /// The right-hand value's bytes; nil when it is not text, which no layout evaluates.
    let value: [UInt8]?
}

/// Decides a `TextFilter` on cell text exactly as SQLite would, so that a layout may leave out the
/// rows it rejects. Built once per scan; `matches` does not allocate.
struct TextMatcher {
    let column: Int
    private let kind: TextFilter.Kind
    /// For GLOB: the pattern up to its first NUL (SQLite reads patterns as C strings), NUL-terminated.
    private let pattern: [CChar]
    private let value: [UInt8]
    /// GLOB of ASCII text with no `*`, `?` or `[`: equality of the cell up to its first NUL.
    private let isLiteral: Bool
    private var scratch: [CChar] = []

    /// Nil when the filter cannot be decided here: a value that is not text, or a GLOB pattern
    /// longer than SQLite's default LIKE/GLOB pattern limit (SQLite reports that as an error,
    /// which it can only do on rows it is handed).
    init?(_ filter: TextFilter) {
        guard let value = filter.value else { return nil }
        column = filter.column
        kind = filter.kind
        self.value = value
        let cString = value.prefix { $0 != 0 }
        pattern = cString.map { CChar(bitPattern: $0) } + [0]
        isLiteral = cString.allSatisfy { $0 < 0x80 && $0 != 0x2A && $0 != 0x3F && $0 != 0x5B }
        if kind == .glob, value.count > 50_000 { return nil }
    }

    /// True when SQLite would find the filter true for a cell presented as `text` (nil: NULL,
    /// for which `GLOB` and `=` are NULL, never true).
    mutating func matches(_ text: UnsafeRawBufferPointer?) -> Bool {
        guard let text else { return false }
        switch kind {
        case .equal:
            return text.count == value.count
                && (text.count == 0
                    || value.withUnsafeBytes { memcmp(text.baseAddress!, $0.baseAddress!, text.count) == 0 })
        case .glob where isLiteral:
            // Matching an ASCII pattern character takes that byte (a multi-byte sequence never
            // reads as ASCII), and the pattern must end where the cell's C string ends.
            let length = pattern.count - 1
            guard text.count >= length else { return false }
            if length > 0, pattern.withUnsafeBytes({ memcmp(text.baseAddress!, $0.baseAddress!, length) }) != 0 {
                return false
            }
            return text.count == length || text[length] == 0
        case .glob:
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: text.lazy.map { CChar(bitPattern: $0) })
            scratch.append(0)
            return SQLiteText.glob(pattern, scratch)
        }
    }
}
