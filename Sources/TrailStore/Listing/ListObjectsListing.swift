import Foundation
import TrailMeterCore

/// `aws s3api list-objects-v2` JSON output: `{"Contents": [{"Key": ..., "Size": ...}, ...]}`, as
/// one document (the CLI joins the pages), one file per page, or an array of pages. A page is
/// read whole; the pages of a large bucket are best given as separate files.
enum ListObjectsListing {
    static func read(
        _ path: String, each: ListedObjectHandler, problem: (ListingProblem) -> Void
    ) throws(TrailStoreError) {
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path) } catch {
            throw .unreadableListing(path: path, detail: "\(error)")
        }
        let document: Any
        do { document = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw .unreadableListing(path: path, detail: "not valid JSON: \(reason)")
        }
        let pages: [Any] = (document as? [Any]) ?? [document]
        let keyLines = KeyLines(bytes)
        var entry = 0
        for (pageIndex, page) in pages.enumerated() {
            guard let page = page as? [String: Any] else {
                throw .unreadableListing(path: path, detail: "page \(pageIndex + 1) is not a JSON object")
            }
            guard let contents = page["Contents"] else {
                // An empty prefix has no Contents; anything else is not list-objects-v2 output.
                guard page["KeyCount"] != nil || page["Prefix"] != nil || page["Name"] != nil else {
                    throw .unreadableListing(
                        path: path, detail: "no `Contents` array: not `aws s3api list-objects-v2` output")
                }
                continue
            }
            guard let objects = contents as? [Any] else {
                throw .unreadableListing(path: path, detail: "`Contents` of page \(pageIndex + 1) is not an array")
            }
            for (index, object) in objects.enumerated() {
                entry += 1
                let fields = object as? [String: Any]
                let key = fields?["Key"] as? String
                let size = (fields?["Size"] as? NSNumber).flatMap { Int64(exactly: $0.doubleValue) }
                guard let key, let size, size >= 0 else {
                    let missing = key == nil ? "Key" : "Size"
                    problem(
                        ListingProblem(
                            location: SourceLocation(file: path, line: keyLines.line(ofEntry: entry)),
                            detail: "Contents[\(index)] of page \(pageIndex + 1): no valid `\(missing)`"))
                    continue
                }
                try ListingReader.pass(key, size: size, to: each)
            }
        }
    }
}

/// The line of each object's `"Key"` field, in order: where an entry of the listing starts, for messages.
struct KeyLines {
    private let lines: [Int]

    init(_ bytes: [UInt8]) {
        var lines: [Int] = []
        var line = 1
        let pattern = Array("\"Key\"".utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                line += 1
            } else if bytes[index] == 34, index + pattern.count <= bytes.count,
                bytes[index..<index + pattern.count].elementsEqual(pattern)
            {
                lines.append(line)
            }
            index += 1
        }
        self.lines = lines
    }

    /// Line of the `entry`-th (1-based) object; the last known line when an entry has no key.
    func line(ofEntry entry: Int) -> Int {
        lines.isEmpty ? 1 : lines[min(entry, lines.count) - 1]
    }
}
