import QueryEngine
import SQLite
import Testing

/// The regexp functions on PCRE2 keep the answers they gave on Swift's `Regex`: Java's `find()`
/// loop over empty matches, code-point positions, unset groups as NULL, `$n` replacements; and
/// the patterns Swift's `Regex` refused but Trino takes (lookbehind) now work.
@Suite struct RegexFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    func one(_ sql: String) throws -> [String] { try #require(Fixture.rows(sql, on: db).first) }

    @Test func emptyMatchesAdvanceOneCodePoint() throws {
        #expect(try one("SELECT regexp_split('abc', 'x*')") == ["[, a, b, c, ]"])
        #expect(try one("SELECT regexp_replace('aaa', 'a*', '-')") == ["--"])
        #expect(try one("SELECT regexp_count('', ''), regexp_replace('日本', '', '.')") == ["1", ".日.本."])
    }

    @Test func positionsCountCodePoints() throws {
        #expect(try one("SELECT regexp_position('日本語テキスト abc 日本', '日', 2)") == ["13"])
        #expect(try one("SELECT regexp_position('ab', '$', 2), regexp_position('ab', '^b', 2)") == ["3", "-1"])
        #expect(try one("SELECT regexp_position('ab', 'b', 3)") == ["-1"])
    }

    @Test func groupsAndReplacements() throws {
        #expect(try one(#"SELECT regexp_extract_all('x1y22', '(\d)(\d)?', 2)"#) == ["[null, 2]"])
        #expect(try one(#"SELECT regexp_extract_all('héllo wörld', '\w+')"#) == ["[héllo, wörld]"])
        #expect(try one("SELECT regexp_replace('abc', '(b)', '[$1$9]')") == ["a[b$9]c"])
        #expect(try one("SELECT regexp_extract('abc', '(x)?b', 1), regexp_extract('abc', 'z', 3)") == ["NULL", "NULL"])
        #expect(Fixture.error("SELECT regexp_extract('abc', 'b', 1)", on: db) != nil)
    }

    @Test func dotIsOneCodePointAndLookbehindWorks() throws {
        #expect(try one("SELECT regexp_like('🎉x', '^.x$'), regexp_extract('abc', '(?<=a)b')") == ["true", "b"])
    }

    @Test func anInvalidPatternIsAnError() throws {
        let error = try #require(Fixture.error("SELECT regexp_like('x', 'a(b')", on: db))
        #expect("\(error)".contains("invalid regular expression 'a(b': missing closing parenthesis"), "\(error)")
    }
}
