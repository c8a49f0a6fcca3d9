import Testing
import TrailMeterCore

@Suite struct SourceLocationTests {
    @Test func describesAFileLineOrASQLPosition() {
        #expect(SourceLocation(file: "rates/AmazonS3.csv", line: 12).description == "rates/AmazonS3.csv:12")
        let sql = SourceLocation(offset: 13, in: "SELECT 1\nFROM t")
        #expect((sql.line, sql.column, sql.offset) == (2, 5, 13))
        #expect(sql.description == "line 2, column 5")
    }
}
