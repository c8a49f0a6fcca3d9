import COpenSSL
import CXXHash
import CZlib
import Foundation
import SQLite

/// Trino's VARBINARY functions over SQLite BLOBs: UTF-8, hex and base64 codings, digests (OpenSSL's
/// libcrypto), xxhash64, murmur3, crc32, big-endian integers, and the text a varbinary prints as.
extension SQLFunctions {
    static func registerBinary(_ c: Connection) throws(SQLiteError) {
        // tm_digest(algorithm, x) and tm_hmac(algorithm, x, key): md5, sha1, sha256, sha512.
        try define(c, "tm_digest", argumentCount: 2) { args, result in
            guard let algorithm = args.text(0), let bytes = args.bytes(1) else { return result.null() }
            guard let digest = BinaryCoding.digest(algorithm, bytes, key: nil) else {
                return result.error("unknown digest \(algorithm)")
            }
            result.value(.blob(digest))
        }
        try define(c, "tm_hmac", argumentCount: 3) { args, result in
            guard let algorithm = args.text(0), let bytes = args.bytes(1), let key = args.bytes(2) else {
                return result.null()
            }
            guard let digest = BinaryCoding.digest(algorithm, bytes, key: key) else {
                return result.error("unknown digest \(algorithm)")
            }
            result.value(.blob(digest))
        }
        try define(c, "tm_xxhash64", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let hash = XXH64(bytes.baseAddress, bytes.count, 0)
            result.value(.blob(BinaryCoding.bigEndian(Int64(bitPattern: hash), width: 8)))
        }
        try define(c, "tm_murmur3", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            result.value(.blob(Murmur3.hash128(bytes)))
        }
        try define(c, "tm_crc32", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let start = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self)
            result.int64(Int64(crc32(0, start, uInt(bytes.count))))
        }
        try define(c, "tm_from_hex", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            switch BinaryCoding.fromHex(bytes) {
            case .success(let decoded): result.value(.blob(decoded))
            case .failure(let message): result.error(message.text)
            }
        }
        // tm_to_base64(x, url) and tm_from_base64(text, url): RFC 4648, `url` the URL-safe alphabet.
        try define(c, "tm_to_base64", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            result.text(BinaryCoding.base64(Data(bytes), url: args.int64(1) != 0))
        }
        try define(c, "tm_from_base64", argumentCount: 2) { args, result in
            guard let text = args.text(0) else { return result.null() }
            guard let decoded = BinaryCoding.fromBase64(text, url: args.int64(1) != 0) else {
                return result.error("Illegal base64 input: '\(text.prefix(40))'")
            }
            result.value(.blob(decoded))
        }
        // tm_from_utf8(x[, replacement]): invalid sequences become the replacement (U+FFFD without one).
        try define(c, "tm_from_utf8", argumentCount: -1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            var replacement = "\u{FFFD}"
            if args.count > 1 {
                guard let given = args.text(1) else { return result.null() }
                replacement = given
            }
            result.text(BinaryCoding.fromUTF8(bytes, replacement: replacement))
        }
        try define(c, "tm_to_big_endian", argumentCount: 2) { args, result in
            if args.isNull(0) { return result.null() }
            result.value(.blob(BinaryCoding.bigEndian(args.int64(0), width: Int(args.int64(1)))))
        }
        try define(c, "tm_from_big_endian", argumentCount: 2) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            let width = Int(args.int64(1))
            guard bytes.count == width else {
                return result.error("expected \(width)-byte input, but got instead: \(bytes.count)")
            }
            var value: Int64 = 0
            for byte in bytes { value = value << 8 | Int64(byte) }
            // A 4-byte value is a signed 32-bit integer.
            result.int64(width == 4 ? Int64(Int32(truncatingIfNeeded: value)) : value)
        }
        // As Trino's client prints a varbinary: lower-case hex pairs separated by spaces.
        try define(c, "tm_varbinary_text", argumentCount: 1) { args, result in
            guard let bytes = args.bytes(0) else { return result.null() }
            result.text(BinaryCoding.hexPairs(bytes))
        }
    }
}

/// The byte codings behind the varbinary functions.
enum BinaryCoding {
    static func digest(_ algorithm: String, _ bytes: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer?) -> [UInt8]? {
        let md: OpaquePointer?
        switch algorithm {
        case "md5": md = EVP_md5()
        case "sha1": md = EVP_sha1()
        case "sha256": md = EVP_sha256()
        case "sha512": md = EVP_sha512()
        default: return nil
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // An empty buffer may have no address; libcrypto wants one.
        let empty: UInt8 = 0
        let ok = withUnsafePointer(to: empty) { fallback -> Bool in
            let data = bytes.baseAddress ?? UnsafeRawPointer(fallback)
            if let key {
                let keyData = key.baseAddress ?? UnsafeRawPointer(fallback)
                return HMAC(
                    md, keyData, Int32(key.count), data.assumingMemoryBound(to: UInt8.self), bytes.count, &out, &length)
                    != nil
            }
            return EVP_Digest(data, bytes.count, &out, &length, md, nil) == 1
        }
        return ok ? Array(out.prefix(Int(length))) : nil
    }

    static func bigEndian(_ value: Int64, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }

    static func hexPairs(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3)
        for (index, byte) in bytes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: " ")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    struct Failure: Error {
        let text: String
    }

    /// Trino's `from_hex`: an even number of hex digits, either case.
    static func fromHex(_ bytes: UnsafeRawBufferPointer) -> Result<[UInt8], Failure> {
        guard bytes.count % 2 == 0 else { return .failure(Failure(text: "invalid input length \(bytes.count)")) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                let bad = hexValue(bytes[index]) == nil ? bytes[index] : bytes[index + 1]
                return .failure(Failure(text: "not a hexadecimal digit: \"\(Character(Unicode.Scalar(bad)))\""))
            }
            out.append(high << 4 | low)
            index += 2
        }
        return .success(out)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func base64(_ data: Data, url: Bool) -> String {
        let text = data.base64EncodedString()
        guard url else { return text }
        return String(text.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }

    /// Java's decoder, as Trino uses it: padding may be left off; nothing outside the alphabet.
    static func fromBase64(_ text: String, url: Bool) -> [UInt8]? {
        var standard = url ? String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 }) : text
        if url, text.contains(where: { $0 == "+" || $0 == "/" }) { return nil }
        switch standard.utf8.count % 4 {
        case 2: standard += "=="
        case 3: standard += "="
        case 1: return nil
        default: break
        }
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }

    static func fromUTF8(_ bytes: UnsafeRawBufferPointer, replacement: String) -> String {
        var out = ""
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): out.unicodeScalars.append(scalar)
            case .error: out += replacement
            case .emptyInput: return out
            }
        }
    }
}
