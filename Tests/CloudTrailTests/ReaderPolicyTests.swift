import Foundation
import TestSupport
import Testing

@testable import CloudTrail

/// What the reader refuses rather than guesses at (README: "What ingest refuses").
@Suite("CloudTrail reader: refusals")
struct ReaderPolicyTests {
    static func problem(_ bytes: [UInt8]) -> LogFileError? {
        do {
            _ = try ReaderFixtures.parse(bytes, path: "p.json")
            return nil
        } catch {
            return error as? LogFileError
        }
    }

    @Test(
        "Invalid UTF-8 in a value or a key refuses the file, naming the record and position",
        arguments: [
            [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
            [0xE2, 0x82],
        ] as [[UInt8]])
    func invalidUTF8(_ bad: [UInt8]) throws {
        let value =
            [UInt8](#"[{"eventName":"A"},"#.utf8) + [UInt8]("\n".utf8) + [UInt8](#"{"eventName":"x"#.utf8)
            + bad + [UInt8](#""}]"#.utf8)
        let error = try #require(Self.problem(value))
        #expect(error.problem == .invalidUTF8(offset: 35, line: 2, column: 16))
        #expect(error.record == 2)
        #expect(error.description.contains("invalid UTF-8 at line 2, column 16"))
        #expect(error.description.contains("record 2"))
        let key = [UInt8](#"[{"eventName":"A","k"#.utf8) + bad + [UInt8](#"":1}]"#.utf8)
        let keyError = try #require(Self.problem(key))
        guard case .invalidUTF8 = keyError.problem else {
            Issue.record("\(keyError)")
            return
        }
    }

    @Test("Well-formed UTF-8 of every length is read as it is")
    func validUTF8() throws {
        let text = "é ß € 😀 \u{FFFD} \u{10FFFF} 中文"
        let log = try ReaderFixtures.parse(#"[{"eventName":""# + text + #"","k\#(text)":"\#(text)"}]"#)
        #expect(ReaderFixtures.value(log, "eventname") == text)
        #expect(ReaderFixtures.value(log, "eventjson") == #"{"k\#(text)":"\#(text)"}"#)
    }

    @Test(
        "A key twice in a record refuses the file, naming the key and record",
        arguments: [
            (#"{"eventName":"First","eventName":"Second"}"#, #""eventName""#),
            (#"{"eventName":"First","EVENTNAME":"Second"}"#, #""EVENTNAME""#),
            (#"{"eventName":null,"eventName":"x"}"#, #""eventName""#),
            (#"{"eventName":"A","extra":1,"extra":2}"#, #""extra""#),
            (#"{"eventName":"A","userIdentity":{"type":"x"},"userIdentity":{}}"#, #""userIdentity""#),
            (#"{"eventName":"A","userIdentity":{"type":"x","type":"y"}}"#, #""type""#),
            (#"{"eventName":"A","userIdentity":{"new":1,"new":2}}"#, #""new""#),
        ])
    func duplicateKeys(_ record: String, _ key: String) throws {
        let error = try #require(Self.problem(Array(("[" + ReaderFixtures.consoleLogin + ",\n" + record + "]").utf8)))
        #expect(error.problem == .duplicateKey(key: key, line: 2))
        #expect(error.record == 2)
        #expect(error.description.contains("the key \(key) appears twice"))
    }

    @Test("The same unmapped key in different objects, or inside JSON-valued fields, is not a duplicate")
    func notDuplicates() throws {
        let log = try ReaderFixtures.parse(
            #"[{"eventName":"A","new":1,"userIdentity":{"type":"x","new":2},"requestParameters":{"a":1,"a":2}}]"#)
        #expect(ReaderFixtures.value(log, "requestparameters") == #"{"a":1,"a":2}"#)
        #expect(ReaderFixtures.value(log, "eventjson") == #"{"new":1,"userIdentity":{"new":2}}"#)
    }

    @Test("A second Records array is refused, not dropped")
    func secondRecordsArray() throws {
        let text =
            #"{"Records":["# + ReaderFixtures.consoleLogin + "],\n" + #""Records":["#
            + ReaderFixtures.assumedRole + "]}"
        let error = try #require(Self.problem(Array(text.utf8)))
        #expect(error.problem == .secondRecordsArray(line: 2))
        #expect(error.description.contains("a second \"Records\" array"))
    }

    @Test("A FIFO is refused by its type without blocking; a symbolic-link loop is named as one")
    func notRegularFiles() throws {
        let root = Scratch.directory("fifo")
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe.json").path
        #expect(FIFOFixture.make(at: fifo, unblockAfter: 20))
        var reader = LogBatchReader()
        #expect(throws: LogFileError(path: fifo, problem: .notRegularFile(kind: "a FIFO"))) {
            _ = try reader.read(path: fifo)
        }
        let loop = root.appendingPathComponent("loop.json").path
        #expect(symlink(loop, loop) == 0)
        let inventory = LogFileDiscovery.inventory(of: [fifo, loop, "/dev/null", root.path])
        #expect(inventory.logFiles.isEmpty)
        #expect(inventory.errors.count == 4)
        #expect(inventory.errors[0].description.contains("not a regular file (a FIFO)"))
        #expect(inventory.errors[1].description.contains("symbolic links"))
        #expect(inventory.errors[2].description.contains("a character device"))
        // Inside a folder, the loop is reported and the FIFO passed over, by name.
        #expect(inventory.errors[3].path.hasSuffix("loop.json"))
        #expect(inventory.passedOver.map(\.reason) == ["not a regular file (a FIFO)"])
    }

    @Test("A folder linked back to its ancestor is walked once")
    func folderLoop() throws {
        let root = Scratch.directory("loop")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data(ReaderFixtures.recordsCompact.utf8).write(to: root.appendingPathComponent("a/x.json"))
        #expect(symlink(root.path, root.appendingPathComponent("a/up").path) == 0)
        let inventory = LogFileDiscovery.inventory(of: [root.path])
        #expect(inventory.logFiles.map(\.path) == [root.appendingPathComponent("a/x.json").path])
        #expect(inventory.errors.isEmpty)
    }
}
