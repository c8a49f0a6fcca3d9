import ArgumentParser
import Foundation
import Metering
import Pricing
import QueryEngine

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run Athena or CloudTrail Lake SQL on a store; print the rows and what each layout scans and costs.",
        discussion: """
            The query runs on the columnar (Lake-style) layout, which is metered as it reads. The raw \
            (Athena-style) layout is metered from its plan: the files partition pruning keeps, taken \
            from the catalog. --verify runs the query on the raw files too, compares the rows (in any \
            order without ORDER BY; a LIMIT no ORDER BY decides may keep other rows, checked against \
            the whole result) and checks the planned bytes against the bytes read. `#` starts a comment to the end of the \
            line, as in the article query that carries `#テーブル名は一意`.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "The store file.")
    var store: String

    @Option(help: "The SQL dialect: athena or lake (detected from the query when omitted).")
    var dialect: Dialect?

    @Option(
        help:
            "The Athena table the raw layout stands for: unpartitioned (console table) or projected (partition projection). Default: assumed from the partition columns the query uses."
    )
    var athenaTable: AthenaTableKind?

    @Option(
        help:
            "The user's own Athena table: a file holding its CREATE EXTERNAL TABLE statement (columns and their types, PARTITIONED BY, TBLPROPERTIES projection.*)."
    )
    var athenaDdl: String?

    @Option(
        name: .customLong("param"),
        help: "A value for a template placeholder in the query, as name=value (repeatable).")
    var parameters: [String] = []

    @Option(
        help:
            "How to print the rows: table, csv or json. With csv and json only the rows go to stdout; the meter goes to stderr."
    )
    var format: OutputFormat = .table

    @Flag(help: "Show what each layout pruned and why, and the SQL given to SQLite.")
    var explain = false

    @Flag(help: "Also execute on the raw log files; compare rows and planned against read bytes.")
    var verify = false

    @Flag(
        help:
            "Print what each layout would scan and cost without running the query or reading event data, labelled exact or upper bound."
    )
    var dryRun = false

    @Option(help: "The time now() and current_timestamp stand for (ISO-8601, UTC); default the system clock.")
    var now: String?

    @Option(help: "The region whose rates price the scans.")
    var region = "us-east-1"

    @Option(
        help: "The pricing tables directory (default: $TRAILMETER_PRICING, else the tables installed with TrailMeter).")
    var pricing: String?

    @OptionGroup var queryLimits: QueryLimitOptions

    @Option(name: .customLong("file"), help: "Read the SQL from this file.")
    var sqlFile: String?

    @Argument(help: "The SQL (or use --file).")
    var sql: String?

    func validate() throws {
        guard (sql == nil) != (sqlFile == nil) else {
            throw ValidationError("give the SQL as an argument or with --file, not both or neither")
        }
        if let now, QueryClock.fixed(now) == nil { throw ValidationError("--now: '\(now)' is not an ISO-8601 time") }
        if dryRun, verify { throw ValidationError("--dry-run reads no event data; it cannot --verify") }
        if athenaTable != nil, athenaDdl != nil {
            throw ValidationError("give the Athena table as --athena-table or --athena-ddl, not both")
        }
        _ = try parameterValues()
    }

    /// `--param name=value` pairs by name.
    func parameterValues() throws -> [String: String] {
        var values: [String: String] = [:]
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                throw ValidationError("--param '\(parameter)': expected name=value")
            }
            values[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
        }
        return values
    }

    func run() throws {
        let text: String
        if let sqlFile {
            guard let contents = try? String(contentsOfFile: sqlFile, encoding: .utf8) else {
                printError("error: cannot read \(sqlFile)")
                throw ExitStatus.ioError
            }
            text = contents
        } else {
            text = sql!
        }
        let clock = now.flatMap(QueryClock.fixed) ?? .system
        let definition = try athenaDdl.map(AthenaDDLFile.read)
        let parameterValues = try parameterValues()
        let limits = queryLimits.limits
        // Rows go out as SQLite produces them; the meter and costs follow once it is done. In a table
        // the header (dialect, assumed table, placeholders) comes first, so it is known beforehand.
        let (metered, result, dry) = try reportingErrors {
            let metered = try MeteredStore(
                path: store, athenaTable: athenaTable ?? .unpartitioned, athenaDefinition: definition, clock: clock)
            metered.assumesAthenaTable = athenaTable == nil && definition == nil
            metered.parameters = parameterValues
            if dryRun {
                let dry = try metered.dryRun(text, dialect: dialect)
                return (metered, dry.asResult, Optional(dry))
            }
            let translation = try metered.translate(text, dialect: dialect, layout: .columnar)
            if format == .table {
                print(
                    header(
                        translation, definition: definition, locationNote: metered.athenaLocationNote,
                        objectPrefixNote: metered.objectPrefixNote(for: translation)))
                fflush(nil)  // rows go out through the file handle, not stdio
            }
            let output = RowStream(format: format, columns: translation.columns)
            let result = try metered.stream(text, dialect: dialect, verify: verify, limits: limits, onRow: output.add)
            output.finish()
            return (metered, result, nil)
        }
        let athenaShape = athenaShape(result.translation, definition: definition)
        let bound = Set(result.translation.placeholders.map(\.name))
        for name in parameterValues.keys.sorted() where !bound.contains(name) {
            printError("warning: --param \(name) matches no placeholder of the query; it was not used")
        }
        let day = pricingDay(clock)
        let tables: PricingTables?
        do {
            tables = try PricingTables.load(from: PricingLocation.directory(given: pricing).url)
        } catch {
            printError("warning: pricing tables not loaded, costs omitted: \(error)")
            tables = nil
        }
        let report = QueryReport(
            result: result, athenaShape: athenaShape, athenaShapeAssumed: athenaTable == nil && definition == nil,
            dialectGiven: dialect != nil, store: metered,
            pricing: tables, region: region, day: day, dryRun: dry, sampleNote: QueryReport.sampleNote(storeAt: store))
        if dry != nil {
            // A dry run has no rows: what each layout would read is its data.
            print(report.header() + report.meter(explain: explain))
            return
        }
        if format == .table {
            print(report.meter(explain: explain))
        } else {
            // stdout stays one whole CSV or JSON document; what was read and what it costs goes to stderr.
            printError(report.header() + report.meter(explain: explain))
        }
        if let verification = result.verification, !(verification.rowsMatch && verification.bytesMatch) {
            printError("error: --verify found the layouts disagreeing (see above)")
            throw ExitStatus.internalError
        }
    }

    private func athenaShape(_ translation: Translation, definition: AthenaTableDefinition?) -> String {
        if let definition { return "\(definition.shape) (\(definition.tableName), from \(athenaDdl!))" }
        if let athenaTable { return athenaTable.rawValue }
        return AthenaTableKind.assumedShape(partitionsUsed: translation.partitionsUsed)
    }

    private func header(
        _ translation: Translation, definition: AthenaTableDefinition?, locationNote: String?, objectPrefixNote: String?
    ) -> String {
        QueryReport.header(
            translation, dialectGiven: dialect != nil, athenaShape: athenaShape(translation, definition: definition),
            athenaShapeAssumed: athenaTable == nil && definition == nil, locationNote: locationNote,
            objectPrefixNote: objectPrefixNote)
    }

    private func pricingDay(_ clock: QueryClock) -> CalendarDay {
        CalendarDay(daysSinceEpoch: Int(clock.now() / 86_400_000))
    }
}

extension Dialect: ExpressibleByArgument {}
extension AthenaTableKind: ExpressibleByArgument {}

/// Reads `--athena-ddl` files for `query` and `calibrate`.
enum AthenaDDLFile {
    static func read(_ path: String) throws -> AthenaTableDefinition {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("error: cannot read \(path)")
            throw ExitStatus.ioError
        }
        do {
            return try AthenaTableDefinition.parse(text)
        } catch {
            printError("error: \(path): \(error)")
            throw ExitStatus.dataError
        }
    }
}
