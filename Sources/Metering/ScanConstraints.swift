import Foundation
import CloudTrail
import CSQLite
import QueryEngine

/// Column numbering shared by both layout tables: the `EventSchema` columns, then Athena's
/// partition columns (declared hidden; the translator lets a query name only those of the Athena
/// table in use).
enum LayoutColumns {
    static let eventColumnCount = EventSchema.columns.count
    static let partitionNames = DialectSchema.partitionColumns
    static let count = eventColumnCount + partitionNames.count

    /// `CREATE TABLE` text for `sqlite3_declare_vtab`.
    static let declaration: String = {
        let events = EventSchema.columns.map { "\"\($0.name)\"" }
        let partitions = partitionNames.map { "\"\($0)\" HIDDEN" }
        return "CREATE TABLE x(\((events + partitions).joined(separator: ", ")))"
    }()

    static func partitionIndex(ofColumn column: Int) -> Int? {
        column >= eventColumnCount && column < count ? column - eventColumnCount : nil
    }
}

/// One comparison SQLite pushed to a layout: `column <op> value`, or `column IN (values)`.
struct PushedBound: Sendable, Equatable {
    enum Operator: Character, Sendable {
        case equal = "e", inList = "i", greater = "g", greaterOrEqual = "G", less = "l", lessOrEqual = "L"

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

/// What a scan was asked for: the columns the statement uses and the bounds SQLite pushed on
/// `eventtime` and on the partition columns.
struct ScanConstraints: Sendable {
    /// SQLite's `colUsed`: bit i for column i < 63, bit 63 for any column from 63 on.
    var columnsUsed: UInt64 = 0
    var eventTime: [PushedBound] = []
    /// Bounds by partition index (`LayoutColumns.partitionNames`).
    var partitions: [Int: [PushedBound]] = [:]

    /// True when column `index` may be used (bit 63 stands for every column from 63 on).
    func uses(_ index: Int) -> Bool {
        columnsUsed & (1 << UInt64(min(index, 63))) != 0
    }
}

/// The planning both layouts share, so SQLite chooses the same plan over either table and the
/// two scans see the same bounds.
enum ScanPlanning {
    /// Fills in `info`: every usable comparison on `eventtime` and on `partitions` goes to
    /// xFilter (not omitted: SQLite still checks each row, so pruning can only drop what cannot
    /// match). The plan text carries `colUsed` and the operators.
    static func bestIndex(_ info: UnsafeMutablePointer<sqlite3_index_info>, partitions: Set<Int>) -> Int32 {
        var plan = String(info.pointee.colUsed, radix: 16) + ";"
        var argument: Int32 = 0
        var bounded = false
        for index in 0..<Int(info.pointee.nConstraint) {
            let constraint = info.pointee.aConstraint[index]
            guard constraint.usable != 0 else { continue }
            let column = Int(constraint.iColumn)
            let target: Character
            if column == EventSchema.eventTimeIndex {
                target = "t"
            } else if let partition = LayoutColumns.partitionIndex(ofColumn: column), partitions.contains(partition) {
                target = Character(String(partition))
            } else {
                continue
            }
            var op: PushedBound.Operator
            switch Int32(constraint.op) {
            case SQLITE_INDEX_CONSTRAINT_EQ: op = .equal
            case SQLITE_INDEX_CONSTRAINT_GT: op = .greater
            case SQLITE_INDEX_CONSTRAINT_GE: op = .greaterOrEqual
            case SQLITE_INDEX_CONSTRAINT_LT: op = .less
            case SQLITE_INDEX_CONSTRAINT_LE: op = .lessOrEqual
            default: continue
            }
            // Another collation (COLLATE NOCASE) orders differently from the bytes we compare.
            if let collation = sqlite3_vtab_collation(info, Int32(index)), String(cString: collation) != "BINARY" { continue }
            if op == .equal, sqlite3_vtab_in(info, Int32(index), -1) != 0 {
                _ = sqlite3_vtab_in(info, Int32(index), 1)
                op = .inList
            }
            argument += 1
            info.pointee.aConstraintUsage[index].argvIndex = argument
            info.pointee.aConstraintUsage[index].omit = 0
            plan.append(target)
            plan.append(op.rawValue)
            bounded = true
        }
        info.pointee.estimatedCost = bounded ? 100_000 : 1_000_000
        info.pointee.estimatedRows = bounded ? 10_000 : 100_000
        info.pointee.idxStr = trailmeter_sqlite_strdup(plan)
        info.pointee.needToFreeIdxStr = 1
        return SQLITE_OK
    }

    /// Reads the plan text and xFilter's argument values back into constraints.
    static func constraints(plan: String?, arguments: [OpaquePointer?]) -> ScanConstraints {
        var result = ScanConstraints()
        guard let plan, let separator = plan.firstIndex(of: ";") else {
            result.columnsUsed = .max
            return result
        }
        result.columnsUsed = UInt64(plan[..<separator], radix: 16) ?? .max
        let codes = Array(plan[plan.index(after: separator)...])
        for (position, argument) in arguments.enumerated() where position * 2 + 1 < codes.count {
            let target = codes[position * 2]
            guard let op = PushedBound.Operator(rawValue: codes[position * 2 + 1]) else { continue }
            let bound = PushedBound(op: op, values: texts(of: argument, isList: op == .inList))
            if target == "t" {
                result.eventTime.append(bound)
            } else if let partition = target.wholeNumberValue {
                result.partitions[partition, default: []].append(bound)
            }
        }
        return result
    }

    private static func texts(of value: OpaquePointer?, isList: Bool) -> [[UInt8]]? {
        func text(_ value: OpaquePointer?) -> [UInt8]? {
            guard sqlite3_value_type(value) == SQLITE_TEXT, let pointer = sqlite3_value_text(value) else { return nil }
            return Array(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_value_bytes(value))))
        }
        guard isList else { return text(value).map { [$0] } }
        var values: [[UInt8]] = []
        var element: OpaquePointer?
        var code = sqlite3_vtab_in_first(value, &element)
        while code == SQLITE_OK {
            guard let item = text(element) else { return nil }
            values.append(item)
            code = sqlite3_vtab_in_next(value, &element)
        }
        return values
    }
}
