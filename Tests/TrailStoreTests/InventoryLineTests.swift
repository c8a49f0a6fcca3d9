import Testing

@testable import TrailStore

/// S3 Inventory CSV lines split and decoded byte by byte.
@Suite("Inventory CSV lines")
struct InventoryLineTests {
    static func split(_ text: String) -> (InventoryLine, Bool) {
        var line = InventoryLine()
        var text = text
        let closed = text.withUTF8 { line.split(UnsafeRawBufferPointer($0)) }
        return (line, closed)
    }

    @Test func quotedFieldsDoubledQuotesAndEmptyFields() {
        let (line, closed) = Self.split(#""bucket","a%2Bb+c%C3%A9.json.gz","123","","say ""hi""",plain"# + "\r")
        #expect(closed)
        #expect(
            (0..<line.fields.count).map(line.text) == [
                "bucket", "a%2Bb+c%C3%A9.json.gz", "123", "", #"say "hi""#, "plain",
            ])
        var decoded = line
        let readable = decoded.decodeKey(1)
        #expect(readable)
        #expect(String(decoding: decoded.key, as: UTF8.self) == "a+b cé.json.gz")
        #expect(line.size(2) == 123)
        #expect(line.size(3) == nil && line.size(0) == nil)
    }

    @Test func malformedEscapesAndQuotesAreRefused() {
        #expect(Self.split(#""bucket","key"#).1 == false)
        for key in ["%", "%4", "%zz", "%FF"] {
            var line = Self.split("\"b\",\"\(key)\"").0
            let decoded = line.decodeKey(1)
            #expect(!decoded, "\(key)")
        }
    }
}
