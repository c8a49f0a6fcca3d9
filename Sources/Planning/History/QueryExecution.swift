import CloudTrail
import QueryEngine

/// The service a query execution ran on, which decides its dialect and the layout it read.
public enum HistoryService: String, Sendable, CaseIterable {
    /// Amazon Athena over the raw gzip logs (`batch-get-query-execution`).
    case athena
    /// AWS CloudTrail Lake over its event data store (`describe-query`).
    case lake

    /// The SQL dialect the service's queries are written in.
    public var dialect: Dialect { self == .athena ? .athena : .lake }

    /// The name users know the service by.
    public var title: String { self == .athena ? "Athena" : "CloudTrail Lake" }
}

/// How an execution ended, folded from each service's states.
public enum ExecutionOutcome: String, Sendable, CaseIterable {
    /// Athena `SUCCEEDED`, Lake `FINISHED`.
    case succeeded
    /// Athena `FAILED`, Lake `FAILED` or `TIMED_OUT`.
    case failed
    /// `CANCELLED`.
    case cancelled
    /// `QUEUED` or `RUNNING` when the history was read.
    case unfinished
}

/// One query execution as the service reported it.
public struct QueryExecution: Sendable, Equatable {
    /// The service's id (`QueryExecutionId`, `QueryId`).
    public var id: String
    public var service: HistoryService
    /// The SQL as submitted.
    public var sql: String
    public var outcome: ExecutionOutcome
    /// When the query was submitted (Athena `SubmissionDateTime`, Lake `CreationTime`), epoch ms.
    public var submittedMs: Int64
    /// What the service says it scanned (`DataScannedInBytes`, `BytesScanned`); nil when absent.
    public var reportedBytes: Int64?
    /// Athena's `StatementType` (`DML`, `DDL`, `UTILITY`); nil for Lake or when absent.
    public var statementType: String?
    /// Where the execution was read (`history.json: QueryExecutions[3]`), for messages.
    public var origin: String
    /// Athena returned a previous execution's result (`ResultReuseInformation.ReusedPreviousResult`):
    /// it scanned nothing and billed no scan.
    public var reusedResult = false

    public init(
        id: String, service: HistoryService, sql: String, outcome: ExecutionOutcome, submittedMs: Int64,
        reportedBytes: Int64?, statementType: String? = nil, origin: String
    ) {
        self.id = id
        self.service = service
        self.sql = sql
        self.outcome = outcome
        self.submittedMs = submittedMs
        self.reportedBytes = reportedBytes
        self.statementType = statementType
        self.origin = origin
    }

    /// The submission time as `2024-05-01T08:00:00Z`.
    public var submittedISO: String { EventTime.iso(submittedMs) }
}

extension QueryExecution {
    /// An Athena statement that writes its query's result (`INSERT INTO`, `CREATE TABLE AS`,
    /// `UNLOAD`); nil for any other SQL.
    public var writing: WritingStatement? { service == .athena ? WritingStatement.of(sql) : nil }

    /// The SQL TrailMeter meters: the query of a statement that writes its result (Athena bills
    /// the scan of it, and TrailMeter never writes), else the SQL as submitted.
    public var meteredSQL: String { writing?.query ?? sql }
}
