import Foundation
import QueryEngine
import SQLite
import TestSupport
import Testing
import TrailStore

@testable import Metering

/// `--verify` judges the layouts' rows by what the query promises: without ORDER BY their order
/// is open, and a LIMIT that ORDER BY does not decide may keep other rows on each layout. Events
/// without an eventTime come first on the columnar layout, but with their file on the raw one,
/// which reads files in the order of their first timed event: a file that holds both sets the
/// layouts' orders apart.
@Suite struct VerifyRowOrderTests {
    static func record(_ id: String, _ time: String?) -> String {
        let time = time.map { #""eventTime":"\#($0)","# } ?? ""
        return
            #"{"eventVersion":"1.08",\#(time)"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"\#(id)"}"#
    }

    static let storePath: String = {
        let directory = Scratch.directory("verify-order")
        let files = [
            ("mixed.json", [record("a", "2022-01-22T12:00:00Z"), record("b", nil)]),
            ("earlier.json", [record("e", "2022-01-21T11:00:00Z")]),
        ]
        let paths = files.map { name, records in
            let file = directory.appendingPathComponent(name)
            try! Data(#"{"Records":[\#(records.joined(separator: ","))]}"#.utf8).write(to: file)
            return file.path
        }
        let path = directory.appendingPathComponent("store.tmstore").path
        _ = try! Ingestor(store: try! StoreFile.openForWriting(path, settings: nil)).ingest(paths)
        return path
    }()

    static func verify(_ sql: String) throws -> (rows: [[SQLiteValue]], verification: Verification) {
        let store = try MeteredStore(path: storePath, clock: QueryClock.fixed("2022-01-23T00:00:00Z")!)
        let result = try store.run(sql, verify: true)
        return (result.rows, try #require(result.verification))
    }

    @Test func withoutOrderByTheSameRowsInAnotherOrderAgree() throws {
        let (rows, verification) = try Self.verify("SELECT eventid FROM t")
        #expect(rows == [["b"], ["e"], ["a"]].map { $0.map(SQLiteValue.text) })
        #expect(verification.rows == .reordered)
        #expect(verification.rowsMatch)
    }

    @Test func orderByMakesThemIdentical() throws {
        let (_, verification) = try Self.verify("SELECT eventid FROM t ORDER BY eventid DESC")
        #expect(verification.rows == .identical)
    }

    @Test func aLimitWithoutOrderByMayKeepOtherRowsOnEachLayout() throws {
        let (rows, verification) = try Self.verify("SELECT eventid FROM t LIMIT 1")
        #expect(rows == [[.text("b")]])
        #expect(verification.rows == .drawnFromSameResult(rows: 1))
        #expect(verification.rowsMatch)
    }

    @Test func aLimitOverAWholeResultOfFewerRowsKeepsThemAll() throws {
        let (_, verification) = try Self.verify("SELECT eventid FROM t LIMIT 10")
        #expect(verification.rows == .reordered)
    }

    @Test func randomRowsAreNotHeldAgainstEachOther() throws {
        // Each layout draws its own random row; the bytes are still compared.
        let (rows, verification) = try Self.verify("SELECT eventid, uuid() FROM t ORDER BY rand() LIMIT 1")
        #expect(rows.count == 1)
        #expect(verification.rows == .notCompared(randomFunctions: ["uuid()", "rand()"]))
        #expect(verification.rowsMatch)
        #expect(verification.bytesMatch)
    }

    @Test func digestsTellRowsApart() {
        var first = RowDigest()
        var second = RowDigest()
        var reversed = RowDigest()
        for value in ["x", "y"] { first.add([.text(value)]) }
        for value in ["x", "z"] { second.add([.text(value)]) }
        for value in ["y", "x"] { reversed.add([.text(value)]) }
        #expect(RowAgreement.judge(first, first) == .identical)
        #expect(RowAgreement.judge(first, reversed) == .reordered)
        #expect(RowAgreement.judge(first, second) == .differ)
        // Same sum of hashes is not enough when the counts differ.
        var longer = RowDigest()
        for value in ["x", "y", "y"] { longer.add([.text(value)]) }
        #expect(RowAgreement.judge(first, longer) == .differ)
    }

    @Test func limitedRowsMustBeFoundInAWholeResultBothLayoutsShare() {
        func digest(_ values: [String], keeps: Bool = false) -> RowDigest {
            var digest = RowDigest(keepsRows: keeps)
            for value in values { digest.add([.text(value)]) }
            return digest
        }
        func check(_ drawn: RowDigest, _ whole: [String]) -> WholeResultCheck {
            var check = WholeResultCheck(drawn: drawn)
            for value in whole { check.add([.text(value)]) }
            return check
        }
        let columnar = digest(["a", "b"], keeps: true)
        let raw = digest(["c", "a"], keeps: true)
        let whole = ["a", "b", "c", "d"]
        #expect(
            RowAgreement.wholeResults(columnar: check(columnar, whole), raw: check(raw, whole), drawn: 2)
                == .drawnFromSameResult(rows: 2))
        // A kept row missing from the whole result, or kept twice but there once.
        let stray = digest(["a", "e"], keeps: true)
        #expect(
            RowAgreement.wholeResults(columnar: check(columnar, whole), raw: check(stray, whole), drawn: 2) == .differ)
        let twice = digest(["a", "a"], keeps: true)
        #expect(RowAgreement.wholeResults(columnar: check(twice, whole), raw: check(raw, whole), drawn: 2) == .differ)
        // Whole results that differ.
        #expect(
            RowAgreement.wholeResults(columnar: check(columnar, whole), raw: check(raw, whole + ["e"]), drawn: 2)
                == .differ)
    }
}
