import CloudTrail
import Foundation

/// Reads query history as the AWS CLI prints it: `aws athena batch-get-query-execution` (and
/// `get-query-execution`) and `aws cloudtrail describe-query` JSON, one object or an array of them.
///
/// Timestamps come either as epoch seconds (the API's wire form, which CLI v1 prints) or as
/// ISO-8601 text with an offset (CLI v2's default, `2024-05-01T08:00:00.123000+00:00`).
public enum HistoryReader {
    /// Every execution in the files, in file order.
    public static func read(_ paths: [String]) throws(PlanningError) -> [QueryExecution] {
        var executions: [QueryExecution] = []
        for path in paths { executions += try read(path) }
        return executions
    }

    /// The executions in one file.
    public static func read(_ path: String) throws(PlanningError) -> [QueryExecution] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(data, path: path)
    }

    /// The executions in a file's bytes; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws(PlanningError) -> [QueryExecution] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalidHistory(
                file: path, record: "", problem: "not JSON: \((error as NSError).localizedDescription)")
        }
        let reader = Document(path: path)
        if let list = root as? [Any] {
            var executions: [QueryExecution] = []
            for (index, item) in list.enumerated() { executions += try reader.response(item, at: "[\(index)]") }
            return executions
        }
        return try reader.response(root, at: "")
    }

    /// Milliseconds for an AWS CLI timestamp: epoch seconds, or ISO-8601 with `Z` or `±hh:mm`.
    public static func milliseconds(_ value: Any) -> Int64? {
        if let number = value as? NSNumber {
            // Epoch seconds of years 1 to 9999 (the range ISO-8601 text can name); anything else
            // is not a time, and would not fit the milliseconds either.
            let seconds = number.doubleValue
            guard seconds.isFinite, (-62_135_596_800...253_402_300_799).contains(seconds) else { return nil }
            return Int64((seconds * 1000).rounded())
        }
        guard let text = value as? String else { return nil }
        if text.hasSuffix("Z") { return EventTime.milliseconds(text) }
        let characters = Array(text)
        guard characters.count > 6, characters[characters.count - 3] == ":",
            let sign = ["+": Int64(1), "-": -1][String(characters[characters.count - 6])],
            let hours = Int64(String(characters[(characters.count - 5)...(characters.count - 4)])),
            let minutes = Int64(String(characters[(characters.count - 2)...])),
            let local = EventTime.milliseconds(String(characters[..<(characters.count - 6)]))
        else { return EventTime.milliseconds(text) }
        return local - sign * (hours * 60 + minutes) * 60_000
    }

    /// One file's JSON, read with the path of each value for messages.
    private struct Document {
        let path: String

        func response(_ value: Any, at record: String) throws(PlanningError) -> [QueryExecution] {
            let object = try self.object(value, at: record)
            let prefix = record.isEmpty ? "" : record + "."
            if let list = object["QueryExecutions"] {
                guard let items = list as? [Any] else {
                    throw .invalidHistory(file: path, record: prefix + "QueryExecutions", problem: "expected an array")
                }
                var executions: [QueryExecution] = []
                for (index, item) in items.enumerated() {
                    executions.append(try athena(item, at: prefix + "QueryExecutions[\(index)]"))
                }
                return executions
            }
            if let single = object["QueryExecution"] { return [try athena(single, at: prefix + "QueryExecution")] }
            if object["QueryId"] != nil || object["QueryString"] != nil { return [try lake(object, at: record)] }
            // The list calls give ids without SQL or bytes: what a user most often saves first.
            let listed =
                object["QueryExecutionIds"] != nil
                ? "; this is `aws athena list-query-executions` output (ids only): pass its ids, 50 at a time, to `aws athena batch-get-query-execution --query-execution-ids ...`"
                : object["Queries"] != nil
                    ? "; this is `aws cloudtrail list-queries` output (ids only): run `aws cloudtrail describe-query --event-data-store ID --query-id ID` for each"
                    : ""
            throw .invalidHistory(
                file: path, record: record,
                problem:
                    "neither `aws athena batch-get-query-execution` output (QueryExecutions) nor `aws cloudtrail describe-query` output (QueryId, QueryString)"
                    + listed
            )
        }

        private func athena(_ value: Any, at record: String) throws(PlanningError) -> QueryExecution {
            let object = try self.object(value, at: record)
            let status = try self.object(object["Status"], at: record + ".Status")
            let state = try string(status["State"], at: record + ".Status.State")
            let outcomes: [String: ExecutionOutcome] = [
                "SUCCEEDED": .succeeded, "FAILED": .failed, "CANCELLED": .cancelled, "QUEUED": .unfinished,
                "RUNNING": .unfinished,
            ]
            guard let outcome = outcomes[state] else {
                throw .invalidHistory(
                    file: path, record: record + ".Status.State",
                    problem: "unknown state \"\(state)\" (expected SUCCEEDED, FAILED, CANCELLED, QUEUED or RUNNING)")
            }
            let statistics = object["Statistics"] as? [String: Any]
            var execution = QueryExecution(
                id: try string(object["QueryExecutionId"], at: record + ".QueryExecutionId"), service: .athena,
                sql: try string(object["Query"], at: record + ".Query"), outcome: outcome,
                submittedMs: try time(status["SubmissionDateTime"], at: record + ".Status.SubmissionDateTime"),
                reportedBytes: try bytes(
                    statistics?["DataScannedInBytes"], at: record + ".Statistics.DataScannedInBytes"),
                statementType: object["StatementType"] as? String, origin: "\(path): \(record)")
            let reuse = statistics?["ResultReuseInformation"] as? [String: Any]
            execution.reusedResult = (reuse?["ReusedPreviousResult"] as? NSNumber)?.boolValue ?? false
            return execution
        }

        private func lake(_ object: [String: Any], at record: String) throws(PlanningError) -> QueryExecution {
            let prefix = record.isEmpty ? "" : record + "."
            let state = try string(object["QueryStatus"], at: prefix + "QueryStatus")
            let outcomes: [String: ExecutionOutcome] = [
                "FINISHED": .succeeded, "FAILED": .failed, "TIMED_OUT": .failed, "CANCELLED": .cancelled,
                "QUEUED": .unfinished, "RUNNING": .unfinished,
            ]
            guard let outcome = outcomes[state] else {
                throw .invalidHistory(
                    file: path, record: prefix + "QueryStatus",
                    problem:
                        "unknown status \"\(state)\" (expected FINISHED, FAILED, TIMED_OUT, CANCELLED, QUEUED or RUNNING)"
                )
            }
            let statistics = try self.object(object["QueryStatistics"], at: prefix + "QueryStatistics")
            return QueryExecution(
                id: try string(object["QueryId"], at: prefix + "QueryId"), service: .lake,
                sql: try string(object["QueryString"], at: prefix + "QueryString"), outcome: outcome,
                submittedMs: try time(statistics["CreationTime"], at: prefix + "QueryStatistics.CreationTime"),
                reportedBytes: try bytes(statistics["BytesScanned"], at: prefix + "QueryStatistics.BytesScanned"),
                origin: "\(path)\(record.isEmpty ? "" : ": " + record)")
        }

        private func object(_ value: Any?, at record: String) throws(PlanningError) -> [String: Any] {
            guard let value else { throw .invalidHistory(file: path, record: record, problem: "missing") }
            guard let object = value as? [String: Any] else {
                throw .invalidHistory(file: path, record: record, problem: "expected a JSON object")
            }
            return object
        }

        private func string(_ value: Any?, at record: String) throws(PlanningError) -> String {
            guard let value else { throw .invalidHistory(file: path, record: record, problem: "missing") }
            guard let text = value as? String else {
                throw .invalidHistory(file: path, record: record, problem: "expected a string")
            }
            return text
        }

        private func time(_ value: Any?, at record: String) throws(PlanningError) -> Int64 {
            guard let value else { throw .invalidHistory(file: path, record: record, problem: "missing") }
            guard let ms = HistoryReader.milliseconds(value) else {
                throw .invalidHistory(
                    file: path, record: record,
                    problem: "expected a timestamp (epoch seconds or ISO-8601 such as 2024-05-01T08:00:00+00:00)")
            }
            return ms
        }

        private func bytes(_ value: Any?, at record: String) throws(PlanningError) -> Int64? {
            guard let value else { return nil }
            guard let number = value as? NSNumber, number.int64Value >= 0,
                Double(number.int64Value) == number.doubleValue
            else {
                throw .invalidHistory(file: path, record: record, problem: "expected a whole number of bytes")
            }
            return number.int64Value
        }
    }
}
