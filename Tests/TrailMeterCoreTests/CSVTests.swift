import TestSupport
import Testing
import TrailMeterCore

@Suite struct CSVTests {
    let rows = [["name", "value"], ["plain", CSVReader.trickyField], [CSVReader.crlfOnlyField, "x"], ["", "\"\""]]

    @Test(arguments: [CSVWriter.LineEnd.crlf, .lf])
    func writerRoundTripsThroughTheStrictReader(lineEnd: CSVWriter.LineEnd) throws {
        let text = CSVWriter.text(rows, lineEnd: lineEnd)
        #expect(try CSVReader.records(text, lineEnd: lineEnd.rawValue) == rows)
        #expect(try CSVParser.records(text).map(\.fields) == rows)
    }

    @Test func crlfInsideAFieldIsQuoted() {
        #expect(CSVWriter.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.field("a\rb") == "\"a\rb\"")
        #expect(CSVWriter.field("plain text") == "plain text")
    }

    @Test func parserKeepsTheLineARecordStartsOn() throws {
        let records = try CSVParser.records("a,b\r\n\"x\ny\",z\n\nc,\"\"\n")
        #expect(records.map(\.line) == [1, 2, 5])
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.records("a,\"b\n") }
        #expect(error?.line == 2 && error?.reason == "a quoted field is never closed")
    }

    @Test(arguments: [
        "a,b\r\nc\"d,e\r\n",  // a quote inside an unquoted field
        "a,\"b\"c\r\n",  // text after a closing quote
        "a,\"b\r\n",  // never closed
        "a,b\nc,d\n",  // LF where CRLF is expected
        "a,b\r\nc\r\n",  // a record with fewer fields
        "a\rb\r\n",  // a bare CR
    ])
    func strictReaderRejectsMalformedText(text: String) {
        #expect(throws: CSVReader.Malformed.self) { try CSVReader.records(text) }
    }

    @Test func strictReaderAcceptsEmptyFieldsAndAMissingLastLineEnd() throws {
        #expect(try CSVReader.records("a,\"\",\r\n,,\"x\"") == [["a", "", ""], ["", "", "x"]])
        #expect(try CSVReader.records("a\nb", lineEnd: "\n") == [["a"], ["b"]])
        #expect(try CSVReader.records("") == [])
    }
}

@Suite struct CSVFieldCapTests {
    @Test func aFieldPastTheCapIsNamedByNumberAndHeader() {
        let error = #expect(throws: CSVSyntaxError.self) {
            try CSVParser.records("a,b\n1,\"22\n333\"\n", maxFieldBytes: 5)
        }
        #expect(error?.line == 2)
        #expect(error?.oversizedField?.number == 2)
        #expect(error?.oversizedField?.header == "b")
    }

    @Test func quotesAndDoubledQuotesCountAsTheBytesTheyLeave() throws {
        #expect(try CSVParser.records("\"a\"\"b\",\"é\"", maxFieldBytes: 3).map(\.fields) == [["a\"b", "é"]])
        let error = #expect(throws: CSVSyntaxError.self) { try CSVParser.records("abcd", maxFieldBytes: 3) }
        #expect(error?.oversizedField?.number == 1 && error?.oversizedField?.header == nil)
    }

    @Test func lineEndsAndAByteOrderMarkReadAsBefore() throws {
        let records = try CSVParser.records("\u{FEFF}a,\"x\r\ny\rz\"\r\nb\rc\n")
        #expect(records.map(\.fields) == [["a", "x\r\ny\rz"], ["b"], ["c"]])
        #expect(records.map(\.line) == [1, 4, 5])
    }
}
