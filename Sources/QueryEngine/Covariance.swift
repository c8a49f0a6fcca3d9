import SQLite

/// `covar_samp(y, x)`, `covar_pop`, `corr`, `regr_slope` and `regr_intercept`: Trino's running
/// means and co-moments, updated per row in its order of operations. A row where either value is
/// NULL is skipped.
extension TranslationContext {
    static let bivariateAggregates: Set<String> = ["covar_samp", "covar_pop", "corr", "regr_slope", "regr_intercept"]

    func bivariate(_ call: Call, name: String, _ args: [TExpr]) throws(QueryError) -> TExpr {
        try arity(call, args, 2)
        for value in args where !(value.type.isNumeric || [.unknown, .null].contains(value.type)) {
            throw .invalid(message: "\(call.name.text) takes numbers, not \(value.type.name)", at: location(value.at))
        }
        return .node(
            Fragment("tm_\(name)(", at: call.name.start) + args[0].sql + ", " + args[1].sql + ")", .double,
            at: call.name.start, kids: args)
    }
}

/// The state of one group: count, means, the co-moment of y and x, and x's and y's squared deviations.
final class Covariance: AggregateState {
    enum Statistic {
        case sampleCovariance, populationCovariance, correlation, slope, intercept
    }

    private let statistic: Statistic
    private var count = 0.0
    private var meanX = 0.0
    private var meanY = 0.0
    private var coMoment = 0.0
    private var squaresX = 0.0
    private var squaresY = 0.0

    init(_ statistic: Statistic) { self.statistic = statistic }

    func step(_ arguments: FunctionArguments) {
        guard !arguments.isNull(0), !arguments.isNull(1) else { return }
        let y = arguments.double(0)
        let x = arguments.double(1)
        count += 1
        let oldMeanX = meanX
        let oldMeanY = meanY
        meanX = oldMeanX + (x - oldMeanX) / count
        meanY = oldMeanY + (y - oldMeanY) / count
        coMoment += (x - oldMeanX) * (y - meanY)
        squaresX += (x - oldMeanX) * (x - meanX)
        squaresY += (y - oldMeanY) * (y - meanY)
    }

    func final(_ result: FunctionResult) {
        switch statistic {
        case .sampleCovariance:
            count > 1 ? result.double(coMoment / (count - 1)) : result.null()
        case .populationCovariance:
            count > 0 ? result.double(coMoment / count) : result.null()
        case .correlation:
            finite(coMoment / squaresX.squareRoot() / squaresY.squareRoot(), result)
        case .slope:
            finite(coMoment / squaresX, result)
        case .intercept:
            finite(meanY - coMoment / squaresX * meanX, result)
        }
    }

    /// Trino answers NULL where the statistic is not a finite number (no rows, or x constant).
    private func finite(_ value: Double, _ result: FunctionResult) {
        value.isFinite && count > 0 ? result.double(value) : result.null()
    }
}
