import Foundation
import QueryEngine

/// Which Athena tables of a history hold CloudTrail logs (`--table`): an Athena workgroup's
/// history holds the queries of every table it reads, and those of other logs would otherwise be
/// run on the CloudTrail store as if they read it.
public struct HistoryTables: Sendable {
    /// Table names, `*` matching any run of characters, compared without database or case;
    /// empty: every table.
    public let patterns: [String]

    public init(_ patterns: [String] = []) {
        self.patterns = patterns.map { ($0.split(separator: ".").last.map(String.init) ?? $0).lowercased() }
    }

    /// Why `execution` is left out (it names a table no pattern matches), nil when it is kept.
    /// Lake executions name an event data store, never a table, and are always kept.
    public func reasonToLeaveOut(_ execution: QueryExecution) -> String? {
        guard !patterns.isEmpty, execution.service == .athena else { return nil }
        let others = StatementTables.named(in: execution.sql).filter { name in
            !patterns.contains { Self.matches(name, $0) }
        }
        guard !others.isEmpty else { return nil }
        return
            "reads \(others.joined(separator: ", ")), not a CloudTrail table of --table \(patterns.joined(separator: " "))"
    }

    /// Each Athena table the executions name, with how many executions name it, most named first.
    public static func census(_ executions: [QueryExecution]) -> [(table: String, executions: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for execution in executions where execution.service == .athena {
            for name in StatementTables.named(in: execution.sql) {
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
        }
        return order.enumerated().sorted { (counts[$1.element]!, $0.offset) < (counts[$0.element]!, $1.offset) }
            .map { ($0.element, counts[$0.element]!) }
    }

    /// The census in one line for a report, `cloudtrail_logs_x (12 executions), alb_logs (3)`,
    /// and what was done with it; nil when no Athena execution names a table.
    public func censusText(_ executions: [QueryExecution]) -> String? {
        let census = Self.census(executions)
        guard !census.isEmpty else { return nil }
        let counts = census.enumerated().map { index, entry in
            "\(entry.table) (\(entry.executions)\(index == 0 ? entry.executions == 1 ? " execution" : " executions" : ""))"
        }.joined(separator: ", ")
        if !patterns.isEmpty { return counts + "; kept: those --table \(patterns.joined(separator: " ")) names" }
        return census.count == 1
            ? counts : counts + "; each taken as a CloudTrail table (--table NAME... keeps only those that are)"
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
