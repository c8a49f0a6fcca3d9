import Foundation
import Planning
import TestSupport
import Testing

/// What each execution of a history read and was billed for: an Athena workgroup's history mixes
/// the CloudTrail table's queries with other tables' (`--table` keeps the CloudTrail ones, and the
/// report names every table either way), statements that write their query's result, and
/// results Athena reused.
@Suite("What a history's executions read and were billed for")
struct HistoryExecutionTests {
    static func execution(_ id: String, _ sql: String, service: HistoryService = .athena) -> QueryExecution {
        QueryExecution(
            id: id, service: service, sql: sql, outcome: .succeeded, submittedMs: 1_642_982_400_000,
            reportedBytes: 1_000, statementType: service == .athena ? "DML" : nil, origin: "test")
    }

    static let history = [
        execution("ct1", "SELECT eventname, count(*) FROM cloudtrail_logs_acme GROUP BY eventname"),
        execution("ct2", #"SELECT count(*) FROM "default"."CloudTrail_Logs_Acme" WHERE eventname = 'ConsoleLogin'"#),
        execution("alb", "SELECT count(*) FROM alb_logs"),
        execution("lake", "SELECT eventName FROM 880143b0-368b-4ef8-a6e1-887a48146de7", service: .lake),
    ]

    @Test func patternsKeepTheCloudTrailTables() {
        for patterns in [["cloudtrail_*"], ["*_acme"], ["default.CLOUDTRAIL_LOGS_ACME"], ["c*trail*acme"]] {
            let tables = HistoryTables(patterns)
            #expect(
                Self.history.map { tables.reasonToLeaveOut($0) == nil } == [true, true, false, true], "\(patterns)")
        }
        #expect(
            HistoryTables(["cloudtrail_*"]).reasonToLeaveOut(Self.history[2])
                == "reads alb_logs, not a CloudTrail table of --table cloudtrail_*")
        #expect(Self.history.allSatisfy { HistoryTables().reasonToLeaveOut($0) == nil })
        #expect(HistoryTables(["cloudtrail"]).reasonToLeaveOut(Self.history[0]) != nil)
        // Event data stores are chosen apart: a table pattern leaves Lake executions alone.
        let configStore = Self.execution(
            "config", "SELECT eventData.configuration FROM 11111111-2222-3333-4444-555555555555", service: .lake)
        let stores = HistoryTables(eventDataStores: ["880143B0-*"])
        #expect(stores.reasonToLeaveOut(Self.history[3]) == nil)
        #expect(
            stores.reasonToLeaveOut(configStore)
                == "reads 11111111-2222-3333-4444-555555555555, not a CloudTrail event data store of --event-data-store 880143b0-*"
        )
        #expect(stores.reasonToLeaveOut(Self.history[2]) == nil)
    }

    @Test func theCensusNamesEveryTable() {
        #expect(
            HistoryTables().censusLines(Self.history) == [
                "Athena tables named: cloudtrail_logs_acme (2 executions), alb_logs (1); each taken as CloudTrail's (--table keeps only those that are).",
                "Event data stores named: 880143b0-368b-4ef8-a6e1-887a48146de7 (1 execution).",
            ])
        #expect(
            HistoryTables(["cloudtrail_*"]).censusLines(Self.history).first
                == "Athena tables named: cloudtrail_logs_acme (2 executions), alb_logs (1); kept: those --table cloudtrail_* names."
        )
        #expect(
            HistoryTables().censusLines(Array(Self.history.prefix(1)))
                == ["Athena tables named: cloudtrail_logs_acme (1 execution)."])
    }

    @Test func theWorkloadLeavesOtherTablesOutWithTheReason() throws {
        let workload = try WorkloadImporter.workload(
            Self.history, sources: ["history.json"], tables: HistoryTables(["cloudtrail_*"]))
        #expect(workload.runnable.map(\.sql) == [Self.history[0].sql, Self.history[1].sql, Self.history[3].sql])
        let yaml = workload.yaml()
        #expect(yaml.contains("# Athena tables named: cloudtrail_logs_acme (2 executions), alb_logs (1); kept:"))
        #expect(yaml.contains("# Event data stores named: 880143b0-368b-4ef8-a6e1-887a48146de7 (1 execution)."))
        #expect(yaml.contains("#     reason: reads alb_logs, not a CloudTrail table of --table cloudtrail_*"))
    }

    @Test func calibrationLeavesOtherTablesOutWithTheReason() throws {
        let calibration = try Calibrator.calibrate(
            Self.history, storeAt: PlanningFixture.built.storePath, limits: .unlimited,
            tables: HistoryTables(["cloudtrail_*"]))
        #expect(calibration.entries.map(\.execution.id) == ["ct1", "ct2", "lake"])
        #expect(calibration.skipped.map(\.execution.id) == ["alb"])
        #expect(
            calibration.report.contains("alb (test): reads alb_logs, not a CloudTrail table of --table cloudtrail_*"))
        #expect(calibration.report.contains("Athena tables named: cloudtrail_logs_acme (2 executions), alb_logs (1)"))
    }

    /// `INSERT INTO ... SELECT` (how a self-managed columnar copy is filled) is billed for its
    /// query's scan: the workload runs that query, and calibration plans it.
    @Test func aStatementThatWritesIsMeteredOnItsQuery() throws {
        let select = "SELECT eventname, eventtime FROM cloudtrail_logs_acme WHERE eventname = 'ConsoleLogin'"
        let insert = Self.execution("etl", "INSERT INTO trail_parquet " + select)
        let workload = try WorkloadImporter.workload([insert], sources: ["history.json"])
        #expect(workload.runnable.map(\.sql) == [select])
        #expect(
            workload.yaml().contains("  # INSERT INTO trail_parquet: its query is run, as Athena bills the scan of it"))
        let planned = { (execution: QueryExecution) in
            try Calibrator.calibrate([execution], storeAt: PlanningFixture.built.storePath, limits: .unlimited).entries
                .map(\.plannedBytes)
        }
        #expect(try planned(insert) == planned(Self.execution("select", select)))
        #expect(try planned(insert).first ?? 0 > 0)
    }

    /// Athena's result reuse returns an earlier execution's result: nothing was scanned or billed,
    /// so the workload does not count it as a run and calibration does not compare it.
    @Test func reusedResultsAreNotRunsAndNotCompared() throws {
        let path = Scratch.path("reuse.json").path
        let sql = "SELECT eventname, count(*) FROM cloudtrail_logs_acme GROUP BY eventname"
        let executions = (0..<4).map { index in
            """
            {"QueryExecutionId": "run-\(index)", "Query": "\(sql)", "StatementType": "DML",
             "Status": {"State": "SUCCEEDED", "SubmissionDateTime": \(1_642_982_400 + index * 3_600)},
             "Statistics": {"DataScannedInBytes": \(index == 0 ? 1_000 : 0),
                            "ResultReuseInformation": {"ReusedPreviousResult": \(index == 0 ? "false" : "true")}}}
            """
        }
        try "{\"QueryExecutions\": [\(executions.joined(separator: ","))]}".write(
            toFile: path, atomically: true, encoding: .utf8)
        let history = try HistoryReader.read([path])
        #expect(history.map(\.reusedResult) == [false, true, true, true])
        let workload = try WorkloadImporter.workload(history, sources: [path])
        #expect(workload.queries.map(\.succeededMs.count) == [1])
        #expect(workload.queries.map(\.reused) == [3])
        #expect(workload.queries[0].frequency?.count == 1)
        let yaml = workload.yaml()
        #expect(yaml.contains("# 3 succeeded Athena executions reused a previous result"))
        #expect(yaml.contains("Athena: 4 succeeded (3 reused a previous result), 0 failed"))
        let calibration = try Calibrator.calibrate(
            history, storeAt: PlanningFixture.built.storePath, limits: .unlimited)
        #expect(calibration.entries.map(\.execution.id) == ["run-0"])
        #expect(
            calibration.skipped.map(\.reason)
                == Array(repeating: "Athena reused a previous result: it scanned nothing", count: 3))
    }
}
