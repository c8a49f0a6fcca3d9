import SQLite
import Testing

/// The comparison the Trino example suite relies on: presentation differences pass, different
/// values do not.
@Suite struct TrinoResultTests {
    func same(_ actual: String, _ stated: String, value: SQLiteValue? = nil) -> Bool {
        TrinoResult.matches(actual: actual, value: value ?? .text(actual), stated: stated)
    }

    @Test func presentationDifferencesPass() {
        #expect(same(#"["x0","abc0"]"#, "['x0', 'abc0']"))
        #expect(same("[1.0,1.2,4.0]", "[1.0, 1.2, 4.0]"))
        #expect(same("[1,1.2,4]", "[1.0, 1.2, 4.0]"))
        #expect(same(#"{"1":2,"3":4}"#, "{1 -> 2, 3 -> 4}"))
        #expect(same("abcd", "'abcd'"))
        #expect(same("1", "true", value: .integer(1)))
        #expect(same("false", "FALSE"))
        #expect(same("NULL", "null", value: .null))
        #expect(same("11", "11.0", value: .integer(11)))
    }

    @Test func differentValuesFail() {
        // A JSON value is compared as text: "a" is not the a Trino's json_array_get gives.
        #expect(!same(#""a""#, "JSON 'a' (invalid JSON)"))
        #expect(!same("[3, 9]", "JSON '[3,9]'"))
        #expect(!same("[1,3]", "[1, 2]"))
        #expect(!same("2012-10-31 01:00:00.000", "2012-10-31 01:00:00.000 UTC"))
        #expect(!same("0", "true", value: .integer(0)))
        #expect(!same("NULL", "0", value: .null))
        #expect(!same("2.8284271", "2.8284271247461903"))
    }
}
