import Foundation
import Metering
import QueryEngine
import SQLite
import Testing

/// Athena's hidden file columns: `"$path"` is each row's S3 object and `"$file_size"` its size,
/// both from the catalog; a bound on `"$path"` skips files on the raw layout, as Trino's Hive
/// connector skips the splits its path domain excludes.
@Suite struct FileColumnsTests {
    @Test func eachRowNamesItsFileAndItsSize() throws {
        let ddl = AthenaDDLFixtures.console.replacingOccurrences(
            of: "AWSLogs/111122223333/", with: "AWSLogs/\(LocationCorpus.built.plain)/")
        let store = try LocationCorpus.open(ddl)
        let result = try store.run(
            #"SELECT "$path", "$file_size", count(*) FROM t GROUP BY 1, 2 ORDER BY 1"#, verify: true)
        let verification = try #require(result.verification)
        #expect(verification.rowsMatch && verification.bytesMatch)
        #expect(!result.rows.isEmpty)
        let prefix = "s3://amzn-s3-demo-bucket/"
        for row in result.rows {
            guard case .text(let path) = row[0], case .integer(let size) = row[1], case .integer(let events) = row[2]
            else {
                Issue.record("unexpected row \(row)")
                continue
            }
            #expect(path.hasPrefix(prefix + "AWSLogs/\(LocationCorpus.built.plain)/CloudTrail/"))
            let key = String(path.dropFirst(prefix.count)).replacingOccurrences(of: "'", with: "''")
            #expect(try LocationCorpus.files("compressed_bytes", where: "s3_key = '\(key)'") == size)
            #expect(try LocationCorpus.files("events", where: "s3_key = '\(key)'") == events)
        }
        // Hidden, as in Athena: `SELECT *` does not list them.
        let star = try store.run("SELECT * FROM t LIMIT 1")
        #expect(!star.columns.contains("$path") && !star.columns.contains("$file_size"))
    }

    @Test func aPathBoundSkipsFilesOnTheRawLayout() throws {
        let store = try LocationCorpus.open()
        let first = try store.run(#"SELECT min("$path") FROM t"#)
        guard case .text(let path) = first.rows[0][0] else {
            Issue.record("no path: \(first.rows)")
            return
        }
        // Without a table location the bucket is unknown, and says so.
        #expect(path.hasPrefix(MeteredStore.unknownObjectPrefix + "AWSLogs/"))
        let key = String(path.dropFirst(MeteredStore.unknownObjectPrefix.count))
        let one = try store.run(#"SELECT eventid FROM t WHERE "$path" = '\#(path)'"#, verify: true)
        #expect(one.verification?.rowsMatch == true && one.verification?.bytesMatch == true)
        #expect(one.raw.unitsRead == 1)
        #expect(one.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: "s3_key = '\(key)'")))
        #expect(Int64(one.rows.count) == (try LocationCorpus.files("events", where: "s3_key = '\(key)'")))
        let dry = try store.dryRun(#"SELECT eventid FROM t WHERE "$path" = '\#(path)'"#)
        #expect(dry.raw.bytesScanned == one.raw.bytesScanned)
        let listed = try store.run(#"SELECT eventid FROM t WHERE "$path" IN ('\#(path)', 'elsewhere')"#)
        #expect(listed.raw.bytesScanned == one.raw.bytesScanned && listed.rows.count == one.rows.count)
        // A subquery's answer is known only when the query runs: Trino skips no file by it.
        let all = try store.run("SELECT count(*) FROM t").raw.bytesScanned
        for sql in [
            #"SELECT eventid FROM t WHERE "$path" IN (SELECT min("$path") FROM t)"#,
            #"SELECT eventid FROM t WHERE "$path" = (SELECT min("$path") FROM t)"#,
        ] {
            let result = try store.run(sql, verify: true)
            #expect(result.rows.count == one.rows.count, "\(sql)")
            #expect(result.raw.bytesScanned == 2 * all, "\(sql)")
            #expect(result.verification?.bytesMatch == true, "\(sql)")
        }
    }

    @Test func aLikePatternNamesTheBucketAndPrunesByItsPrefix() throws {
        let store = try LocationCorpus.open()
        let plain = LocationCorpus.built.plain
        let day = "AWSLogs/\(plain)/CloudTrail/us-east-1/2022/01/21/"
        // An earlier s3:// string that reaches no AWSLogs/ folder does not name the bucket.
        let sql = #"""
            SELECT count(*), min("$path") FROM t
            WHERE eventname <> 's3://unrelated/x' AND "$path" LIKE 's3://my-trail-logs/\#(day)%'
            """#
        let result = try store.run(sql, verify: true)
        #expect(result.verification?.rowsMatch == true && result.verification?.bytesMatch == true)
        let underDay = "s3_key LIKE '\(day)%'"
        #expect(result.rows[0][0] == .integer(try LocationCorpus.files("events", where: underDay)))
        guard case .text(let first) = result.rows[0][1] else {
            Issue.record("no path: \(result.rows)")
            return
        }
        // The bucket comes from the query's own s3:// string when no location gives it.
        #expect(first.hasPrefix("s3://my-trail-logs/" + day))
        #expect(result.raw.bytesScanned == (try LocationCorpus.files("compressed_bytes", where: underDay)))
        #expect(result.raw.bytesScanned < (try LocationCorpus.files("compressed_bytes", where: "1")))
    }

    @Test func lakeHasNoFileColumns() throws {
        let store = try LocationCorpus.open()
        #expect(throws: MeteringError.self) {
            try store.run(#"SELECT "$path" FROM eds LIMIT 1"#, dialect: .lake)
        }
    }
}
