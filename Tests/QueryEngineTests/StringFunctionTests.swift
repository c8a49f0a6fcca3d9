import SQLite
import Testing

/// Padding, code points, edit distances, URLs, `concat_ws` and `last_day_of_month`, with Trino's answers.
@Suite struct StringFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func paddingAndCodePoints() throws {
        #expect(
            try one(
                "SELECT lpad('ab', 5, 'xy'), rpad('abcdef', 3, 'x'), rpad('日', 3, '本'), chr(26085), codepoint('日'), reverse('日本')"
            ) == ["xyxab", "abc", "日本本", "日", "26085", "本日"])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT lpad('a', 3, '')", on: db) }
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT codepoint('ab')", on: db) }
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT chr(-1)", on: db) }
    }

    @Test func soundexCodesTheStandardExamples() throws {
        // The American Soundex examples: H and W do not separate equal codes (Ashcraft, Pfister).
        #expect(
            try one(
                "SELECT soundex('Robert'), soundex('Rupert'), soundex('Ashcraft'), soundex('Tymczak'), soundex('Pfister'), soundex('a'), soundex('12')"
            ) == ["R163", "R163", "A261", "T522", "P236", "A000", ""])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT soundex('Ünal')", on: db) }
    }

    @Test func joiningAndMatchingEnds() throws {
        #expect(
            try one(
                """
                SELECT concat_ws('/', 'a', NULL, 'b'), concat_ws(',', ARRAY['x', NULL, 'y']), concat_ws('-', 'only'),
                       concat_ws(NULL, 'a') IS NULL, ends_with('abc', 'bc'), ends_with('abc', ''), ends_with('c', 'abc'),
                       index('日本語', '語')
                """) == ["a/b", "x,y", "only", "true", "true", "true", "false", "3"])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT concat_ws(',')", on: db) }
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT concat_ws(',', 1)", on: db) }
    }

    @Test func editDistances() throws {
        #expect(
            try one(
                "SELECT levenshtein_distance('kitten', 'sitting'), levenshtein_distance('', 'abc'), hamming_distance('abc', 'abd')"
            )
                == ["3", "3", "1"])
        #expect(throws: (any Error).self) { try Fixture.rows("SELECT hamming_distance('a', 'ab')", on: db) }
    }

    @Test func urls() throws {
        let url = "'https://example.com:8443/p/q?x=1&y=a%20b#frag'"
        #expect(
            try one(
                """
                SELECT url_encode('a b/ü'), url_decode('a+b%2F%C3%BC'), url_extract_host(\(url)), url_extract_path(\(url)),
                       url_extract_port(\(url)), url_extract_query(\(url)), url_extract_parameter(\(url), 'y'),
                       url_extract_fragment(\(url)), url_extract_parameter(\(url), 'z'), url_extract_port('https://e.com/')
                """) == [
                    "a+b%2F%C3%BC", "a b/ü", "example.com", "/p/q", "8443", "x=1&y=a%20b", "a%20b", "frag", "NULL",
                    "NULL",
                ])
    }

    @Test func lastDayOfMonth() throws {
        #expect(
            try one(
                "SELECT last_day_of_month(date '2024-02-10'), last_day_of_month(from_iso8601_timestamp('2023-12-05T10:00:00Z'))"
            ) == ["2024-02-29", "2023-12-31"])
    }

    @Test func positionInStandardForm() throws {
        // `position(needle IN haystack)`: the SQL standard's spelling of strpos, needle first.
        #expect(
            try Fixture.rows(
                "SELECT position('b' IN 'abc'), position('z' IN 'abc'), position('b' || '' IN 'a' || 'bc')", on: db)
                == [
                    ["2", "0", "2"]
                ])
    }
}
