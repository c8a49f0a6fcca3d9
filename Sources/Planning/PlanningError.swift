import Metering
import Pricing

/// Why a comparison could not be planned. Each case names the file, line and field, or the query,
/// and keeps the error that caused it.
public enum PlanningError: Error, CustomStringConvertible {
    /// The scenario file cannot be read.
    case unreadable(file: String, reason: String)
    /// The file is not YAML, with the parser's position.
    case syntax(file: String, line: Int, column: Int, problem: String)
    /// A field holds something other than what it must (`expected` says what).
    case invalidField(file: String, line: Int, field: String, problem: String)
    /// A key the format does not have (a misspelling would otherwise be ignored).
    case unknownField(file: String, line: Int, field: String, known: [String])
    /// A required field is missing.
    case missingField(file: String, line: Int, field: String)
    /// A workload query failed on the sample.
    case queryFailed(origin: String, query: String, cause: MeteringError)
    /// A command-line override is malformed.
    case invalidOption(option: String, problem: String)
    /// The embedded sample cannot be prepared, or the sample store cannot be read.
    case sample(String)
    /// The store at `path` holds nothing a query can be measured on (no events, only a listing).
    case emptySample(path: String, problem: String)
    /// The sample store at `path` cannot be opened or read.
    case sampleStore(path: String, cause: MeteringError)
    /// The pricing tables cannot price an item the comparison needs (`context` names it).
    case pricing(context: String, cause: PricingError)
    /// A query-history file (AWS CLI JSON) holds something other than Athena or CloudTrail Lake
    /// query executions; `record` is the JSON path of the offending value (`QueryExecutions[2].Status.State`).
    case invalidHistory(file: String, record: String, problem: String)
    /// A history execution `calibrate` ran on the store was stopped by the query limits; `origin`
    /// is where the history holds it (`history.json: QueryExecutions[3]`), `id` its execution id.
    case historyQueryStopped(origin: String, id: String, cause: MeteringError)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the scenario: \(reason)"
        case .syntax(let file, let line, let column, let problem):
            return "\(file):\(line):\(column): not valid YAML: \(problem)"
        case .invalidField(let file, let line, let field, let problem):
            return "\(file):\(line): \(field): \(problem)"
        case .unknownField(let file, let line, let field, let known):
            return "\(file):\(line): \(field): unknown field (expected one of: \(known.joined(separator: ", ")))"
        case .missingField(let file, let line, let field):
            return "\(file):\(line): \(field): required field is missing"
        case .queryFailed(let origin, let query, let cause):
            return "\(origin): query \"\(query)\" failed on the sample: \(cause)"
        case .invalidOption(let option, let problem):
            return "\(option): \(problem)"
        case .sample(let reason):
            return "cannot measure the sample: \(reason)"
        case .emptySample(let path, let problem):
            return "cannot measure the sample: \(path) \(problem)"
        case .sampleStore(let path, let cause):
            return "cannot measure the sample at \(path): \(cause)"
        case .pricing(let context, let cause):
            return "cannot price the comparison: \(context)\(context.isEmpty ? "" : ": ")\(cause)"
        case .invalidHistory(let file, let record, let problem):
            return "\(file): \(record.isEmpty ? "" : "\(record): ")\(problem)"
        case .historyQueryStopped(let origin, let id, let cause):
            return "\(origin): execution \(id) stopped while calibrating on the store: \(cause)"
        }
    }
}
