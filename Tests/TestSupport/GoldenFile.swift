import Foundation

/// Golden files: expected output kept beside the tests.
///
/// A mismatch prints a unified diff (expected → actual) so the failure says what changed. With
/// TRAILMETER_UPDATE_GOLDEN=1 the file is rewritten from the actual output and the check still
/// fails, so a run that rewrote golden files can never pass: review the diff, then run again
/// without the variable.
public enum GoldenFile {
    /// True when `actual` equals the file at `url` byte for byte: bytes, not String, so CRLF
    /// survives (String equality would merge "\r\n" forms).
    public static func matches(_ actual: String, at url: URL) -> Bool {
        let expected = try? Data(contentsOf: url)
        let actualBytes = Data(actual.utf8)
        if ProcessInfo.processInfo.environment["TRAILMETER_UPDATE_GOLDEN"] == "1" {
            if expected != actualBytes {
                do {
                    try actualBytes.write(to: url)
                    print(
                        "golden file rewritten: \(url.path); review the diff and run again without TRAILMETER_UPDATE_GOLDEN"
                    )
                } catch {
                    print("golden file \(url.path) could not be rewritten: \(error)")
                }
            } else {
                print("golden file unchanged: \(url.path); run again without TRAILMETER_UPDATE_GOLDEN")
            }
            return false
        }
        guard let expected else {
            print("golden file missing: \(url.path) (create it with TRAILMETER_UPDATE_GOLDEN=1)")
            return false
        }
        guard expected != actualBytes else { return true }
        print("golden file differs: \(url.path)\n" + difference(expected: expected, actual: actualBytes))
        return false
    }

    /// `diff -u` of the two texts, or the first differing line when diff cannot run.
    static func difference(expected: Data, actual: Data) -> String {
        let directory = Scratch.directory("golden")
        defer { Scratch.remove(directory) }
        let expectedURL = directory.appendingPathComponent("expected")
        let actualURL = directory.appendingPathComponent("actual")
        let outputURL = directory.appendingPathComponent("diff")
        do {
            try expected.write(to: expectedURL)
            try actual.write(to: actualURL)
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            let output = try FileHandle(forWritingTo: outputURL)
            defer { try? output.close() }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
            process.arguments = ["-u", "--strip-trailing-cr", expectedURL.path, actualURL.path]
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            let text = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
            if !text.isEmpty { return text }
            return "the texts differ only in line endings (CRLF versus LF)"
        } catch {
            return firstDifference(expected: expected, actual: actual)
        }
    }

    static func firstDifference(expected: Data, actual: Data) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let wanted = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if wanted != got { return "line \(index + 1):\n- \(wanted)\n+ \(got)" }
        }
        return "the bytes differ"
    }
}
