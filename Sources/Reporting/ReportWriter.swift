import Foundation
import Planning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a report directory whole or not at all.
///
/// Everything is rendered to memory first, written into a hidden temporary sibling of the
/// target, then renamed into place; an existing report is renamed aside first and deleted only
/// after the new one is in place. On any failure the temporary directory (and any parent this
/// call created) is removed and a `ReportingError` is thrown, so a reader never sees half a report.
public struct ReportWriter {
    /// The files of a report, by name, in the order they are written.
    public static let fileNames = ["report.txt", "costs.csv", "queries.csv", "summary.md", "report.html"]

    /// A writer; it keeps no state, so one may write any number of reports.
    public init() {}

    /// Every file of the report for `projection`, rendered in memory: (name, contents).
    public static func render(_ projection: Projection) -> [(name: String, contents: String)] {
        [
            ("report.txt", TerminalReport.render(projection)),
            ("costs.csv", CostsCSV.render(projection)),
            ("queries.csv", QueriesCSV.render(projection)),
            ("summary.md", MarkdownSummary.render(projection)),
            ("report.html", HTMLReport.render(projection)),
        ]
    }

    /// Writes the report for `projection` into `directory`, replacing a previous report there.
    ///
    /// Missing parent directories are created. An existing `directory` is replaced only when it
    /// holds nothing but report files, so pointing `--out` at the wrong folder cannot delete it.
    public func write(_ projection: Projection, to directory: URL) throws {
        let files = ReportWriter.render(projection)
        let target = directory.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let createdParent = try createMissingDirectories(parent)
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try makeDirectory(temporary)
            for file in files {
                let path = temporary.appendingPathComponent(file.name)
                do {
                    try Data(file.contents.utf8).write(to: path)
                } catch {
                    throw ReportingError.cannotWriteFile(path: path.path, reason: reason(error))
                }
            }
            try moveIntoPlace(temporary, target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let createdParent { try? FileManager.default.removeItem(at: createdParent) }
            throw error
        }
    }

    /// Renames `temporary` to `target`; an old report at `target` goes aside and is deleted after.
    private func moveIntoPlace(_ temporary: URL, _ target: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            return try move(temporary, target)
        }
        guard isDirectory.boolValue else { throw ReportingError.targetIsNotADirectory(path: target.path) }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        let foreign = present.filter { !ReportWriter.fileNames.contains($0) }.sorted()
        guard foreign.isEmpty else { throw ReportingError.targetHoldsOtherFiles(path: target.path, names: foreign) }

        let old = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).old-\(UUID().uuidString)")
        try move(target, old)
        do {
            try move(temporary, target)
        } catch {
            try? move(old, target)  // put the previous report back; the error below says what failed
            throw error
        }
        // The new report is in place; an old copy that cannot be deleted is litter, not a failure.
        try? FileManager.default.removeItem(at: old)
    }

    /// rename(2): atomic on one file system, and never a copy (FileManager.moveItem may copy).
    private func move(_ from: URL, _ to: URL) throws {
        guard rename(from.path, to.path) == 0 else {
            throw ReportingError.cannotRename(from: from.path, to: to.path, reason: String(cString: strerror(errno)))
        }
    }

    private func makeDirectory(_ url: URL) throws {
        guard mkdir(url.path, 0o755) == 0 else {
            throw ReportingError.cannotCreateDirectory(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Creates `directory` and its missing ancestors; returns the outermost one created (to
    /// remove on failure), or nil when `directory` already existed.
    private func createMissingDirectories(_ directory: URL) throws -> URL? {
        var missing: [URL] = []
        var cursor = directory
        while !FileManager.default.fileExists(atPath: cursor.path), cursor.path != "/" {
            missing.insert(cursor, at: 0)
            cursor = cursor.deletingLastPathComponent()
        }
        do {
            for url in missing { try makeDirectory(url) }
        } catch {
            if let first = missing.first { try? FileManager.default.removeItem(at: first) }
            throw error
        }
        return missing.first
    }

    private func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
