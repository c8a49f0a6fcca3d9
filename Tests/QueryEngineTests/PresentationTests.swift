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
                presenter.result(result, args.bytes(0))
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
        #expect(
            try value("SELECT present_timestamp('2022-01-22T05:00:00.123456Z')") == .text("2022-01-22 05:00:00.123"))
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
}
