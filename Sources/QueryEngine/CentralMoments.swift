import Foundation
import SQLite

/// `skewness(x)` and `kurtosis(x)` (excess, sample): Trino's running central moments, updated
/// per row in its order of operations; NULL under three rows (skewness) or four (kurtosis).
final class CentralMoments: AggregateState {
    private let kurtosis: Bool
    private var count = 0.0
    private var m1 = 0.0
    private var m2 = 0.0
    private var m3 = 0.0
    private var m4 = 0.0

    init(kurtosis: Bool) { self.kurtosis = kurtosis }

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        let value = arguments.double(0)
        let previous = count
        count += 1
        let delta = value - m1
        let deltaN = delta / count
        let deltaN2 = deltaN * deltaN
        let dm2 = delta * deltaN * previous
        m4 += dm2 * deltaN2 * (count * count - 3 * count + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3
        m3 += dm2 * deltaN * (count - 2) - 3 * deltaN * m2
        m2 += dm2
        m1 += deltaN
    }

    func final(_ result: FunctionResult) {
        let n = count
        if kurtosis {
            guard n >= 4 else { return result.null() }
            let value =
                ((n - 1) * n * (n + 1)) / ((n - 2) * (n - 3)) * m4 / (m2 * m2) - 3 * ((n - 1) * (n - 1))
                / ((n - 2) * (n - 3))
            SQLFunctions.double(value, result)
        } else {
            guard n >= 3 else { return result.null() }
            SQLFunctions.double(n.squareRoot() * m3 / Foundation.pow(m2, 1.5), result)
        }
    }
}

/// `geometric_mean(x)`: e to the mean of the logarithms, as Trino computes it; NULL without rows.
final class GeometricMean: AggregateState {
    private var count = 0.0
    private var logarithms = 0.0

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        count += 1
        logarithms += Foundation.log(arguments.double(0))
    }

    func final(_ result: FunctionResult) {
        guard count > 0 else { return result.null() }
        SQLFunctions.double(Foundation.exp(logarithms / count), result)
    }
}

/// `bitwise_and_agg(x)` and `bitwise_or_agg(x)`: the bits of every value combined; NULL without rows.
final class BitwiseAggregate: AggregateState {
    private let and: Bool
    private var combined: Int64?

    init(and: Bool) { self.and = and }

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0) else { return }
        let value = arguments.int64(0)
        combined = combined.map { and ? $0 & value : $0 | value } ?? value
    }

    func final(_ result: FunctionResult) {
        guard let combined else { return result.null() }
        result.int64(combined)
    }
}
