import CloudTrail
import Foundation
import QueryEngine
import SQLite

/// Column numbering shared by both layout tables: the `EventSchema` columns, then Athena's
/// partition columns (declared hidden; the translator lets a query name only those of the Athena
/// table in use), then the Hive file columns `$path` and `$file_size` (hidden too).
enum LayoutColumns {
    static let eventColumnCount = EventSchema.columns.count
    static let partitionNames = DialectSchema.partitionColumns
    static let pathColumn = eventColumnCount + partitionNames.count
    static let fileSizeColumn = pathColumn + 1
    static let count = fileSizeColumn + 1

    /// `CREATE TABLE` text for `sqlite3_declare_vtab`.
    static let declaration: String = {
        let events = EventSchema.columns.map { "\"\($0.name)\"" }
        let hidden = (partitionNames + DialectSchema.fileColumns).map { "\"\($0)\" HIDDEN" }
        return "CREATE TABLE x(\((events + hidden).joined(separator: ", ")))"
    }()

    /// The name of layout column `column`.
    static func name(ofColumn column: Int) -> String {
        if column < eventColumnCount { return EventSchema.columns[column].name }
        if let partition = partitionIndex(ofColumn: column) { return partitionNames[partition] }
        return column == pathColumn ? "$path" : "$file_size"
    }

    /// The layout column named `name` outside the event columns, nil for any other name.
    static func hiddenColumn(named name: String) -> Int? {
        if let partition = partitionNames.firstIndex(of: name) { return eventColumnCount + partition }
        switch name {
        case "$path": return pathColumn
        case "$file_size": return fileSizeColumn
        default: return nil
        }
    }

    static func partitionIndex(ofColumn column: Int) -> Int? {
        column >= eventColumnCount && column < pathColumn ? column - eventColumnCount : nil
    }
}

/// One comparison SQLite pushed to a layout: `column <op> value`, or `column IN (values)`.
struct PushedBound: Sendable, Equatable {
    enum Operator: Character, Sendable {
        case equal = "e"
        case inList = "i"
        case greater = "g"
        case greaterOrEqual = "G"
        case less = "l"
        case lessOrEqual = "L"

        var symbol: String {
            switch self {
            case .equal: "="
            case .inList: "IN"
            case .greater: ">"
            case .greaterOrEqual: ">="
            case .less: "<"
            case .lessOrEqual: "<="
            }
        }
    }

    let op: Operator
    /// The right-hand values as UTF-8 text; nil when one is not text, which SQLite compares by
    /// type rules no layout prunes by.
    let values: [[UInt8]]?

    /// True when a value `text` can satisfy the bound (SQLite's BINARY collation: byte order).
    func admits(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let values else { return true }
        return values.contains { value in
            let order = Self.compare(text, value)
            switch op {
            case .equal, .inList: return order == 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            }
        }
    }

    /// True when some value between `minimum` and `maximum` (inclusive) can satisfy the bound.
    func admitsRange(_ minimum: [UInt8], _ maximum: [UInt8]) -> Bool {
        guard let values else { return true }
        return values.contains { value in
            minimum.withUnsafeBytes { low in
                maximum.withUnsafeBytes { high in
                    switch op {
                    case .equal, .inList: return Self.compare(low, value) <= 0 && Self.compare(high, value) >= 0
                    case .greater: return Self.compare(high, value) > 0
                    case .greaterOrEqual: return Self.compare(high, value) >= 0
                    case .less: return Self.compare(low, value) < 0
                    case .lessOrEqual: return Self.compare(low, value) <= 0
                    }
                }
            }
        }
    }

    /// e.g. `>= '2022-01-22 00:00:30.000'`.
    var description: String {
        let shown = values.map { $0.map { "'\(String(decoding: $0, as: UTF8.self))'" } } ?? ["(not text)"]
        return op == .inList ? "IN (\(shown.joined(separator: ", ")))" : "\(op.symbol) \(shown.joined())"
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        b.withUnsafeBytes { b in
            let common = min(a.count, b.count)
            let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
            return order != 0 ? order : a.count - b.count
        }
    }
}

/// What a scan was asked for: the columns the statement uses, the bounds SQLite pushed on
/// `eventtime` and on the partition columns, text comparisons on other event columns, and the
/// LIMIT of a statement whose ORDER BY SQLite still carries out.
struct ScanConstraints: Sendable {
    /// SQLite's `colUsed`: bit i for column i < 63, bit 63 for any column from 63 on.
    var columnsUsed: UInt64 = 0
    var eventTime: [PushedBound] = []
    /// Bounds by partition index (`LayoutColumns.partitionNames`).
    var partitions: [Int: [PushedBound]] = [:]
    /// Bounds on `"$path"`: Trino's Hive connector skips the files whose path they exclude.
    var path: [PushedBound] = []
    /// `column GLOB pattern` and `column = text` on event columns. SQLite checks them again on
    /// every row it gets (none is omitted), so a layout may use them to hand over fewer rows.
    var textFilters: [TextFilter] = []
    /// LIMIT plus OFFSET, when SQLite passed them; with `orderBy`, only the rows that could be
    /// among that many first rows of the sorted result are needed.
    var rowLimit: Int64?
    /// The first ORDER BY term when SQLite passed the LIMIT: (column, descending).
    var orderBy: (column: Int, descending: Bool)?

    /// True when column `index` may be used (bit 63 stands for every column from 63 on).
    func uses(_ index: Int) -> Bool {
        columnsUsed & (1 << UInt64(min(index, 63))) != 0
    }
}

/// The planning both layouts share, so SQLite chooses the same plan over either table and the
/// two scans see the same bounds.
enum ScanPlanning {
    /// Fills in `info`: every usable comparison on `eventtime` and on `partitions`, and every GLOB
    /// or `=` on another event column, goes to xFilter, none omitted: SQLite still checks each row,
    /// so a layout can only drop what cannot match. LIMIT (and OFFSET) go too when SQLite offers
    /// them and every other constraint is taken, as SQLite requires. The plan text carries
    /// `colUsed`, one token per xFilter argument, and the first ORDER BY term.
    static func bestIndex(_ info: IndexInfo, partitions: Set<Int>) {
        var tokens: [String] = []
        var bounded = false
        var everyConstraintTaken = true
        var limits: [(index: Int, token: String)] = []
        let constraints = info.constraints
        for (index, constraint) in constraints.enumerated() {
            switch constraint.op {
            case .limit:
                limits.append((index, "L"))
                continue
            case .offset:
                limits.append((index, "O"))
                continue
            default: break
            }
            guard constraint.isUsable,
                let token = token(for: constraint, at: index, info: info, partitions: partitions)
            else {
                everyConstraintTaken = false
                continue
            }
            tokens.append(token)
            info.pass(constraint: index, asArgument: tokens.count)
            if token.first == "t" || token.first == "p" || token.first?.isNumber == true { bounded = true }
        }
        var order = ""
        // SQLite passes LIMIT only for a lone virtual table whose ORDER BY terms are all its columns.
        if everyConstraintTaken, !limits.isEmpty, limits.allSatisfy({ constraints[$0.index].isUsable }) {
            for limit in limits {
                tokens.append(limit.token)
                info.pass(constraint: limit.index, asArgument: tokens.count)
            }
            if let term = info.orderBy.first {
                order = "|\(term.column)\(term.descending ? "d" : "a")"
            }
        }
        let plan = String(info.columnsUsed, radix: 16) + ";" + tokens.joined(separator: ",") + order
        info.estimate(cost: bounded ? 100_000 : 1_000_000, rows: bounded ? 10_000 : 100_000)
        info.setPlan(plan)
    }

    /// The plan token of one usable constraint (`t` and an operator for eventtime, a partition
    /// index and an operator, `p` and an operator for `$path`, `g` or `q` and a column for GLOB
    /// or `=` on text), nil when no layout takes it.
    private static func token(
        for constraint: IndexInfo.Constraint, at index: Int, info: IndexInfo, partitions: Set<Int>
    ) -> String? {
        let column = constraint.column
        // Another collation (COLLATE NOCASE) orders differently from the bytes we compare.
        func binary() -> Bool { (info.collation(ofConstraint: index) ?? "BINARY") == "BINARY" }
        if column >= 0, column < LayoutColumns.eventColumnCount, column != EventSchema.eventTimeIndex,
            column != EventSchema.eventJSONIndex
        {
            if constraint.op == .glob { return "g\(column)" }
            if constraint.op == .equal, binary(), !info.isInList(index) { return "q\(column)" }
            return nil
        }
        let target: String
        if column == EventSchema.eventTimeIndex {
            target = "t"
        } else if let partition = LayoutColumns.partitionIndex(ofColumn: column), partitions.contains(partition) {
            target = String(partition)
        } else if column == LayoutColumns.pathColumn, info.hasConstantValue(index) || info.isInList(index) {
            target = "p"
        } else {
            return nil
        }
        var op: PushedBound.Operator
        switch constraint.op {
        case .equal: op = .equal
        case .greater: op = .greater
        case .greaterOrEqual: op = .greaterOrEqual
        case .less: op = .less
        case .lessOrEqual: op = .lessOrEqual
        default: return nil
        }
        guard binary() else { return nil }
        if op == .equal, info.isInList(index) {
            info.takeInListWhole(index)
            op = .inList
        }
        return target + String(op.rawValue)
    }

    /// Reads the plan text and xFilter's argument values back into constraints.
    static func constraints(plan: String?, arguments: FunctionArguments) -> ScanConstraints {
        var result = ScanConstraints()
        guard let plan, let separator = plan.firstIndex(of: ";") else {
            result.columnsUsed = .max
            return result
        }
        result.columnsUsed = UInt64(plan[..<separator], radix: 16) ?? .max
        let rest = plan[plan.index(after: separator)...]
        let parts = rest.split(separator: "|", omittingEmptySubsequences: false)
        let tokens = parts[0].split(separator: ",")
        var limit: Int64?
        var offset: Int64 = 0
        for (token, position) in zip(tokens, 0..<arguments.count) {
            let argument = arguments[position]
            let head = token.first!
            switch head {
            case "g", "q":
                guard let column = Int(token.dropFirst()) else { continue }
                result.textFilters.append(
                    TextFilter(column: column, kind: head == "g" ? .glob : .equal, value: text(of: argument)))
            case "L", "O":
                // A LIMIT or OFFSET that is not a non-negative integer means no limit here.
                let value = argument.type == .integer ? argument.int64 : -1
                if head == "L" { limit = value } else { offset = value }
            default:
                guard let op = PushedBound.Operator(rawValue: token.last!) else { continue }
                let bound = PushedBound(op: op, values: texts(of: argument, isList: op == .inList))
                if head == "t" {
                    result.eventTime.append(bound)
                } else if head == "p" {
                    result.path.append(bound)
                } else if let partition = Int(token.dropLast()) {
                    result.partitions[partition, default: []].append(bound)
                }
            }
        }
        if let limit, limit >= 0, offset >= 0, limit <= Int64(Int32.max), offset <= Int64(Int32.max) {
            result.rowLimit = limit + offset
            if parts.count > 1, let direction = parts[1].last, let column = Int(parts[1].dropLast()) {
                result.orderBy = (column, direction == "d")
            }
        }
        return result
    }

    private static func text(of value: ValueReference) -> [UInt8]? {
        guard value.type == .text, let bytes = value.bytes else { return nil }
        return Array(bytes)
    }

    private static func texts(of value: ValueReference, isList: Bool) -> [[UInt8]]? {
        guard isList else { return text(of: value).map { [$0] } }
        var values: [[UInt8]]? = []
        value.forEachInListMember { member in
            guard let item = text(of: member) else {
                values = nil
                return false
            }
            values?.append(item)
            return true
        }
        return values
    }
}
