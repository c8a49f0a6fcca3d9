import Foundation

/// Golden files: expected output kept beside the tests. With TRAILMETER_UPDATE_GOLDEN=1 the file
/// is rewritten from the actual output first (review the diff before committing).
public enum GoldenFile {
    /// True when `actual` equals the file at `url` byte for byte: bytes, not String, so CRLF
    /// survives (String equality would merge "\r\n" forms).
    public static func matches(_ actual: String, at url: URL) -> Bool {
        if ProcessInfo.processInfo.environment["TRAILMETER_UPDATE_GOLDEN"] == "1" {
            try? Data(actual.utf8).write(to: url)
        }
        return (try? Data(contentsOf: url)) == Data(actual.utf8)
    }
}
