import CloudTrail
import QueryEngine
import SQLite
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct PresentationTests {
    func presenter(_ name: String, _ dialect: Dialect) -> CellPresenter {
        CellPresenter(column: EventSchema.columns[EventSchema.indexByName[name]!], dialect: dialect)
    }

    @Test func formsPerDialect() {
        #expect(presenter("eventtime", .athena).form == .text)
        #expect(presenter("eventtime", .lake).form == .timestamp)
        #expect(presenter("readonly", .athena).form == .text)
        #expect(presenter("readonly", .lake).form == .boolean)
        #expect(presenter("managementevent", .lake).form == .boolean)
        #expect(presenter("requestparameters", .lake).form == .text)
        #expect(presenter("useridentity.sessioncontext.attributes.creationdate", .lake).form == .timestamp)
        #expect(presenter("useridentity.sessioncontext.attributes.creationdate", .athena).form == .text)
    }

    /// Registers `present_<form>(x)` calling the presenter on the argument's bytes, as xColumn would.
    func database() throws -> Connection {
        let db = try Connection(path: ":memory:")
        for (name, form) in [("text", CellPresenter.Form.text), ("timestamp", .timestamp), ("boolean", .boolean)] {
            let presenter = CellPresenter(form: form)
            try db.defineFunction("present_\(name)", argumentCount: 1) { args, result in
                presenter.result(result.context, args.bytes(0))
            }
        }
        try db.defineFunction("present_none", argumentCount: 1) { _, result in result.null() }
        return db
    }

    @Test func cellsThroughSQLite() throws {
        let db = try database()
        func value(_ sql: String) throws -> SQLiteValue? { try db.scalar(sql) }
        #expect(try value("SELECT present_timestamp('2022-01-22T05:00:00Z')") == .text("2022-01-22 05:00:00.000"))
        #expect(try value("SELECT present_timestamp('2022-01-22T05:00:00.5Z')") == .text("2022-01-22 05:00:00.500"))
        #expect(try value("SELECT present_timestamp('2022-01-22T05:00:00.123456Z')") == .text("2022-01-22 05:00:00.123"))
        #expect(try value("SELECT present_timestamp('2022-01-22T05:00:00+09:00')") == .text("2022-01-21 20:00:00.000"))
        #expect(try value("SELECT present_timestamp('yesterday')") == .null)
        #expect(try value("SELECT present_timestamp(NULL)") == .null)
        #expect(try value("SELECT present_boolean('true')") == .integer(1))
        #expect(try value("SELECT present_boolean('false')") == .integer(0))
        #expect(try value("SELECT present_boolean('maybe')") == .null)
        #expect(try value("SELECT present_text('東京')") == .text("東京"))
        #expect(try value("SELECT present_text('')") == .text(""))
        #expect(CellPresenter(form: .timestamp).present("2022-01-22T05:00:00Z") == .text("2022-01-22 05:00:00.000"))
    }

    /// Cost per cell: one SQL call runs the presenter a million times on its own result slot,
    /// so the figure is the presenter's (and sqlite3_result_*'s copy), not SQL's call overhead.
    /// Debug build; release is several times faster.
    @Test func perCellCost() throws {
        let db = try Connection(path: ":memory:")
        let repetitions = 1_000_000
        for (name, form) in [("text", CellPresenter.Form.text), ("timestamp", .timestamp), ("boolean", .boolean)] {
            let presenter = CellPresenter(form: form)
            try db.defineFunction("loop_\(name)", argumentCount: 1) { args, result in
                let bytes = args.bytes(0)
                for _ in 0..<repetitions { presenter.result(result.context, bytes) }
            }
        }
        func nanoseconds(_ function: String, _ value: String) throws -> Double {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_MONOTONIC, &start)
            _ = try db.scalar("SELECT \(function)(\(value))")
            clock_gettime(CLOCK_MONOTONIC, &end)
            return (Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)) / Double(repetitions)
        }
        let text = try nanoseconds("loop_text", "'arn:aws:iam::152231080651:user/Yuta0128'")
        let timestamp = try nanoseconds("loop_timestamp", "'2022-01-22T05:00:00Z'")
        let boolean = try nanoseconds("loop_boolean", "'false'")
        print("per-cell presentation cost (ns): text (40 bytes) \(Int(text)), Lake timestamp \(Int(timestamp)), Lake boolean \(Int(boolean))")
        #expect(timestamp < 2_000)
    }
}
