import TrailMeterCore

/// Reading one pricing table file (`rules.csv`, `fx.csv`, `rates/*.csv`) in bounded memory.
///
/// The shipped tables are a few kilobytes each, so the caps are far above any real table yet keep
/// a runaway file (a 50 MB note pasted into a field) from costing more than a few megabytes:
/// a file over ``maxFileBytes`` is refused having read only that much, and a field over
/// ``maxFieldBytes`` is refused with its file, line and column name, without reading it whole.
public enum TableFile {
    /// The most bytes a table file may hold (1 MiB; the largest shipped table is 13 kB, all regions
    /// of it about 160 kB). Rows and problems grow with it: a file of a million bad lines would list
    /// a million problems.
    public static let maxFileBytes = 1 << 20
    /// The most bytes of UTF-8 one field may hold, quotes not counted (64 KiB).
    public static let maxFieldBytes = 64 << 10

    /// The text of the table file at `path`, shown as `shown` in messages.
    ///
    /// A file over the cap is refused with the line its cap falls on; when a field in the part
    /// read already passes the field cap, that field is named instead (it is what to fix).
    static func text(at path: String, shown: String) throws -> String {
        do {
            let file = try ReadableFile(path: path)
            guard file.size > maxFileBytes else { return try FileBytes.utf8Text(file.readToEnd(), path: path) }
            let prefix = try file.readPrefix(maxFileBytes)
            // Only an oversized field is looked for in the part read; it may end inside a character.
            do {
                _ = try CSVText.parse(
                    String(decoding: prefix, as: UTF8.self), file: shown, maxFieldBytes: maxFieldBytes)
            } catch PricingError.invalidTables(let issues) where issues.first?.problem.isFieldTooLong == true {
                throw PricingError.invalidTables(issues)
            } catch {}
            let line = prefix.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            throw PricingError.invalidTables([
                TableIssue(
                    SourceLocation(file: shown, line: line), .fileTooLarge(bytes: file.size, limit: maxFileBytes))
            ])
        } catch let error as FileAccessError {
            throw PricingError.io(path: shown, reason: error.reason)
        }
    }
}
