/// The declared shape of a struct, array or map value that TrailMeter holds as JSON text, as a
/// short spec a SQL function can read (`tm_reshape`): what Athena's JSON SerDe keeps of a
/// CloudTrail object when the table declares it. A struct keeps its declared fields, in declared
/// order, named in lower case (a missing field is null, an undeclared one is dropped); an array
/// reshapes each element; a map and a scalar keep the value, except that an object or array read
/// as a string becomes its JSON text.
///
/// Spec grammar: a struct is `{` fields `}`, each field its name's UTF-8 length, the name, `:`
/// and its spec, separated by `,`; an array is `[` spec `]`; a map is `m`; a string `s`; any other
/// scalar `n`. Names are length-prefixed so that no name (a backquoted one included) needs escaping.
enum RowShape {
    /// The spec of `type`.
    static func spec(_ type: HiveType) -> String {
        switch type {
        case .structure(let fields):
            return "{" + fields.map { "\($0.name.utf8.count)\($0.name):" + spec($0.type) }.joined(separator: ",") + "}"
        case .array(let element): return "[" + spec(element) + "]"
        case .map: return "m"
        case .scalar(let name): return DeclaredScalar(name) == .string ? "s" : "n"
        }
    }

    /// True when `type` has a struct somewhere in it, so that reading a value whole reshapes it.
    static func holdsStruct(_ type: HiveType) -> Bool {
        switch type {
        case .structure: return true
        case .array(let element): return holdsStruct(element)
        case .map, .scalar: return false
        }
    }
}

extension JSONScan {
    /// The JSON value at `range` reshaped by the spec at `spec[cursor...]` (see `RowShape`),
    /// appended to `out`; moves `cursor` past the spec. False when the spec is malformed.
    func reshape(_ range: Range<Int>?, spec: UnsafeRawBufferPointer, cursor: inout Int, into out: inout [UInt8]) -> Bool
    {
        guard cursor < spec.count else { return false }
        let kind = range.flatMap { $0.lowerBound < bytes.count ? JSONScan.kind(of: bytes[$0.lowerBound]) : nil }
        switch spec[cursor] {
        case UInt8(ascii: "{"):
            cursor += 1
            let isObject = kind == .object
            if isObject { out.append(UInt8(ascii: "{")) }
            var first = true
            while cursor < spec.count, spec[cursor] != UInt8(ascii: "}") {
                if !first {
                    guard spec[cursor] == UInt8(ascii: ",") else { return false }
                    cursor += 1
                }
                var length = 0
                while cursor < spec.count, (0x30...0x39).contains(spec[cursor]) {
                    length = length * 10 + Int(spec[cursor] - 0x30)
                    cursor += 1
                    guard length <= spec.count else { return false }
                }
                guard cursor + length < spec.count, spec[cursor + length] == UInt8(ascii: ":") else { return false }
                let name = UnsafeRawBufferPointer(rebasing: spec[cursor..<cursor + length])
                cursor += length + 1
                let member = isObject ? self.member(name, in: range!, caseInsensitive: true) : nil
                if isObject {
                    if !first { out.append(UInt8(ascii: ",")) }
                    out += JSONScan.quote(String(decoding: name, as: UTF8.self)).utf8
                    out.append(UInt8(ascii: ":"))
                    guard reshape(member, spec: spec, cursor: &cursor, into: &out) else { return false }
                } else {
                    var ignored: [UInt8] = []
                    guard reshape(nil, spec: spec, cursor: &cursor, into: &ignored) else { return false }
                }
                first = false
            }
            guard cursor < spec.count else { return false }
            cursor += 1
            if isObject { out.append(UInt8(ascii: "}")) } else { out += Array("null".utf8) }
        case UInt8(ascii: "["):
            cursor += 1
            let elements = kind == .array ? self.elements(in: range!) : nil
            let start = cursor
            if let elements {
                out.append(UInt8(ascii: "["))
                for (index, element) in elements.enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    cursor = start
                    guard reshape(element, spec: spec, cursor: &cursor, into: &out) else { return false }
                }
                out.append(UInt8(ascii: "]"))
            } else {
                out += Array("null".utf8)
            }
            // Past the element spec even when there was no element to read it with.
            cursor = start
            var ignored: [UInt8] = []
            guard reshape(nil, spec: spec, cursor: &cursor, into: &ignored) else { return false }
            guard cursor < spec.count, spec[cursor] == UInt8(ascii: "]") else { return false }
            cursor += 1
        case UInt8(ascii: "s"):
            cursor += 1
            guard let range, let kind else {
                out += Array("null".utf8)
                return true
            }
            if kind == .object || kind == .array {
                out += JSONScan.quote(String(decoding: canonical(range), as: UTF8.self)).utf8
            } else {
                out += canonical(range)
            }
        case UInt8(ascii: "m"), UInt8(ascii: "n"):
            cursor += 1
            if let range, kind != nil { out += canonical(range) } else { out += Array("null".utf8) }
        default:
            return false
        }
        return true
    }
}
