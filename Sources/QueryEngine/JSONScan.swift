import CloudTrail

/// A JSON reader that works on the bytes in place: finds a member or element and returns the byte
/// range of its value without building a tree. CloudTrail's maps and arrays are read this way,
/// once per cell, so it must not allocate on the way.
struct JSONScan {
    let bytes: UnsafeRawBufferPointer

    enum Kind { case string, number, object, array, boolean, null }

    static func kind(of first: UInt8) -> Kind? {
        switch first {
        case 0x22: return .string
        case 0x7B: return .object
        case 0x5B: return .array
        case 0x74, 0x66: return .boolean
        case 0x6E: return .null
        case 0x2D, 0x30...0x39: return .number
        default: return nil
        }
    }

    func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i
    }

    /// End (exclusive) of the string starting at `i` (a quote), or nil if malformed.
    func endOfString(_ i: Int) -> Int? {
        var j = i + 1
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x5C {
                j += 2
                continue
            }
            if b == 0x22 { return j + 1 }
            j += 1
        }
        return nil
    }

    /// End (exclusive) of the value starting at `i` (after whitespace), or nil if malformed.
    func endOfValue(_ i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case 0x22: return endOfString(i)
        case 0x7B, 0x5B:
            var depth = 0
            var j = i
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x22 {
                    guard let end = endOfString(j) else { return nil }
                    j = end
                    continue
                }
                if b == 0x7B || b == 0x5B { depth += 1 }
                if b == 0x7D || b == 0x5D {
                    depth -= 1
                    if depth == 0 { return j + 1 }
                }
                j += 1
            }
            return nil
        default:
            var j = i
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
                j += 1
            }
            return j > i ? j : nil
        }
    }

    /// The whole text as one value (trimmed), if it is one.
    func root() -> Range<Int>? {
        let start = skipSpace(0)
        guard let end = endOfValue(start), skipSpace(end) == bytes.count else { return nil }
        return start..<end
    }

    private func keyEquals(_ keyRange: Range<Int>, _ key: UnsafeRawBufferPointer, caseInsensitive: Bool) -> Bool {
        // keyRange excludes the quotes; keys with escapes are compared after a slow decode.
        if keyRange.count == key.count {
            var equal = true
            for k in 0..<key.count {
                var a = bytes[keyRange.lowerBound + k]
                var b = key[k]
                if caseInsensitive {
                    if a >= 0x41 && a <= 0x5A { a += 32 }
                    if b >= 0x41 && b <= 0x5A { b += 32 }
                }
                if a != b {
                    equal = false
                    break
                }
                if a == 0x5C {
                    equal = false
                    break
                }
            }
            if equal { return true }
        }
        guard bytes[keyRange].contains(0x5C) else { return false }
        let decoded = JSONScan.decodeString(
            UnsafeRawBufferPointer(rebasing: bytes[(keyRange.lowerBound - 1)..<(keyRange.upperBound + 1)]))
        guard let decoded else { return false }
        if caseInsensitive {
            return String(decoding: decoded, as: UTF8.self).lowercased()
                == String(decoding: key, as: UTF8.self).lowercased()
        }
        return decoded.elementsEqual(key)
    }

    /// The value of member `key` of the object at `range`.
    func member(_ key: UnsafeRawBufferPointer, in range: Range<Int>, caseInsensitive: Bool = false) -> Range<Int>? {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == 0x7B else { return nil }
        var i = skipSpace(range.lowerBound + 1)
        var fallback: Range<Int>?
        while i < range.upperBound, bytes[i] == 0x22 {
            guard let keyEnd = endOfString(i) else { return nil }
            let keyRange = (i + 1)..<(keyEnd - 1)
            i = skipSpace(keyEnd)
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            let valueStart = skipSpace(i + 1)
            guard let valueEnd = endOfValue(valueStart) else { return nil }
            if keyEquals(keyRange, key, caseInsensitive: false) { return valueStart..<valueEnd }
            if caseInsensitive, fallback == nil, keyEquals(keyRange, key, caseInsensitive: true) {
                fallback = valueStart..<valueEnd
            }
            i = skipSpace(valueEnd)
            if i < bytes.count, bytes[i] == 0x2C { i = skipSpace(i + 1) } else { break }
        }
        return fallback
    }

    func member(_ key: String, in range: Range<Int>, caseInsensitive: Bool = false) -> Range<Int>? {
        var key = key
        return key.withUTF8 { member(UnsafeRawBufferPointer($0), in: range, caseInsensitive: caseInsensitive) }
    }

    /// The ranges of the elements of the array at `range`.
    func elements(in range: Range<Int>) -> [Range<Int>]? {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == 0x5B else { return nil }
        var result: [Range<Int>] = []
        var i = skipSpace(range.lowerBound + 1)
        if i < bytes.count, bytes[i] == 0x5D { return result }
        while i < range.upperBound {
            guard let end = endOfValue(i) else { return nil }
            result.append(i..<end)
            i = skipSpace(end)
            if i < bytes.count, bytes[i] == 0x2C { i = skipSpace(i + 1) } else { break }
        }
        return result
    }

    /// The members of the object at `range`, as (key range with quotes, value range).
    func members(in range: Range<Int>) -> [(Range<Int>, Range<Int>)]? {
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == 0x7B else { return nil }
        var result: [(Range<Int>, Range<Int>)] = []
        var i = skipSpace(range.lowerBound + 1)
        while i < range.upperBound, bytes[i] == 0x22 {
            guard let keyEnd = endOfString(i) else { return nil }
            let key = i..<keyEnd
            i = skipSpace(keyEnd)
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            let valueStart = skipSpace(i + 1)
            guard let valueEnd = endOfValue(valueStart) else { return nil }
            result.append((key, valueStart..<valueEnd))
            i = skipSpace(valueEnd)
            if i < bytes.count, bytes[i] == 0x2C { i = skipSpace(i + 1) } else { break }
        }
        return result
    }

    /// Element `index` (0-based; negative counts from the end) of the array at `range`.
    func element(_ index: Int, in range: Range<Int>) -> Range<Int>? {
        if index < 0 {
            // Compared without negating: -Int.min overflows.
            guard let all = elements(in: range), index >= -all.count else { return nil }
            return all[all.count + index]
        }
        guard range.lowerBound < bytes.count, bytes[range.lowerBound] == 0x5B else { return nil }
        var i = skipSpace(range.lowerBound + 1)
        var n = 0
        while i < range.upperBound, bytes[i] != 0x5D {
            guard let end = endOfValue(i) else { return nil }
            if n == index { return i..<end }
            n += 1
            i = skipSpace(end)
            if i < bytes.count, bytes[i] == 0x2C { i = skipSpace(i + 1) } else { break }
        }
        return nil
    }

    /// Follows a parsed JSON path from the root.
    func evaluate(_ path: [JSONPath.Step]) -> Range<Int>? {
        guard var range = root() else { return nil }
        for step in path {
            switch step {
            case .key(let key):
                guard let next = member(key, in: range) else { return nil }
                range = next
            case .index(let index):
                guard let next = element(index, in: range) else { return nil }
                range = next
            }
        }
        return range
    }

    // MARK: Decoding

    /// The UTF-8 of the JSON string `quoted` (with its quotes), escapes undone; nil when malformed.
    static func decodeString(_ quoted: UnsafeRawBufferPointer) -> [UInt8]? {
        guard quoted.count >= 2, quoted[0] == 0x22 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(quoted.count - 2)
        let body = UnsafeRawBufferPointer(rebasing: quoted[1..<(quoted.count - 1)])
        return EventJSON.appendUnescaped(body, into: &out) ? out : nil
    }

    /// The JSON spelling of a string.
    static func quote(_ text: String) -> String { EventJSON.quoted(text) }
}

/// Trino's JSON path subset: `$`, `.key`, `["key"]`, `[0]`.
enum JSONPath {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    static func parse(_ path: String) -> [Step]? {
        let chars = Array(path.unicodeScalars)
        guard chars.first == "$" else { return nil }
        var steps: [Step] = []
        var i = 1
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                var key = ""
                if i < chars.count, chars[i] == "\"" {
                    i += 1
                    while i < chars.count, chars[i] != "\"" {
                        key.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    i += 1
                } else {
                    while i < chars.count, chars[i] != ".", chars[i] != "[" {
                        key.unicodeScalars.append(chars[i])
                        i += 1
                    }
                }
                guard !key.isEmpty, key != "*" else { return nil }
                steps.append(.key(key))
            } else if chars[i] == "[" {
                i += 1
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let quote = chars[i]
                    i += 1
                    var key = ""
                    while i < chars.count, chars[i] != quote {
                        key.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    i += 1
                    guard i < chars.count, chars[i] == "]" else { return nil }
                    i += 1
                    steps.append(.key(key))
                } else {
                    var digits = ""
                    while i < chars.count, chars[i] != "]" {
                        digits.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count, let index = Int(digits.trimmingSpaces), index >= 0 else { return nil }
                    i += 1
                    steps.append(.index(index))
                }
            } else {
                return nil
            }
        }
        return steps
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

extension JSONScan {
    /// The value at `range` as Trino prints JSON: no whitespace outside strings (`[1, 2]` is
    /// `[1,2]`), everything else as written.
    func canonical(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x22, let end = endOfString(i), end <= range.upperBound {
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            }
            if b != 0x20, b != 0x0A, b != 0x0D, b != 0x09 { out.append(b) }
            i += 1
        }
        return out
    }

    /// How `trinoText` prints the elements of an array whose element type is known.
    enum ArrayElements {
        /// As written (bigint, or a type the array does not say).
        case asWritten
        /// DOUBLE, in Java's form (`1.0E10`).
        case double
        /// DECIMAL with this scale (`2.0` for 2 at scale 1).
        case decimal(scale: Int)
        /// Timestamps with a time zone: each string element followed by the zone (` UTC`).
        case zoned(suffix: [UInt8])
    }

    /// The value at `range` as Trino prints an array, map or row: `[a, b]`, `{k=v}`, strings
    /// without quotes, other scalars as written (`null`, `true`, `1.5`); nil when it is not JSON.
    /// `elements` says how the numbers and zoned timestamps of arrays print (those of maps and
    /// rows print as written).
    func trinoText(_ range: Range<Int>, into out: inout [UInt8], elements: ArrayElements = .asWritten) -> Bool {
        guard range.lowerBound < bytes.count, let kind = JSONScan.kind(of: bytes[range.lowerBound]) else {
            return false
        }
        switch kind {
        case .array:
            guard let items = self.elements(in: range) else { return false }
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out += [0x2C, 0x20] }
                guard trinoText(item, into: &out, elements: elements) else { return false }
            }
            out.append(0x5D)
        case .object:
            guard let members = members(in: range) else { return false }
            out.append(0x7B)
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += [0x2C, 0x20] }
                guard let name = keyText(key) else { return false }
                out += name
                out.append(0x3D)
                guard trinoText(value, into: &out) else { return false }
            }
            out.append(0x7D)
        case .string:
            guard let text = JSONScan.decodeString(UnsafeRawBufferPointer(rebasing: bytes[range])) else { return false }
            out += text
            if case .zoned(let suffix) = elements { out += suffix }
        case .number:
            let written = String(decoding: bytes[range], as: UTF8.self)
            switch (elements, Double(written)) {
            case (.double, let value?): out += ValuePresentation.doubleText(value).utf8
            case (.decimal(let scale), let value?): out += DecimalArithmetic.text(value, scale: scale).utf8
            default: out += bytes[range]
            }
        case .boolean, .null:
            out += bytes[range]
        }
        return true
    }

    /// The text of a JSON scalar used as a map key: a string unescaped, a number or boolean as written.
    func keyText(_ range: Range<Int>) -> [UInt8]? {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
        switch JSONScan.kind(of: raw[0]) {
        case .string: return JSONScan.decodeString(raw)
        case .number, .boolean: return Array(raw)
        default: return nil
        }
    }
}
