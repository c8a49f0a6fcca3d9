import QueryEngine
import SQLite
import Testing

/// JSON values as Trino holds them: `json_parse` and JSON literals read the text as Jackson does
/// and write it back with sorted keys; `json_extract` copies a value's tokens; a cast of
/// `json_parse(x)` to a map reads the text in the order written.
@Suite struct JacksonJSONTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func parsedValuesSortTheirKeysAndNormaliseNumbers() throws {
        #expect(
            try Fixture.rows(
                #"SELECT json_parse('{"b": 1, "a": [1.50, 1e2, -0, {"d": true, "c": null}], "b": 3}')"#, on: db) == [
                    [#"{"a":[1.5,100.0,0,{"c":null,"d":true}],"b":3}"#]
                ])
        // EC2's responses carry times and ids as doubles: Java prints them in E notation from 10^7,
        // while json_extract_scalar keeps the text as written.
        #expect(
            try Fixture.rows(
                #"""
                SELECT json_parse('{"launchTime":1666275403000.0,"ownerId":123123123123.0,"v":12348395.0}'),
                       json_extract_scalar('{"launchTime":1666275403000.0}', '$.launchTime')
                """#, on: db) == [
                    [#"{"launchTime":1.666275403E12,"ownerId":1.23123123123E11,"v":1.2348395E7}"#, "1666275403000.0"]
                ])
        #expect(
            try Fixture.rows(#"SELECT JSON '{"userName":"x","accessKeyId":"y"}'"#, on: db) == [
                [#"{"accessKeyId":"y","userName":"x"}"#]
            ])
        // Escapes are decoded and written Jackson's way: `\/` is `/`, control characters upper-case.
        #expect(
            try Fixture.rows(#"SELECT json_format(json_parse('["x\/y\u00e9\u001f", "\ud83d\ude00"]'))"#, on: db) == [
                ["[\"x/y\u{e9}\\u001F\",\"\u{1F600}\"]"]
            ])
    }

    @Test func whatJacksonRejectsIsNotJSON() {
        for text in [#"{"a":01}"#, "[1,2] x", "[1.]", #""\x""#, #""\ud800""#, "{a:1}", "[1,]", "+1"] {
            guard case .engine(let message, _)? = Fixture.error("SELECT json_parse('\(text)')", on: db) else {
                Issue.record("expected a failure: \(text)")
                continue
            }
            #expect(message.contains("Cannot convert value to JSON"), "\(text): \(message)")
        }
    }

    @Test func castsAndExtractionKeepTheOrderWritten() throws {
        // Trino plans CAST(json_parse(x) AS MAP) as one read of x: the keys as written...
        #expect(
            try Fixture.rows(#"SELECT map_keys(CAST(json_parse('{"b":1,"a":2}') AS map(varchar, integer)))"#, on: db)
                == [["[b, a]"]])
        // ...but a parsed value in between has sorted them.
        #expect(
            try Fixture.rows(
                #"SELECT map_keys(CAST(json_extract(json_parse('{"x":{"b":1,"a":2}}'), '$.x') AS map(varchar, integer)))"#,
                on: db) == [["[a, b]"]])
        // json_extract copies tokens: space goes, the order stays, doubles are doubles.
        #expect(
            try Fixture.rows(
                #"SELECT json_extract('{"x": {"b": 1.50, "a": [1, 2]}}', '$.x'), json_extract('{"x": "a\/b"}', '$.x')"#,
                on: db) == [[#"{"b":1.5,"a":[1,2]}"#, #""a/b""#]])
    }

    @Test func jsonElementsKeepTheirJSONText() throws {
        // An element of type JSON is JSON text: a string keeps its quotes, so json_extract_scalar
        // and CAST read it, and arrays and maps of JSON print each value's text.
        #expect(
            try Fixture.rows(
                """
                SELECT json_extract_scalar(x, '$'), CAST(x AS varchar), x
                FROM UNNEST(CAST(json_parse('["x", 1, true, null]') AS array(json))) AS t(x)
                """, on: db) == [
                    ["x", "x", #""x""#], ["1", "1", "1"], ["true", "true", "true"], ["NULL", "NULL", "null"],
                ])
        #expect(
            try Fixture.rows(
                """
                SELECT m['a'], element_at(m, 'b'), m, map_values(m), map_keys(m)
                FROM (SELECT CAST(json_parse('{"a":"x","b":{"c":1}}') AS map(varchar, json)) AS m)
                """, on: db) == [[#""x""#, #"{"c":1}"#, #"{a="x", b={"c":1}}"#, #"["x", {"c":1}]"#, "[a, b]"]])
        #expect(
            try Fixture.rows(
                #"SELECT k, v FROM UNNEST(CAST(json_parse('{"a":"x","b":null}') AS map(varchar, json))) AS t(k, v)"#,
                on: db) == [["a", #""x""#], ["b", "null"]])
        #expect(
            try Fixture.rows(
                "SELECT k + 1, map_keys(MAP(ARRAY[2, 1], ARRAY['x', 'y'])) FROM UNNEST(MAP(ARRAY[1], ARRAY['v'])) AS t(k, v)",
                on: db)
                == [["2", "[2, 1]"]])
    }
}
