import Foundation
import Metering
import QueryEngine
import SQLite
import Testing

/// What the meter counts is what the read paths fetched, and pruning behaves as the services do.
@Suite struct MeterTests {
    /// Sum of stored sizes over `sql` run directly on the store file.
    static func storeSum(_ sql: String) throws -> Int64 {
        let connection = try Connection(path: TestCorpus.built.storePath, mode: .readOnly)
        return try connection.scalar(sql)?.integer ?? 0
    }

    static let allRawBytes = Result { try storeSum("SELECT sum(compressed_bytes) FROM files") }

    @Test(arguments: 0..<5) func meteredBytesAreTheBytesTheReadPathsFetched(_ number: Int) throws {
        let store = try TestCorpus.open()
        let result = try store.run(TestCorpus.articleQueries[number], verify: true)
        #expect(store.ledger.chunkBytes == result.columnar.bytesScanned)
        #expect(store.ledger.chunks == result.columnar.unitsRead)
        #expect(store.ledger.fileBytes == result.raw.bytesScanned)
        #expect(store.ledger.files == result.raw.unitsRead)
        #expect(result.columnar.bytesScanned > 0)
    }

    @Test func unpartitionedTableReadsEveryFileWhateverTheWhereClause() throws {
        let store = try TestCorpus.open(.unpartitioned)
        let result = try store.run(
            "SELECT eventname FROM cloudtrail_logs WHERE eventtime >= '2022-01-22T00:00:00Z' AND awsregion = 'eu-west-1'"
        )
        #expect(result.raw.bytesScanned == (try Self.allRawBytes.get()))
        #expect(result.raw.unitsRead == store.fileCount)
    }

    @Test func projectedTableEventTimeOnlyPredicateCutsNothing() throws {
        let store = try TestCorpus.open(.projected)
        let result = try store.run("SELECT eventname FROM cloudtrail_logs WHERE eventtime >= '2022-01-22T00:00:00Z'")
        #expect(result.raw.bytesScanned == (try Self.allRawBytes.get()))
        // The columnar layout, in contrast, skips the first day's segments.
        #expect(result.columnar.segmentsRead * 2 <= result.columnar.segmentsTotal + 1)
    }

    @Test func projectedTableTimestampPredicateReadsOnlyThatDaysFiles() throws {
        let store = try TestCorpus.open(.projected)
        let result = try store.run(
            "SELECT eventname FROM cloudtrail_logs WHERE \"timestamp\" = '2022/01/22'", verify: true)
        let dayBytes = try Self.storeSum("SELECT sum(compressed_bytes) FROM files WHERE day = '2022/01/22'")
        #expect(result.raw.bytesScanned == dayBytes)
        let share = Double(dayBytes) / Double(try Self.allRawBytes.get())
        #expect(share > 0.35 && share < 0.65, "one day of two: \(share)")
        #expect(result.verification?.rowsMatch == true)
        #expect(result.verification?.bytesMatch == true)
    }

    @Test func projectedTableRegionPredicateReadsOnlyThatRegionsFiles() throws {
        let store = try TestCorpus.open(.projected)
        let result = try store.run(
            "SELECT count(*) FROM cloudtrail_logs WHERE region IN ('eu-west-1', 'ap-northeast-1')", verify: true)
        let bytes = try Self.storeSum(
            "SELECT sum(compressed_bytes) FROM files WHERE region IN ('eu-west-1', 'ap-northeast-1')")
        #expect(result.raw.bytesScanned == bytes)
        #expect(bytes < (try Self.allRawBytes.get()))
        #expect(result.verification?.rowsMatch == true)
    }

    @Test func threeColumnsCostOnlyTheirChunks() throws {
        let store = try TestCorpus.open()
        let lake = "FROM 880143b0-368b-4ef8-a6e1-887a48146de7"
        let all = try store.run("SELECT * \(lake)")
        let three = try store.run("SELECT eventname, eventsource, awsregion \(lake)")
        let billable = try Self.storeSum(
            "SELECT sum(compressed_bytes) FROM chunks WHERE column_id < (SELECT id FROM columns WHERE name = '_file_id')"
        )
        let threeBytes = try Self.storeSum(
            """
            SELECT sum(compressed_bytes) FROM chunks WHERE column_id IN
              (SELECT id FROM columns WHERE name IN ('eventname', 'eventsource', 'awsregion'))
            """)
        // `*` in Lake includes eventjson, rebuilt from every column: every chunk is read.
        #expect(all.columnar.bytesScanned == billable)
        #expect(three.columnar.bytesScanned == threeBytes)
        #expect(three.columnar.unitsRead == 3 * three.columnar.segmentsRead)
        #expect(three.columnar.columns == ["eventsource", "eventname", "awsregion"])
    }

    @Test func oneDayOfSixCutsColumnarBytesAboutSixFold() throws {
        let store = try MeteredStore(path: TestCorpus.sixDays.storePath, clock: TestCorpus.clock)
        let lake = "FROM 880143b0-368b-4ef8-a6e1-887a48146de7"
        let all = try store.run("SELECT eventname, useridentity.username \(lake)")
        let day = try store.run(
            "SELECT eventname, useridentity.username \(lake) WHERE eventtime >= '2022-01-03 00:00:00' AND eventtime < '2022-01-04 00:00:00'",
            verify: true)
        let ratio = Double(all.columnar.bytesScanned) / Double(day.columnar.bytesScanned)
        #expect(ratio > 6 * 0.6 && ratio < 6 * 1.6, "ratio \(ratio)")
        #expect(day.columnar.segmentsRead == 24)
        // Matched: the events inside the bounds, counted here by SQL; scanned: every event of the
        // segments read, which an hour-aligned day makes the same number.
        let inWindow = try store.run(
            "SELECT count(*) \(lake) WHERE eventtime >= '2022-01-03 00:00:00' AND eventtime < '2022-01-04 00:00:00'")
        let counted = try #require(inWindow.rows.first?.first?.integer)
        #expect(counted > 0)
        #expect(day.columnar.eventsMatched == counted)
        #expect(day.columnar.eventsScanned == counted)
        #expect(day.verification?.rowsMatch == true)
        // The raw layout reads every file: eventTime is no partition.
        #expect(day.raw.unitsRead == store.fileCount)
    }
}
