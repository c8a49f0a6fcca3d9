import Foundation
import Yams

/// A YAML document being read, with accessors that report the file, line and field on a mismatch.
struct SourceFile {
    let path: String

    func compose(_ text: String) throws(PlanningError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PlanningError.invalidField(file: path, line: 1, field: "scenario", problem: "the file is empty")
            }
            return node
        } catch let error as PlanningError {
            throw error
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                throw .syntax(file: path, line: mark.line, column: mark.column, problem: problem)
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw .syntax(
                    file: path, line: context.mark.line, column: context.mark.column,
                    problem: "duplicate key \(duplicates.joined(separator: ", "))")
            default:
                throw .syntax(file: path, line: 1, column: 1, problem: "\(error)")
            }
        } catch {
            throw .syntax(file: path, line: 1, column: 1, problem: "\(error)")
        }
    }

    func mapping(_ node: Node, field: String) throws(PlanningError) -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw .invalidField(
                file: path, line: node.line, field: field, problem: "expected a mapping of keys to values")
        }
        var pairs: [(key: String, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw .invalidField(file: path, line: key.line, field: field, problem: "expected plain keys")
            }
            pairs.append((scalar.string, value))
        }
        return pairs
    }

    func sequence(_ node: Node, field: String) throws(PlanningError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw .invalidField(file: path, line: node.line, field: field, problem: "expected a list")
        }
        return Array(sequence)
    }

    func string(_ node: Node, field: String) throws(PlanningError) -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw .invalidField(file: path, line: node.line, field: field, problem: "expected text")
        }
        return scalar.string
    }

    func integer(_ node: Node, field: String) throws(PlanningError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw .invalidField(file: path, line: node.line, field: field, problem: "expected a whole number")
        }
        return value
    }

    /// A whole number of months within `range`.
    func months(_ node: Node, field: String, in range: ClosedRange<Int>) throws(PlanningError) -> Int {
        let months = try integer(node, field: field)
        guard range.contains(months) else {
            throw .invalidField(
                file: path, line: node.line, field: field,
                problem: "expected \(range.lowerBound) to \(range.upperBound) months, found \(months)")
        }
        return months
    }

    /// Days of retention: a positive whole number, or `forever` (nil) where allowed.
    func positiveDays(_ node: Node, field: String, allowForever: Bool) throws(PlanningError) -> Int? {
        if allowForever, case .scalar(let scalar) = node, scalar.string == "forever" { return nil }
        guard case .scalar(let scalar) = node, let days = Int(scalar.string), days > 0 else {
            throw .invalidField(
                file: path, line: node.line, field: field,
                problem: "expected a positive number of days\(allowForever ? " or `forever`" : "")")
        }
        return days
    }

    /// A scalar read by `parse`; `expected` says what was wanted when it returns nil.
    func parsed<T>(_ node: Node, field: String, expected: String, _ parse: (String) -> T?) throws(PlanningError) -> T {
        guard case .scalar(let scalar) = node else {
            throw .invalidField(file: path, line: node.line, field: field, problem: "expected \(expected)")
        }
        guard let value = parse(scalar.string) else {
            throw .invalidField(
                file: path, line: node.line, field: field, problem: "expected \(expected), found \"\(scalar.string)\"")
        }
        return value
    }
}

extension Node {
    /// The 1-based line the node starts on (1 when unknown).
    var line: Int { mark?.line ?? 1 }
}
