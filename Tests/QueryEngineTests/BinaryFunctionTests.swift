import QueryEngine
import SQLite
import Testing

/// Trino's varbinary functions, checked against the published test vectors of each algorithm
/// (RFC 1321, FIPS 180, RFC 4231's HMAC example, xxHash's and CRC-32's empty and "hello" values).
@Suite struct BinaryFunctionTests {
    let db: Connection
    init() throws { db = try Fixture.database() }

    @Test func digestsOfUTF8TextMatchTheirPublishedVectors() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT to_hex(md5(to_utf8('abc'))), lower(to_hex(sha256(to_utf8('abc')))), to_hex(sha1(to_utf8(''))),
                       substr(to_hex(sha512(to_utf8('abc'))), 1, 16), to_hex(xxhash64(to_utf8(''))), crc32(to_utf8('hello')),
                       lower(to_hex(hmac_sha256(to_utf8('The quick brown fox jumps over the lazy dog'), to_utf8('key'))))
                """, on: db) == [
                    [
                        "900150983CD24FB0D6963F7D28E17F72",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "DDAF35A193617ABA", "EF46DB3751D8E999", "907060870",
                        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                    ]
                ])
    }

    @Test func murmur3TakesEveryTailLength() throws {
        // MurmurHash3 x64 128 with seed 0 ("The quick brown fox..." is the algorithm's published
        // value), halves little-endian as Trino writes them; 0, 1, 12, 16 and 17 bytes reach
        // every branch of the tail.
        #expect(
            try Fixture.rows(
                """
                SELECT to_hex(murmur3(X'')), to_hex(murmur3(to_utf8('a'))), to_hex(murmur3(to_utf8('ConsoleLogin'))),
                       to_hex(murmur3(to_utf8('0123456789abcdef'))), to_hex(murmur3(to_utf8('0123456789abcdefX'))),
                       to_hex(murmur3(to_utf8('The quick brown fox jumps over the lazy dog'))), murmur3(NULL)
                """, on: db) == [
                    [
                        "00000000000000000000000000000000", "897859F6655555855A890E51483AB5E6",
                        "6EB48DBB6E1C280575F21C0E50E9704E", "A7D14ACF946DE04BDA08A7635C5BC387",
                        "F7D670B5ACD2EBCD274B10829711728F", "6C1B07BC7BBC4BE347939AC4A93C437A", "NULL",
                    ]
                ])
    }

    @Test func aVarbinaryPrintsAsHexPairsAndCodingsRoundTrip() throws {
        #expect(
            try Fixture.rows(
                """
                SELECT to_utf8('abc'), X'ba 58', typeof(md5(to_utf8('a'))), length(to_utf8('日本')),
                       to_utf8('a') || X'62', concat(X'01', X'02'), CAST('ab' AS varbinary) = to_utf8('ab')
                """, on: db) == [["61 62 63", "ba 58", "varbinary", "6", "61 62", "01 02", "true"]])
        #expect(
            try Fixture.rows(
                """
                SELECT to_base64(to_utf8('hello')), from_utf8(from_base64('aGVsbG8')), to_base64url(X'fbff'),
                       to_hex(from_base64url('-_8')), from_utf8(from_hex('e697a5')), to_hex(to_big_endian_64(1)),
                       from_big_endian_64(X'00000000000000ff'), from_big_endian_32(X'ffffffff')
                """, on: db) == [["aGVsbG8=", "hello", "-_8=", "FBFF", "日", "0000000000000001", "255", "-1"]])
        // Invalid UTF-8 becomes U+FFFD, or the replacement given as a character or a code point.
        #expect(
            try Fixture.rows(
                """
                SELECT from_utf8(X'61ff62'), from_utf8(X'61ff62', '?'), from_utf8(X'61ff62', 35),
                       from_utf8(X'61', CAST(NULL AS varchar))
                """, on: db) == [["a\u{FFFD}b", "a?b", "a#b", "NULL"]])
    }

    @Test func aHashedColumnGroupsAsTheColumnDoes() throws {
        let hashed = try Fixture.rows(
            "SELECT count(DISTINCT to_hex(sha256(to_utf8(eventname)))), count(DISTINCT eventname) FROM cloudtrail",
            on: db)
        #expect(hashed.count == 1 && hashed[0][0] == hashed[0][1] && hashed[0][0] != "0")
    }

    @Test func badInputFailsAndWrongTypesAreRefused() throws {
        for sql in ["SELECT from_hex('abc')", "SELECT from_hex('zz')", "SELECT from_base64('!!')"] {
            guard case .engine(let message, _)? = Fixture.error(sql, on: db), !message.isEmpty else {
                Issue.record("expected a run-time failure: \(sql)")
                continue
            }
        }
        #expect(try Fixture.rows("SELECT try(from_hex('zz'))", on: db) == [["NULL"]])
        for (sql, column) in [
            ("SELECT to_hex('abc')", 15), ("SELECT to_utf8('a') || 'b'", 24),
            ("SELECT md5(eventname) FROM cloudtrail", 12),
        ] {
            guard case .invalid(_, let at)? = Fixture.error(sql, on: db) else {
                Issue.record("expected a refusal: \(sql)")
                continue
            }
            #expect(at.column == column, "\(sql)")
        }
        #expect(Fixture.error("SELECT array_agg(to_utf8(eventname)) FROM cloudtrail", on: db) != nil)
    }
}
