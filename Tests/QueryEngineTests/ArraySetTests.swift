import QueryEngine
import SQLite
import Testing

/// Trino's array functions that compare, cut and join elements, as incident-response queries
/// use them on `array_agg` (`array_distinct(array_agg(sourceipaddress))`).
@Suite struct ArraySetTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func setsKeepTheFirstOccurrenceInOrder() throws {
        #expect(
            try one(
                """
                SELECT array_distinct(ARRAY[1, 2, 1, 3]), array_union(ARRAY['a', 'b'], ARRAY['b', 'c']),
                       array_intersect(ARRAY[1, 2, 3, 2], ARRAY[3, 2, 5]), array_except(ARRAY[1, 2, 3, 1], ARRAY[2]),
                       array_remove(ARRAY[1, 2, 1], 1), array_distinct(ARRAY[1, 1.0])
                """) == ["[1, 2, 3]", "[a, b, c]", "[2, 3]", "[1, 3]", "[2]", "[1.0]"])
    }

    @Test func repeatAndContainsSequence() throws {
        #expect(
            try one(
                """
                SELECT repeat('a', 3), repeat(1.5, 2), repeat(NULL, 2), repeat(ARRAY[1], 2), repeat('x', 0),
                       contains_sequence(ARRAY[1, 2, 3], ARRAY[2, 3]), contains_sequence(ARRAY[1, 2, 3], ARRAY[3, 2]),
                       contains_sequence(ARRAY[1], ARRAY[])
                """) == ["[a, a, a]", "[1.5, 1.5]", "[null, null]", "[[1], [1]]", "[]", "true", "false", "true"])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT repeat('a', 10001)", on: db) }
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT repeat('a', -1)", on: db) }
    }

    @Test func arraySortIsAscendingWithNullsLast() throws {
        #expect(
            try one(
                """
                SELECT array_sort(ARRAY[3, NULL, 1, 2]), array_sort(ARRAY['b', 'B', 'a', 'é']), array_sort(ARRAY[]),
                       array_sort(CAST(NULL AS ARRAY(VARCHAR))),
                       array_sort(ARRAY[DATE '2022-01-03', DATE '2021-12-31'])
                """) == ["[1, 2, 3, null]", "[B, a, b, é]", "[]", "NULL", "[2021-12-31, 2022-01-03]"])
        // The published form: the distinct values of a group, sorted.
        let sorted = try one(
            "SELECT array_sort(array_agg(DISTINCT eventname)) FROM cloudtrail WHERE eventsource = 'ec2.amazonaws.com'")
        #expect(sorted == ["[DescribeInstances, RunInstances]"])
        #expect(Fixture.error("SELECT array_sort('abc')", on: db) != nil)
    }

    /// An array's numbers print as their element type does: DOUBLE in Java's form, DECIMAL at
    /// its scale (Trino's `ARRAY[1.5, 2]` is `array(decimal(2,1))`), BIGINT as is.
    @Test func arrayNumbersPrintByTheElementType() throws {
        #expect(
            try one(
                """
                SELECT ARRAY[1.5, 2], ARRAY[1e10, 2.5e0], ARRAY[ARRAY[1.5, 3]], ARRAY[CAST(1 AS DOUBLE), NULL],
                       ARRAY[1, 2], transform(ARRAY[1, 2], x -> x * 0.5), ARRAY[1e-4]
                """) == [
                    "[1.5, 2.0]", "[1.0E10, 2.5]", "[[1.5, 3.0]]", "[1.0, null]", "[1, 2]", "[0.5, 1.0]", "[1.0E-4]",
                ])
    }

    @Test func overlapIsUnknownWhenANullCouldMatch() throws {
        #expect(
            try one(
                "SELECT arrays_overlap(ARRAY[1, 2], ARRAY[2, 3]), arrays_overlap(ARRAY[1, NULL], ARRAY[3]), arrays_overlap(ARRAY[1], ARRAY[3])"
            ) == ["true", "NULL", "false"])
    }

    @Test func positionsExtremesAndSlices() throws {
        #expect(
            try one(
                """
                SELECT array_position(ARRAY['x', 'y'], 'y'), array_position(ARRAY[1, 2], 5), array_max(ARRAY[3, 10, 2]),
                       array_min(ARRAY['b', 'a']), array_max(ARRAY[1, NULL]), array_max(ARRAY[1.5, 2.25]),
                       slice(ARRAY[1, 2, 3, 4, 5], 2, 2), slice(ARRAY[1, 2, 3, 4, 5], -2, 5), slice(ARRAY[1, 2], 5, 1),
                       flatten(ARRAY[ARRAY[1, 2], ARRAY[3]]), reverse(ARRAY[1, 2, 3]), reverse('abc')
                """) == [
                    "2", "0", "10", "a", "NULL", "2.25", "[2, 3]", "[4, 5]", "[]", "[1, 2, 3]", "[3, 2, 1]", "cba",
                ])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT slice(ARRAY[1], 0, 1)", on: db) }
    }

    @Test func onAnAggregate() throws {
        #expect(
            try one(
                "SELECT array_distinct(array_agg(eventsource ORDER BY eventsource)) FROM cloudtrail WHERE eventsource LIKE 'ec2%'"
            ) == ["[ec2.amazonaws.com]"])
    }

    @Test func sequencesOfIntegersDatesAndTimestamps() throws {
        #expect(
            try one(
                """
                SELECT sequence(1, 5), sequence(5, 1), sequence(1, 10, 3), sequence(date '2022-01-30', date '2022-02-02'),
                       sequence(date '2022-01-31', date '2022-04-30', interval '1' month),
                       sequence(timestamp '2022-01-01 00:00:00', timestamp '2022-01-01 02:00:00', interval '1' hour),
                       cardinality(sequence(1, 10000))
                """) == [
                    "[1, 2, 3, 4, 5]", "[5, 4, 3, 2, 1]", "[1, 4, 7, 10]",
                    "[2022-01-30, 2022-01-31, 2022-02-01, 2022-02-02]",
                    "[2022-01-31, 2022-02-28, 2022-03-31, 2022-04-30]",
                    "[2022-01-01 00:00:00.000, 2022-01-01 01:00:00.000, 2022-01-01 02:00:00.000]", "10000",
                ])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT sequence(1, 10001)", on: db) }
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT sequence(1, 5, -1)", on: db) }
        #expect(
            Fixture.error("SELECT sequence(timestamp '2022-01-01 00:00:00', timestamp '2022-01-02 00:00:00')", on: db)
                != nil)
    }
}
