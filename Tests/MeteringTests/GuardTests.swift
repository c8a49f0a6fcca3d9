import CloudTrail
import Foundation
import Metering
import QueryEngine
import Testing

/// User SQL cannot write; bad SQL fails with its position.
@Suite struct GuardTests {
    static func checksum(_ path: String) throws -> UInt64 {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        // FNV-1a: any change to the file changes it with overwhelming likelihood.
        return data.reduce(14_695_981_039_346_656_037 as UInt64) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    @Test(arguments: [
        "DELETE FROM files",
        "DROP TABLE chunks",
        "INSERT INTO meta(key, value) VALUES ('x', 'y')",
        "UPDATE files SET path = 'x'",
        "CREATE TABLE t(x)",
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "PRAGMA journal_mode = WAL",
        "SELECT load_extension('x')",
    ])
    func writeAttemptIsRefusedAndTheStoreIsUnchanged(_ sql: String) throws {
        let before = try Self.checksum(TestCorpus.built.storePath)
        let store = try TestCorpus.open()
        #expect(throws: MeteringError.self) { try store.run(sql) }
        #expect(try Self.checksum(TestCorpus.built.storePath) == before)
    }

    @Test func syntaxErrorNamesLineAndColumn() throws {
        let store = try TestCorpus.open()
        do {
            _ = try store.run("SELECT eventname\nFROM cloudtrail_logs\nWHERE eventname = = 'x'")
            Issue.record("expected a syntax error")
        } catch MeteringError.query(let error) {
            guard case .syntax = error else {
                Issue.record("expected syntax, got \(error)")
                return
            }
            #expect(error.location?.line == 3)
            #expect(error.location?.column == 19)
        }
    }

    @Test func unknownColumnNamesLineAndColumn() throws {
        let store = try TestCorpus.open()
        do {
            _ = try store.run("SELECT eventname,\n  nosuchcolumn FROM cloudtrail_logs")
            Issue.record("expected an unknown column")
        } catch MeteringError.query(let error) {
            guard case .unknownColumn(let name, let at) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(name == "nosuchcolumn")
            #expect(at.line == 2 && at.column == 3)
        }
    }

    @Test func partitionColumnIsUnknownOnTheConsoleTable() throws {
        let store = try TestCorpus.open(.unpartitioned)
        #expect(throws: MeteringError.self) {
            try store.run("SELECT count(*) FROM t WHERE \"timestamp\" = '2022/01/22'")
        }
    }
}
