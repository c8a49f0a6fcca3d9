import Foundation
import QueryEngine

/// Which tables of a history hold CloudTrail logs: an Athena workgroup's history holds the
/// queries of every table it reads (`--table` keeps the CloudTrail ones), and a CloudTrail Lake
/// history those of every event data store (`--event-data-store`); the others' queries would
/// otherwise be run on the CloudTrail store as if they read it.
public struct HistoryTables: Sendable {
    /// Athena table names, `*` matching any run of characters, compared without database or case;
    /// empty: every table.
    public let tables: [String]
    /// Event data store ids (`*` allowed), compared without case; empty: every event data store.
    public let eventDataStores: [String]

    /// A selection of `tables` and `eventDataStores` (both empty: everything is CloudTrail's).
    public init(_ tables: [String] = [], eventDataStores: [String] = []) {
        self.tables = tables.map { ($0.split(separator: ".").last.map(String.init) ?? $0).lowercased() }
        self.eventDataStores = eventDataStores.map { $0.lowercased() }
    }

    /// What an execution of `service` reads: Athena tables, or event data store ids.
    static func sources(of execution: QueryExecution) -> [String] {
        execution.service == .athena
            ? StatementTables.named(in: execution.sql) : StatementTables.eventDataStores(in: execution.sql)
    }

    private func patterns(for service: HistoryService) -> (patterns: [String], option: String, what: String) {
        service == .athena
            ? (tables, "--table", "a CloudTrail table")
            : (eventDataStores, "--event-data-store", "a CloudTrail event data store")
    }

    /// Why `execution` is left out (it reads a table or event data store no pattern of its
    /// service matches), nil when it is kept.
    public func reasonToLeaveOut(_ execution: QueryExecution) -> String? {
        let (patterns, option, what) = patterns(for: execution.service)
        guard !patterns.isEmpty else { return nil }
        let others = Self.sources(of: execution).filter { name in !patterns.contains { Self.matches(name, $0) } }
        guard !others.isEmpty else { return nil }
        return "reads \(others.joined(separator: ", ")), not \(what) of \(option) \(patterns.joined(separator: " "))"
    }

    /// Each table (Athena) or event data store (Lake) the executions of `service` read, with how
    /// many executions read it, most read first.
    public static func census(_ executions: [QueryExecution], service: HistoryService) -> [(
        name: String, executions: Int
    )] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for execution in executions where execution.service == service {
            for name in sources(of: execution) {
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
        }
        return order.enumerated().sorted { (counts[$1.element]!, $0.offset) < (counts[$0.element]!, $1.offset) }
            .map { ($0.element, counts[$0.element]!) }
    }

    /// The census lines of a report, `Athena tables named: cloudtrail_logs_x (12 executions),
    /// alb_logs (3); ...` and `Event data stores named: ...`, each saying what was done with it.
    public func censusLines(_ executions: [QueryExecution]) -> [String] {
        HistoryService.allCases.compactMap { service -> String? in
            let census = Self.census(executions, service: service)
            guard !census.isEmpty else { return nil }
            let counts = census.enumerated().map { index, entry in
                "\(entry.name) (\(entry.executions)\(index == 0 ? entry.executions == 1 ? " execution" : " executions" : ""))"
            }.joined(separator: ", ")
            let (patterns, option, _) = patterns(for: service)
            let label = service == .athena ? "Athena tables named" : "Event data stores named"
            if !patterns.isEmpty {
                return "\(label): \(counts); kept: those \(option) \(patterns.joined(separator: " ")) names."
            }
            return census.count == 1
                ? "\(label): \(counts)."
                : "\(label): \(counts); each taken as CloudTrail's (\(option) keeps only those that are)."
        }
    }

    /// `name` against a pattern whose `*` matches any run of characters.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return name == pattern }
        guard name.hasPrefix(parts[0]), name.count >= parts[0].count + parts.last!.count, name.hasSuffix(parts.last!)
        else { return false }
        var rest = Substring(name.dropFirst(parts[0].count).dropLast(parts.last!.count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.range(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
