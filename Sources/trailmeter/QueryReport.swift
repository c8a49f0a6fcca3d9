import CloudTrail
import Foundation
import Metering
import Pricing
import QueryEngine
import SQLite
import TrailMeterCore
import TrailStore

/// The text `query` prints around the rows: the dialect chosen, then each layout's meter and cost.
struct QueryReport {
    let result: MeteredResult
    /// The Athena table's shape in words (`unpartitioned`, `partition projection on timestamp`, ...).
    let athenaShape: String
    /// True when no table was given and the shape was assumed from the query.
    let athenaShapeAssumed: Bool
    let dialectGiven: Bool
    let store: MeteredStore
    let pricing: PricingTables?
    let region: String
    let day: CalendarDay
    /// Set for `--dry-run`: the meters came from the catalog and chunk metadata, with this label.
    var dryRun: DryRunResult? = nil
    /// Set when the store holds a sampled ingest: what the figures above stand for.
    var sampleNote: String? = nil

    /// The note for a store holding a sampled ingest (`ingest --sample`); nil for any other store
    /// or one that cannot be read here (the query itself has read it already).
    static func sampleNote(storeAt path: String) -> String? {
        guard let store = try? StoreFile.openForReading(path), let cells = try? StoredSample.cells(of: store),
            let coverage = SampleCoverage.of(cells)
        else { return nil }
        return
            "Sample: the store holds a sampled ingest, \(coverage.percentText)% of the trail's gzip bytes (\(formatCount(coverage.sampledFiles)) of \(formatCount(coverage.populationFiles)) files): the rows and bytes above are the sample's, not the trail's; `compare` estimates the full trail's from it, with 95% intervals."
    }

    func header() -> String {
        Self.header(
            result.translation, dialectGiven: dialectGiven, athenaShape: athenaShape,
            athenaShapeAssumed: athenaShapeAssumed, locationNote: store.athenaLocationNote,
            objectPrefixNote: store.objectPrefixNote(for: result.translation))
    }

    /// What the query was read as: its dialect, the Athena table assumed, what the table's
    /// location leaves out (`locationNote`, Athena statements only), a `"$path"` whose bucket is
    /// unknown, the placeholders bound.
    static func header(
        _ translation: Translation, dialectGiven: Bool, athenaShape: String, athenaShapeAssumed: Bool,
        locationNote: String?, objectPrefixNote: String?
    ) -> String {
        let dialect = translation.dialect
        var how =
            dialectGiven
            ? "as given"
            : (dialect == .lake ? "detected: FROM names an event data store" : "detected: FROM names a table")
        if !dialectGiven, let namedError = translation.namedDialectError {
            let named = dialect == .lake ? "Athena" : "CloudTrail Lake"
            how =
                "detected: it reads only as \(dialect == .lake ? "CloudTrail Lake" : "Athena") SQL; as \(named) SQL, as its FROM suggests: \(namedError); give --dialect to choose"
        }
        var text = "Dialect: \(dialect == .lake ? "CloudTrail Lake" : "Athena") (\(how))\n"
        // A partition named another way (`dt`, `account_id`) is said as written, then what it stands for.
        let used = translation.partitionsUsed.map { partition in
            guard let written = translation.partitionNamesWritten[partition], written != partition else {
                return partition
            }
            return "\(written) as \(partition)"
        }
        if athenaShapeAssumed, !used.isEmpty {
            text +=
                "Athena table: assumed \(athenaShape) (the query uses \(used.joined(separator: ", ")); give --athena-ddl or --athena-table to say)\n"
        }
        if dialect == .athena, let locationNote { text += locationNote + "\n" }
        if let objectPrefixNote { text += objectPrefixNote + "\n" }
        for binding in translation.placeholders {
            text += "Placeholder \(binding)\n"
        }
        return text
    }

    func meter(explain: Bool) -> String {
        var lines = [""]
        let raw = result.raw
        let rawSource =
            raw.source == .planned ? "planned from the catalog, files not read" : "counted while reading the files"
        lines.append("Raw layout (Athena-style, \(athenaShape) table): \(rawSource)")
        lines += measurementLines(raw)
        lines += athenaCost(raw)
        if explain { lines += raw.pruning.map { "  pruning           \($0)" } }
        lines.append("")
        if let dryRun {
            lines.append(
                "Columnar layout (Lake-style): dry run, from the chunk metadata, chunks not read (\(dryRun.precision.rawValue))"
            )
        } else {
            lines.append("Columnar layout (Lake-style): counted while reading the chunks")
        }
        lines += measurementLines(result.columnar)
        lines += lakeCost(result.columnar)
        if explain { lines += result.columnar.pruning.map { "  pruning           \($0)" } }
        if let dryRun {
            lines.append("")
            let window = dryRun.eventWindow
            lines.append(
                "Event-window layout (CloudWatch Logs Insights): \(formatCount(window.bytesScanned)) bytes (\(formatBytes(window.bytesScanned))) of \(formatCount(Int64(window.unitsRead))) events in the eventTime window (\(dryRun.eventWindowPrecision.rawValue))"
            )
            if explain { lines += window.pruning.map { "  pruning           \($0)" } }
            lines.append("")
            lines.append("Dry run: \(dryRun.precision.rawValue); no event data read")
            lines += dryRun.reasons.map { "  \($0)" }
        }
        if let verification = result.verification {
            lines.append("")
            lines.append(
                "Verify: \(Self.rowsVerdict(verification.rows)); raw bytes planned \(formatCount(verification.planned.bytesScanned)), read \(formatCount(verification.executed.bytesScanned)) (\(Self.verdict(verification)))"
            )
        }
        if explain {
            lines.append("")
            lines.append("SQL given to SQLite:")
            lines.append("  " + result.translation.sqliteSQL)
        }
        if let sampleNote { lines += ["", sampleNote] }
        lines.append("")
        lines.append("Units: decimal (1 MB = 1,000,000 bytes). Rates: \(region), \(day).")
        return lines.joined(separator: "\n")
    }

    private static func rowsVerdict(_ rows: RowAgreement) -> String {
        switch rows {
        case .identical: return "rows identical on both layouts"
        case .reordered:
            return
                "the same rows on both layouts, in another order (one the query leaves open: no ORDER BY, or rows its ORDER BY ranks equal)"
        case .drawnFromSameResult(let count):
            return
                "\(count == 1 ? "1 row" : "\(formatCount(Int64(count))) rows") on each layout, other ones, each found in the same whole result (the query without its LIMIT, run on both): with no ORDER BY deciding, the LIMIT may keep any of them, on Athena too"
        case .differ: return "rows DIFFER on both layouts"
        case .notCompared(let functions):
            var seen: Set<String> = []
            let names = functions.filter { seen.insert($0.lowercased()).inserted }
            return
                "rows not compared: the statement uses \(names.joined(separator: ", ")), whose answers change on every run (on Athena too)"
        }
    }

    private static func verdict(_ verification: Verification) -> String {
        guard verification.stoppedEarly else { return verification.bytesMatch ? "equal" : "NOT EQUAL" }
        return verification.bytesMatch
            ? "the scan stopped early, as the query needed no more rows: read no more than planned"
            : "MORE THAN PLANNED"
    }

    private func measurementLines(_ m: ScanMeasurement) -> [String] {
        var lines: [String] = []
        lines.append("  bytes scanned     \(formatCount(m.bytesScanned)) bytes (\(formatBytes(m.bytesScanned)))")
        var read =
            "  \(m.unitName) read".padding(toLength: 20, withPad: " ", startingAt: 0)
            + "\(formatCount(Int64(m.unitsRead))) of \(formatCount(Int64(m.unitsTotal)))"
        if m.layout == .columnar {
            read += " (segments \(formatCount(Int64(m.segmentsRead))) of \(formatCount(Int64(m.segmentsTotal))))"
        }
        if m.scans > 1 { read += ", over \(m.scans) scans of the table" }
        lines.append(read)
        if m.listedUnitsRead > 0 {
            lines.append(
                "  from a listing    \(formatCount(Int64(m.listedUnitsRead))) of those files planned from a bucket listing (sizes only; their events are not in the store)"
            )
        }
        if m.estimatedUnitsRead > 0 {
            lines.append(
                "  estimated sizes   \(formatCount(Int64(m.estimatedUnitsRead))) of those files were plain JSON on disk: billed at the size of their gzip (level \(BilledSize.gzipLevel)), as CloudTrail stores them"
            )
        }
        if m.source == .planned {
            lines.append(
                "  events            \(formatCount(m.eventsScanned)) in those \(m.layout == .raw ? "files" : "segments") (not read: events inside the bounds not counted)"
            )
        } else {
            lines.append(
                "  events            \(formatCount(m.eventsScanned)) scanned, \(formatCount(m.eventsMatched)) inside the eventTime bounds"
            )
        }
        lines.append(
            "  columns seen      \(m.columns.isEmpty ? "(none: rows counted only)" : m.columns.joined(separator: ", "))"
        )
        lines.append(
            "  eventTime window  \(m.eventTimeBounds.isEmpty ? "unbounded" : m.eventTimeBounds.joined(separator: " and "))"
        )
        if !m.partitionBounds.isEmpty {
            lines.append("  partition bounds  \(m.partitionBounds.joined(separator: " and "))")
        }
        return lines
    }

    private func athenaCost(_ m: ScanMeasurement) -> [String] {
        guard let pricing else { return ["  cost              (no pricing tables)"] }
        do {
            let charge = try pricing.athenaQuery(
                scannedBytes: Decimal(m.bytesScanned), region: region, on: day, convention: .decimal)
            return [
                "  bytes billed      \(MoneyText.count(charge.scan.billedAmount)) MB (\(athenaBillingNote(pricing.rules)))",
                "  cost              \(money(charge.amount)) at \(PriceItem.athenaSQLScan) in \(region)",
            ]
        } catch {
            return ["  cost              not priced: \(error)"]
        }
    }

    /// Athena's rounding and minimum as the rules table states them: "rounded up to the MB, 10 MB minimum per query".
    private func athenaBillingNote(_ rules: BillingRules) -> String {
        let convention = rules.defaultByteConvention
        let increment = rules.athenaRoundingIncrement
        let step =
            increment.value == 1 ? "the \(convention.symbol(increment.magnitude))" : increment.description(convention)
        return "rounded up to \(step), \(rules.athenaMinimumPerQuery.description(convention)) minimum per query"
    }

    private func lakeCost(_ m: ScanMeasurement) -> [String] {
        var lines = ["  bytes billed      \(formatCount(m.bytesScanned)) bytes (no rounding or minimum documented)"]
        guard let pricing else { return lines + ["  cost              (no pricing tables)"] }
        do {
            let rate = try pricing.rate(for: .lakeScan, region: region, on: day)
            let charge = try rate.charge(.bytes(Decimal(m.bytesScanned)), convention: .decimal)
            lines.append("  cost              \(money(charge.amount)) at \(PriceItem.lakeScan) in \(region)")
        } catch {
            lines.append("  cost              not priced: \(error)")
        }
        return lines
    }

    /// Cents as billed, and the exact amount, which for one query is often far below a cent.
    private func money(_ amount: Decimal) -> String {
        var exact = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 10, .plain)
        return "\(MoneyText.usd(amount)) (exact USD \(rounded))"
    }
}

/// Rows as an aligned table, CSV or JSON.
enum RowFormatter {
    static func render(columns: [String], rows: [[SQLiteValue]], format: QueryCommand.OutputFormat) -> String {
        switch format {
        case .table: return table(columns, rows)
        case .csv:
            // Without the last line end: the caller prints the rows as one line.
            return String(CSVWriter.text([columns] + rows.map { $0.map { text($0) ?? "" } }, lineEnd: .lf).dropLast())
        case .json: return json(columns, rows)
        }
    }

    static func text(_ value: SQLiteValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let v): return String(v)
        case .real(let v): return ValuePresentation.doubleText(v)
        case .text(let v): return v
        case .blob(let v): return "blob(\(v.count) bytes)"
        }
    }

    private static func table(_ columns: [String], _ rows: [[SQLiteValue]]) -> String {
        var lines: [String] = []
        var table = TableStream(columns: columns) { lines.append($0) }
        for row in rows { table.add(row) }
        table.finish()
        return lines.joined(separator: "\n")
    }

    private static func json(_ columns: [String], _ rows: [[SQLiteValue]]) -> String {
        func quote(_ text: String) -> String {
            var bytes: [UInt8] = []
            var text = text
            text.withUTF8 { EventJSON.appendString(UnsafeRawBufferPointer($0), into: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        }
        let objects = rows.map { row in
            "{"
                + zip(columns, row).map { name, value -> String in
                    let rendered: String
                    switch value {
                    case .null: rendered = "null"
                    case .integer(let v): rendered = String(v)
                    case .real(let v):
                        rendered = v.isFinite ? ValuePresentation.doubleText(v) : quote(ValuePresentation.doubleText(v))
                    default: rendered = quote(text(value) ?? "")
                    }
                    return quote(name) + ":" + rendered
                }.joined(separator: ",") + "}"
        }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]"
    }
}

/// Rows as an aligned table, written as they come. Column widths are measured on the header and
/// the first `lookAhead` rows, which are held back until then; a later cell wider than its column
/// is printed whole (its row runs out of line), so memory stays bounded whatever the row count
/// and each row costs time in proportion to its own length.
struct TableStream {
    static let defaultLookAhead = 1000

    private let columns: [String]
    private let lookAhead: Int
    private let emit: (String) -> Void
    private var held: [[String]] = []
    private var widths: [Int]?
    private var rowCount = 0

    /// `emit` receives each line without its line end.
    init(columns: [String], lookAhead: Int = TableStream.defaultLookAhead, emit: @escaping (String) -> Void) {
        self.columns = columns
        self.lookAhead = max(lookAhead, 0)
        self.emit = emit
    }

    mutating func add(_ row: [SQLiteValue]) {
        rowCount += 1
        let cells = row.map { RowFormatter.text($0) ?? "NULL" }
        if let widths {
            emit(Self.line(cells, widths))
            return
        }
        held.append(cells)
        if held.count >= lookAhead { flushHeld() }
    }

    /// Writes what is held back and the row count.
    mutating func finish() {
        if widths == nil { flushHeld() }
        emit("(\(rowCount) row\(rowCount == 1 ? "" : "s"))")
    }

    private mutating func flushHeld() {
        var widths = columns.map(\.count)
        for row in held {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        self.widths = widths
        emit(Self.line(columns, widths))
        emit(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-"))
        for row in held { emit(Self.line(row, widths)) }
        held = []
    }

    /// Cells padded to their widths and joined with ` | `; trailing white space dropped. Built as
    /// bytes, in time linear in the line's length (`String(repeating:count:)` appends one
    /// character at a time, which made padding most of the cost).
    private static func line(_ cells: [String], _ widths: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(widths.reduce(3 * widths.count, +))
        for (index, (cell, width)) in zip(cells, widths).enumerated() {
            if index > 0 { bytes.append(contentsOf: [0x20, 0x7C, 0x20]) }
            let start = bytes.count
            bytes.append(contentsOf: cell.utf8)
            // ASCII counts by bytes; anything else by characters, as the widths were measured.
            let ascii = bytes[start...].allSatisfy { $0 < 0x80 }
            let length = ascii ? bytes.count - start : cell.count
            if length < width { bytes.append(contentsOf: repeatElement(0x20, count: width - length)) }
        }
        while let last = bytes.last, last == 0x20 || (0x09...0x0D).contains(last) { bytes.removeLast() }
        var line = String(decoding: bytes, as: UTF8.self)
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return line
    }
}
