import Foundation

/// A plain JSON CloudTrail log file (`{"Records":[…]}`) of records a test wrote, so the test knows
/// every event's bytes and the file's size.
public enum RecordsFile {
    /// Writes `records` to `trail/events.json` in a new scratch folder named after `label`;
    /// returns the folder and the file.
    public static func write(_ records: [String], label: String) -> (directory: URL, file: URL) {
        let directory = Scratch.directory(label)
        let file = directory.appendingPathComponent("trail/events.json")
        try! FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(#"{"Records":[\#(records.joined(separator: ","))]}"#.utf8).write(to: file)
        return (directory, file)
    }
}
