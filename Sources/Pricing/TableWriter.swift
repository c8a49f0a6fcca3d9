import Foundation

extension PricingTables {
    /// The text of each file the tables are written as, keyed by path relative to the directory.
    ///
    /// Rows keep their file and order; cells are written as they were read, so a table written
    /// after loading reads byte for byte as the original (if that was already in this form).
    public func fileContents() -> [String: String] {
        var files: [String: String] = ["rules.csv": CSVText.write(rules.rows)]
        if let fx { files["fx.csv"] = CSVText.write(fx.rows) }
        var order: [String] = []
        var rowsByFile: [String: [[String]]] = [:]
        for row in rows {
            let file = PricingTables.relativeRatesPath(of: row.location.file)
            if rowsByFile[file] == nil {
                order.append(file)
                rowsByFile[file] = [RateRow.columns]
            }
            rowsByFile[file]!.append(row.cells)
        }
        for file in order { files[file] = CSVText.write(rowsByFile[file]!) }
        return files
    }

    /// Writes every file into `directory` (created if needed), each through a temporary file and
    /// a rename so a reader never sees half a table.
    public func write(to directory: URL) throws {
        let fileManager = FileManager.default
        for (relative, text) in fileContents().sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(relative)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw PricingError.io(path: url.path, reason: "cannot be written: \(error.localizedDescription)")
            }
        }
    }

    /// `PricingTables/rates/AmazonS3.csv` → `rates/AmazonS3.csv`.
    static func relativeRatesPath(of file: String) -> String {
        "rates/" + (file.split(separator: "/").last.map(String.init) ?? file)
    }
}
