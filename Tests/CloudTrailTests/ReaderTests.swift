import Foundation
import Testing

@testable import CloudTrail

@Suite("CloudTrail reader")
struct ReaderTests {
    @Test("Records object: compact, pretty and gzip give the same columns")
    func recordsObjectFormats() throws {
        let compact = try ReaderFixtures.parse(ReaderFixtures.recordsCompact)
        let pretty = try ReaderFixtures.parse(ReaderFixtures.recordsPretty)
        let gzipped = try ReaderFixtures.parse(
            ReaderFixtures.gzip(ReaderFixtures.recordsCompact), path: "fixture.json.gz")
        #expect(compact.format == .recordsObject && pretty.format == .recordsObject)
        #expect(gzipped.wasGzip && !compact.wasGzip)
        #expect(compact.events.count == 2)
        for column in [
            "useridentity.username", "eventname", "eventtime", "useridentity.sessioncontext.sessionissuer.username",
        ] {
            for row in 0..<2 {
                #expect(ReaderFixtures.value(compact, column, row) == ReaderFixtures.value(gzipped, column, row))
                #expect(ReaderFixtures.value(compact, column, row) == ReaderFixtures.value(pretty, column, row))
            }
        }
        #expect(ReaderFixtures.value(compact, "useridentity.username") == "Alice")
        #expect(ReaderFixtures.value(compact, "useridentity.sessioncontext.sessionissuer.username", 1) == "Deploy")
        #expect(ReaderFixtures.value(compact, "useridentity.sessioncontext.attributes.mfaauthenticated", 1) == "false")
        // Pretty input is stored compact, so both spell JSON-valued columns alike.
        #expect(ReaderFixtures.value(pretty, "responseelements") == #"{"ConsoleLogin":"Success"}"#)
        #expect(
            try RecordComparison.canonical(ReaderFixtures.rebuilt(pretty, 1))
                == RecordComparison.canonical(ReaderFixtures.rebuilt(compact, 1)))
    }

    @Test("Bare array and JSON Lines")
    func arrayAndLines() throws {
        let array = try ReaderFixtures.parse(
            "[" + ReaderFixtures.consoleLogin + ",\n" + ReaderFixtures.assumedRole + "]")
        let lines = try ReaderFixtures.parse(ReaderFixtures.consoleLogin + "\n" + ReaderFixtures.assumedRole + "\n")
        #expect(array.format == .array && array.events.count == 2)
        #expect(lines.format == .jsonLines && lines.events.count == 2)
        #expect(ReaderFixtures.value(lines, "eventname", 1) == "PutObject")
        #expect(array.events.eventTimeMs == lines.events.eventTimeMs)
    }

    @Test("Values: strings unescaped, JSON kept as text, readOnly as boolean or string, nulls")
    func values() throws {
        let log = try ReaderFixtures.parse(ReaderFixtures.recordsCompact)
        #expect(ReaderFixtures.value(log, "readonly", 0) == "false")
        #expect(ReaderFixtures.value(log, "readonly", 1) == "false")
        #expect(ReaderFixtures.value(log, "managementevent", 0) == "true")
        #expect(ReaderFixtures.value(log, "requestparameters", 0) == nil)
        #expect(
            ReaderFixtures.value(log, "requestparameters", 1)
                == #"{"bucketName":"logs","key":"a \"quoted\" key \u00e9 \ud83d\ude00","tags":[1,2]}"#)
        #expect(
            ReaderFixtures.value(log, "resources", 1)
                == #"[{"ARN":"arn:aws:s3:::logs","accountId":"123456789012","type":"AWS::S3::Bucket"}]"#)
        #expect(ReaderFixtures.value(log, "errorcode", 0) == nil)
        #expect(log.events.eventTimeMs[0] == EventTime.milliseconds("2022-01-22T00:10:00Z"))
    }

    @Test("String escapes decode to UTF-8, surrogate pairs included")
    func escapes() throws {
        let log = try ReaderFixtures.parse(#"[{"eventName":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}]"#)
        #expect(ReaderFixtures.value(log, "eventname") == "a\"b\\c/d\né😀")
    }

    @Test("A record with every field null")
    func allNull() throws {
        let fields = EventSchema.columns.filter { $0.jsonPath.count == 1 }.map { "\"\($0.jsonPath[0])\":null" }
        let log = try ReaderFixtures.parse(
            "{\"Records\":[{" + fields.joined(separator: ",") + ",\"userIdentity\":null}]}")
        #expect(log.events.count == 1)
        for (index, column) in EventSchema.columns.enumerated() where column.name != "eventjson" {
            #expect(log.events.columns[index].isNull[0], "\(column.name) should be NULL")
        }
        #expect(log.events.eventTimeMs == [EventTime.missing])
    }

    @Test("Fields the reader has never seen are kept in eventjson")
    func unknownFields() throws {
        let log = try ReaderFixtures.parse(
            #"{"Records":[{"eventName":"X","brandNewField":{"deep":[1,{"k":"v"}]},"userIdentity":{"type":"IAMUser","newIdentityField":"n1"}}]}"#
        )
        #expect(ReaderFixtures.value(log, "eventname") == "X")
        #expect(
            ReaderFixtures.value(log, "eventjson")
                == #"{"brandNewField":{"deep":[1,{"k":"v"}]},"userIdentity":{"newIdentityField":"n1"}}"#)
        let json = ReaderFixtures.rebuilt(log, 0)
        #expect(
            json
                == #"{"userIdentity":{"type":"IAMUser","newIdentityField":"n1"},"eventName":"X","brandNewField":{"deep":[1,{"k":"v"}]}}"#
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["brandNewField"] as? [String: Any])?["deep"] != nil)
        #expect((object["userIdentity"] as? [String: Any])?["newIdentityField"] as? String == "n1")
    }

    @Test("Records without unmapped fields store no eventjson; rebuilding gives the record back")
    func rebuild() throws {
        let log = try ReaderFixtures.parse(ReaderFixtures.recordsCompact)
        #expect(ReaderFixtures.value(log, "eventjson", 0) == nil)
        for (row, original) in [ReaderFixtures.consoleLogin, ReaderFixtures.assumedRole].enumerated() {
            #expect(
                try RecordComparison.canonical(ReaderFixtures.rebuilt(log, row)) == RecordComparison.canonical(original)
            )
        }
        // Key order is CloudTrail's, as the fixture writes it; JSON null fields are left out.
        #expect(ReaderFixtures.rebuilt(log, 0).hasPrefix(#"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","#))
        #expect(!ReaderFixtures.rebuilt(log, 0).contains("requestParameters"))
    }

    @Test("Known objects present without a value are named in emptyobjects and rebuilt")
    func emptyObjects() throws {
        let log = try ReaderFixtures.parse(
            """
            [{"eventName":"A","userIdentity":{"type":"IAMUser","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes":{"mfaAuthenticated":"false"}}}},
             {"eventName":"B","userIdentity":{"sessionContext":{"sessionIssuer":{"type":null}}},"tlsDetails":{}},
             {"eventName":"C","userIdentity":{"type":"Root"}}]
            """)
        func codes(_ paths: String...) -> String {
            paths.map { EventSchema.emptyObjectCode("useridentity" + $0) ?? "?" }.joined(separator: ",")
        }
        #expect(
            ReaderFixtures.value(log, "emptyobjects", 0)
                == codes(".sessioncontext.sessionissuer", ".sessioncontext.webidfederationdata"))
        // An object whose only known field is null holds no value; so do the objects around it.
        #expect(
            ReaderFixtures.value(log, "emptyobjects", 1)
                == codes(".sessioncontext.sessionissuer", ".sessioncontext", "") + ","
                + EventSchema.emptyObjectCode("tlsdetails")!)
        #expect(
            Set(["useridentity", "tlsdetails", "useridentity.sessioncontext"].map(EventSchema.emptyObjectCode)).count
                == 3)
        #expect(ReaderFixtures.value(log, "emptyobjects", 2) == nil)
        #expect(ReaderFixtures.rebuilt(log, 0).contains(#""sessionIssuer":{},"webIdFederationData":{}"#))
        #expect(
            ReaderFixtures.rebuilt(log, 1)
                == #"{"userIdentity":{"sessionContext":{"sessionIssuer":{}}},"eventName":"B","tlsDetails":{}}"#)
    }

    @Test("A struct field that is not an object is kept as it was")
    func oddStruct() throws {
        let log = try ReaderFixtures.parse(
            #"[{"eventName":"A","userIdentity":"someone","tlsDetails":{"tlsVersion":"TLSv1.2","extra":1}}]"#)
        #expect(
            try RecordComparison.canonical(ReaderFixtures.rebuilt(log, 0))
                == RecordComparison.canonical(
                    #"{"eventName":"A","userIdentity":"someone","tlsDetails":{"tlsVersion":"TLSv1.2","extra":1}}"#))
    }

    @Test("A duplicate key refuses the file (ReaderPolicyTests has the cases)")
    func duplicateKey() throws {
        #expect(
            throws: LogFileError(path: "fixture.json", problem: .duplicateKey(key: #""eventName""#, line: 1), record: 1)
        ) {
            try ReaderFixtures.parse(#"[{"eventName":"First","eventName":"Second"}]"#)
        }
    }

    @Test("Records without eventTime, or with an unparseable one")
    func missingTime() throws {
        let log = try ReaderFixtures.parse(#"[{"eventName":"A"},{"eventName":"B","eventTime":"yesterday"}]"#)
        #expect(log.events.eventTimeMs == [EventTime.missing, EventTime.missing])
        #expect(ReaderFixtures.value(log, "eventtime", 1) == "yesterday")
    }

    @Test("A corrupt gzip stream is reported, not read")
    func corruptGzip() throws {
        var bytes = ReaderFixtures.gzip(ReaderFixtures.recordsCompact)
        bytes[bytes.count / 2] ^= 0xFF
        bytes[bytes.count / 2 + 1] ^= 0xFF
        #expect(throws: LogFileError(path: "x.json.gz", problem: .gzip(.corruptOrTruncated(member: 0, offset: 0)))) {
            try ReaderFixtures.parse(bytes, path: "x.json.gz")
        }
        let truncated = Array(ReaderFixtures.gzip(ReaderFixtures.recordsCompact).prefix(40))
        #expect(throws: LogFileError.self) { try ReaderFixtures.parse(truncated, path: "t.json.gz") }
    }

    @Test("Truncated JSON names the line and column where it breaks")
    func truncatedJSON() throws {
        let text = ReaderFixtures.recordsPretty
        // Cut inside a string value (key order in the pretty fixture varies from run to run).
        let cut = String(text[..<text.range(of: "PutObj")!.upperBound])
        do {
            _ = try ReaderFixtures.parse(cut, path: "cut.json")
            Issue.record("truncated JSON was accepted")
        } catch let error as LogFileError {
            guard case .invalidJSON(_, let offset, let line, _) = error.problem else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(offset == cut.utf8.count)
            #expect(line == cut.split(separator: "\n", omittingEmptySubsequences: false).count)
            #expect(error.description.hasPrefix("cut.json: invalid JSON at line \(line)"))
        }
    }

    @Test(
        "JSON that is not CloudTrail is refused",
        arguments: [
            #"{"foo": 1, "bar": [2]}"#, "42", #"[1, 2]"#, #"{"Records": {"eventName": "x"}}"#, #"[{"name":"n"}]"#,
        ])
    func notCloudTrail(_ text: String) throws {
        #expect {
            try ReaderFixtures.parse(text)
        } throws: { error in
            guard let error = error as? LogFileError, case .notCloudTrail = error.problem else { return false }
            return true
        }
    }

    @Test("An empty file is refused", arguments: ["", "  \n\t"])
    func emptyFile(_ text: String) throws {
        #expect(throws: LogFileError(path: "fixture.json", problem: .empty)) { try ReaderFixtures.parse(text) }
    }

    @Test("Trailing garbage after the records is an error")
    func trailingGarbage() throws {
        #expect(throws: LogFileError.self) { try ReaderFixtures.parse(ReaderFixtures.recordsCompact + "}") }
    }
}
