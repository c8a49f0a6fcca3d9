import Foundation
import TestSupport
import Testing

@testable import TrailStore

/// `aws s3api list-objects-v2` JSON read as a stream.
@Suite("list-objects-v2 listings")
struct ListObjectsListingTests {
    static func read(_ text: String) throws -> (objects: [String], problems: [String]) {
        let path = Scratch.path("lov2.json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var objects: [String] = []
        var problems: [String] = []
        try ListObjectsListing.read(
            path, each: { key, size in objects.append("\(String(decoding: key, as: UTF8.self)) \(size)") },
            problem: { problems.append("line \($0.location.line): \($0.detail)") })
        return (objects, problems)
    }

    @Test func pagesEscapesAndBadEntries() throws {
        let text = """
            [{"Contents": [
                {"Key": "a\\u00e9\\ud83d\\ude00\\"b\\\\c\\/d", "Size": 12, "Owner": {"ID": [1, true, null]}},
                {"Key": "no-size"},
                {"Size": 3},
                {"Key": "float", "Size": 1.0e3}
              ], "KeyCount": 4},
             {"Name": "bucket", "KeyCount": 0},
             {"Contents": [], "IsTruncated": false}]
            """
        let read = try Self.read(text)
        #expect(read.objects == ["aé😀\"b\\c/d 12", "float 1000"])
        #expect(
            read.problems == [
                "line 3: Contents[1] of page 1: no valid `Size`", "line 4: Contents[2] of page 1: no valid `Key`",
            ])
    }

    @Test func invalidJSONAndOtherDocumentsAreRefusedWithTheirLine() throws {
        #expect {
            try Self.read("{\"Contents\": [\n{\"Key\": \"a\", \"Size\": 1}\n,]}")
        } throws: { "\($0)".contains("line 3") }
        #expect {
            try Self.read("{\"Buckets\": []}")
        } throws: { "\($0)".contains("not `aws s3api list-objects-v2` output") }
        #expect {
            try Self.read("{\"Contents\": []} x")
        } throws: { "\($0)".contains("content after the document") }
        #expect {
            try Self.read(String(repeating: "[", count: 1000))
        } throws: { "\($0)".contains("not a JSON object") || "\($0)".contains("nested") }
    }
}
