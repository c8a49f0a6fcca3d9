import SQLite
import TrailMeterCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs published sample queries through translation, compilation and (optionally) execution,
/// and sorts each into: ran, refused as unsupported, broken as published, or failed.
public enum Conformance {
    public enum Outcome: Sendable, Equatable {
        /// Translated, compiled and (when asked) executed; `rows` is nil when not executed.
        case ran(rows: Int?)
        /// Well-formed Trino that TrailMeter refuses: the construct and where.
        case unsupported(construct: String, at: SourceLocation)
        /// SQL that Trino itself would reject as published (syntax, types, grouping, a template
        /// value left in place of a timestamp).
        case broken(reason: String)
        /// Anything else: a TrailMeter defect to look at.
        case failed(message: String)

        public var label: String {
            switch self {
            case .ran: return "ran"
            case .unsupported: return "unsupported"
            case .broken: return "broken"
            case .failed: return "failed"
            }
        }
    }

    public struct Result: Sendable {
        /// Path relative to the directory given.
        public let file: String
        public let dialect: Dialect
        /// The dialect `Dialect.detect` chose for the query text.
        public let detected: Dialect
        public let outcome: Outcome
    }

    public struct Report: Sendable {
        public let results: [Result]

        public func count(_ label: String) -> Int { results.filter { $0.outcome.label == label }.count }
        /// Samples that are not broken as published.
        public var wellFormed: Int { results.count - count("broken") }
        /// Share of the well-formed samples that ran.
        public var runRate: Double { wellFormed == 0 ? 0 : Double(count("ran")) / Double(wellFormed) }

        /// Counts, then one line per sample that did not run.
        public var summary: String {
            var lines = [
                "\(results.count) samples: \(count("ran")) ran, \(count("unsupported")) unsupported, \(count("broken")) broken as published, \(count("failed")) failed; \(Int((runRate * 1000).rounded()) / 10)% of \(wellFormed) well-formed ran"
            ]
            for result in results {
                switch result.outcome {
                case .ran: continue
                case .unsupported(let construct, let at):
                    lines.append("  unsupported \(result.file) (\(at)): \(construct)")
                case .broken(let reason): lines.append("  broken      \(result.file): \(reason)")
                case .failed(let message): lines.append("  failed      \(result.file): \(message)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Classifies one query. `translator` is used with `dialect` set; `connection` must have the
    /// `tm_` functions and the translator's table.
    public static func classify(
        _ sql: String, dialect: Dialect, translator: Translator, connection: Connection, execute: Bool
    ) -> Outcome {
        var translator = translator
        translator.dialect = dialect
        let query: UserQuery
        do {
            query = try UserQuery.prepare(sql, translator: translator, on: connection)
        } catch {
            return outcome(of: error)
        }
        guard execute else { return .ran(rows: nil) }
        do {
            var rows = 0
            while try query.step() { rows += 1 }
            return .ran(rows: rows)
        } catch {
            return .failed(message: error.description)
        }
    }

    static func outcome(of error: QueryError) -> Outcome {
        switch error {
        case .syntax, .invalid, .unknownColumn:
            return .broken(reason: error.description)
        case .unsupported(let construct, let at):
            return .unsupported(construct: construct, at: at)
        case .unknownFunction(let name, let at):
            return .unsupported(construct: "function \(name)", at: at)
        case .refused(let statement, let at):
            return .unsupported(construct: "\(statement) statement (queries are read-only)", at: at)
        case .engine:
            return .failed(message: error.description)
        }
    }

    /// Runs every `.sql` file under `directory` (one level of subfolders; a folder named `athena`
    /// or `lake` fixes the dialect, otherwise it is detected). `translators` gives the translator
    /// for a dialect (its table must exist on `connection`).
    public static func run(
        directory: String, connection: Connection, execute: Bool = true,
        translator: (Dialect) -> Translator
    ) -> Report {
        var results: [Result] = []
        for file in sqlFiles(directory) {
            guard let contents = FileBytes.text(directory + "/" + file) else {
                results.append(
                    Result(
                        file: file, dialect: .athena, detected: .athena, outcome: .failed(message: "cannot read file")))
                continue
            }
            let sql = queryText(contents)
            let folder = file.split(separator: "/").first.map(String.init) ?? ""
            var probe = translator(.athena)
            probe.dialect = nil
            let detected = probe.detectDialect(sql)
            let dialect = Dialect(rawValue: folder) ?? detected
            let outcome = classify(
                sql, dialect: dialect, translator: translator(dialect), connection: connection, execute: execute)
            results.append(Result(file: file, dialect: dialect, detected: detected, outcome: outcome))
        }
        return Report(results: results)
    }

    /// The query of a sample file: what follows its `-- =====` marker line, or all of it.
    public static func queryText(_ contents: String) -> String {
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        if let marker = lines.firstIndex(where: { $0.hasPrefix("-- =====") }) {
            return lines[(marker + 1)...].joined(separator: "\n")
        }
        return contents
    }

    /// `.sql` files under `directory` and its immediate subfolders, sorted, relative paths.
    public static func sqlFiles(_ directory: String) -> [String] {
        var files: [String] = []
        for entry in listDirectory(directory) {
            if entry.hasSuffix(".sql") {
                files.append(entry)
            } else if !entry.hasPrefix(".") {
                for inner in listDirectory(directory + "/" + entry) where inner.hasSuffix(".sql") {
                    files.append(entry + "/" + inner)
                }
            }
        }
        return files.sorted()
    }

    private static func listDirectory(_ path: String) -> [String] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }
}
