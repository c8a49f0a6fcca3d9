import SQLite
import Testing

@testable import QueryEngine

/// Maps built from rows (`histogram`, `map_agg`, `multimap_agg`) and from other values
/// (`map_concat`, `split_to_map`), with the entry order Trino's code gives where it is fixed, and
/// map equality by keys. Rows show maps as Trino prints them.
@Suite struct MapFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func aggregatesSkipNullKeysAndSortTheirKeys() throws {
        #expect(
            try Fixture.rows("SELECT histogram(x) FROM (VALUES 10, 2, 2, NULL, 1) AS t(x)", on: db) == [
                ["{1=1, 2=2, 10=1}"]
            ])
        #expect(
            try Fixture.rows(
                "SELECT map_agg(k, v), multimap_agg(k, v) FROM (VALUES ('b', 1), ('a', 2), ('b', 3), (NULL, 4), ('c', NULL)) AS t(k, v)",
                on: db) == [["{a=2, b=1, c=null}", "{a=[2], b=[1, 3], c=[null]}"]])
        // Over no rows, or only NULL keys, there is no map.
        #expect(
            try Fixture.rows("SELECT histogram(x), map_agg(x, 1) FROM (VALUES CAST(NULL AS varchar)) AS t(x)", on: db)
                == [["NULL", "NULL"]])
        #expect(
            try Fixture.rows(
                """
                SELECT g, histogram(x) FILTER (WHERE x <> 'skip'), histogram(DISTINCT x)
                FROM (VALUES (1, 'p'), (1, 'q'), (1, 'p'), (2, 'skip')) AS t(g, x) GROUP BY g ORDER BY g
                """, on: db) == [["1", "{p=2, q=1}", "{p=1, q=1}"], ["2", "NULL", "{skip=1}"]])
        #expect(
            try Fixture.rows("SELECT element_at(histogram(x), 'q') FROM (VALUES 'q', 'r', 'q') AS t(x)", on: db)
                == [["2"]])
    }

    @Test func mostFrequentValuesComeFirst() throws {
        // Counts are exact; ties go to the smaller value, and only `buckets` entries are kept.
        #expect(
            try Fixture.rows(
                "SELECT approx_most_frequent(2, x, 100), approx_most_frequent(9, x, 100) FROM (VALUES 'c', 'b', 'b', 'c', 'a', NULL, 'a', 'a', 'd') AS t(x)",
                on: db) == [["{a=3, b=2}", "{a=3, b=2, c=2, d=1}"]])
        #expect(Fixture.error("SELECT approx_most_frequent(0, x, 100) FROM (VALUES 'a') AS t(x)", on: db) != nil)
    }

    @Test func mapUnionKeepsEachKeysFirstValue() throws {
        #expect(
            try Fixture.rows(
                "SELECT map_union(m) FROM (VALUES MAP(ARRAY['b'], ARRAY[1]), MAP(ARRAY['a', 'b'], ARRAY[2, 3]), NULL) AS t(m)",
                on: db) == [["{a=2, b=1}"]])
        // Integer keys sort as numbers, through VALUES.
        #expect(
            try Fixture.rows(
                "SELECT map_union(m) FROM (VALUES MAP(ARRAY[10], ARRAY['x']), MAP(ARRAY[2], ARRAY['y'])) AS t(m)",
                on: db)
                == [["{2=y, 10=x}"]])
        #expect(try Fixture.rows("SELECT current_timezone()", on: db) == [["UTC"]])
    }

    @Test func mapConcatListsTheLastMapFirst() throws {
        // Trino's MapConcatFunction: the last map's entries, then earlier maps' new keys, last to first.
        #expect(
            try Fixture.rows(
                """
                SELECT map_concat(MAP(ARRAY['a', 'b'], ARRAY[1, 2]), MAP(ARRAY['c', 'a'], ARRAY[3, 4])),
                       map_concat(MAP(ARRAY['x'], ARRAY[1]), MAP(ARRAY['y'], ARRAY[2]), MAP(ARRAY['z'], ARRAY[3])),
                       map_concat(MAP(ARRAY['a'], ARRAY[1]), MAP()),
                       map_concat(MAP(ARRAY['a'], ARRAY[1]), NULL)
                """, on: db) == [["{c=3, a=4, b=2}", "{z=3, y=2, x=1}", "{a=1}", "NULL"]])
        #expect(Fixture.error("SELECT map_concat(MAP(ARRAY['a'], ARRAY[1]))", on: db) != nil)
    }

    @Test func splitToMapIteratesAsJavasHashMap() throws {
        // Expected orders worked out apart from the code under test (a Python XXH64 and the
        // HashMap's bucket rule): key1..key4 fall in buckets 4, 7, 9, 11 of 16, with key2 first.
        #expect(
            try Fixture.rows("SELECT split_to_map('key1=value1,key2=value2,key3=value3,key4=value4', ',', '=')", on: db)
                == [["{key2=value2, key1=value1, key3=value3, key4=value4}"]])
        // Fourteen entries outgrow 16 buckets (12 at most): the table doubles to 32.
        let fourteen = (0..<14).map { "k\($0)=\($0)" }.joined(separator: ",")
        #expect(
            try Fixture.rows("SELECT map_keys(split_to_map('\(fourteen)', ',', '='))", on: db) == [
                ["[k9, k3, k8, k10, k13, k0, k1, k2, k12, k5, k11, k6, k4, k7]"]
            ])
        #expect(
            try Fixture.rows("SELECT split_to_map('', ',', '='), split_to_map('a=1,', ',', '=')", on: db) == [
                ["{}", "{a=1}"]
            ])
        for (sql, message) in [
            ("SELECT split_to_map('a=1,a=2', ',', '=')", "Duplicate keys (a) are not allowed"),
            ("SELECT split_to_map('a=1,b', ',', '=')", "Bad input: 'b'"),
            ("SELECT split_to_map('a=1=2', ',', '=')", "Bad input: 'a=1=2'"),
            ("SELECT split_to_map('a=1', ',', ',')", "must not be the same"),
        ] {
            guard case .engine(let text, _)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a failure: \(sql)")
                continue
            }
            #expect(text.contains(message), "\(sql): \(text)")
        }
    }

    @Test func javasHashMapOrderAndSliceHash() {
        // XXH64("") is EF46DB3751D8E999 (the published vector); Slice.hashCode keeps its low half.
        #expect(JavaHashMap.sliceHash([]) == Int32(bitPattern: 0x51D8_E999))
        // One bucket keeps insertion order; the high half folds in (0x10000 lands in bucket 1).
        #expect(JavaHashMap.iterationOrder(of: [17, 1, 0x10000, 0]) == [3, 0, 1, 2])
    }

    @Test func mapsCompareByKeysNotByOrder() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT MAP(ARRAY['a', 'b'], ARRAY[1, 2]) = MAP(ARRAY['b', 'a'], ARRAY[2, 1]),
                       MAP(ARRAY['a'], ARRAY[1]) <> MAP(ARRAY['a'], ARRAY[2]),
                       MAP(ARRAY['a'], ARRAY[1]) = MAP(ARRAY['a', 'b'], ARRAY[1, 2]),
                       MAP(ARRAY['a'], ARRAY[NULL]) = MAP(ARRAY['a'], ARRAY[1])
                """, on: db) == [["true", "true", "false", "NULL"]])
        #expect(Fixture.error("SELECT MAP(ARRAY['a'], ARRAY[1]) < MAP(ARRAY['a'], ARRAY[2])", on: db) != nil)
    }
}
