import CloudTrail
import Foundation
import Metering
import Pricing
import QueryEngine
import TestSupport
import Testing
import TrailStore

@testable import Planning

/// A scenario's own Athena table (`athena.ddl`) reads only what lies under its LOCATION: the
/// comparison says so once among its basis lines, with the files the table reads and those it
/// leaves out, and that the bucket it names is ignored.
@Suite struct AthenaLocationBasisTests {
    @Test func theLocationNoteIsABasisLineOncePerScenario() throws {
        let root = Scratch.directory("location-basis")
        defer { try? FileManager.default.removeItem(at: root) }
        let trail = root.appendingPathComponent("trail")
        _ = try SampleTrailGenerator.write(
            SampleTrailSpec(days: 1, eventsPerDay: 600, accounts: 2, start: TrailDate(year: 2022, month: 1, day: 21)),
            to: trail)
        let accounts = try FileManager.default.contentsOfDirectory(
            atPath: trail.appendingPathComponent("AWSLogs").path
        ).sorted()
        let storePath = root.appendingPathComponent("store.tmstore").path
        _ = try Ingestor(store: try StoreFile.openForWriting(storePath, settings: nil)).ingest([trail.path])

        var scenario = Scenario(name: "own table")
        scenario.startMonth = CalendarDay(year: 2027, month: 1, day: 1)
        scenario.months = 1
        scenario.athenaDefinition = try AthenaTableDefinition.parse(
            """
            CREATE EXTERNAL TABLE trail (eventtime STRING, eventname STRING)
            LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/\(accounts[0])/CloudTrail/'
            """)
        scenario.workload = ["SELECT count(*) FROM trail", "SELECT eventname FROM trail LIMIT 5"].enumerated().map {
            WorkloadQuery(
                name: "q\($0.offset)", sql: $0.element, dialect: .athena, frequency: Frequency(count: 1, per: .day),
                origin: "test")
        }
        let projection = try Comparison.run(
            scenario, storeAt: storePath, sampleSource: "test", tables: PlanningFixture.tables,
            clock: QueryClock.fixed("2022-01-22T00:00:00Z")!, limits: .unlimited, log: { _ in })
        let notes = projection.basis.filter { $0.hasPrefix("Athena table location") }
        #expect(notes.count == 1)
        let note = try #require(notes.first)
        #expect(note.contains("AWSLogs/\(accounts[0])/CloudTrail/"))
        #expect(note.contains("bucket amzn-s3-demo-bucket is not known to the store: ignored"))
        // The files under the location are the first account's; the other account's are left out.
        let folder = trail.appendingPathComponent("AWSLogs/\(accounts[0])/CloudTrail").path
        let under = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json.gz") }
        let files = try #require(note.firstMatch(of: /; (\d+) of (\d+) files/))
        #expect(Int(files.1)! == under.count && under.count > 0 && Int(files.2)! > under.count)

        // Without a table of its own, no such line.
        scenario.athenaDefinition = nil
        scenario.workload = scenario.workload.map {
            var query = $0
            query.sql = query.sql.replacingOccurrences(of: "FROM trail", with: "FROM cloudtrail_logs")
            return query
        }
        let plain = try Comparison.run(
            scenario, storeAt: storePath, sampleSource: "test", tables: PlanningFixture.tables,
            clock: QueryClock.fixed("2022-01-22T00:00:00Z")!, limits: .unlimited, log: { _ in })
        #expect(!plain.basis.contains { $0.hasPrefix("Athena table") })
    }
}
