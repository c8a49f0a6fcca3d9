import Foundation
import Pricing

/// Where a scenario field was written, for errors that only the combination of fields reveals.
public struct FieldLine: Sendable, Equatable {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

extension Scenario {
    /// The most the monthly volume may grow, or shrink, over the horizon (last month against the
    /// first). Beyond it the amounts outgrow what Decimal's 38 digits sum exactly to the cent, or
    /// shrink toward an underflow (which traps), and no trail changes a millionfold in five years.
    public static let maximumGrowthFactor: Decimal = 1_000_000

    /// Checks what no single field shows: that the horizon and its history stay within the
    /// calendar (years 0001 to 9999), and that growth compounded over the horizon stays below
    /// `maximumGrowthFactor`. Errors name the field, with its file and line when a scenario file
    /// gave it, else its command-line option.
    public func checkBounds() throws(PlanningError) {
        if let start = startMonth {
            let first = start.year * 12 + (start.month - 1)
            let shown = String(start.description.prefix(7))
            if first + months - 1 > 9999 * 12 + 11 {
                throw fieldError(
                    "start", option: "--start",
                    "\(shown) with \(months) months runs past 9999-12, the last month the calendar holds")
            }
            if first - historyMonths < 1 * 12 {
                throw fieldError(
                    "start", option: "--start",
                    "\(shown) with \(historyMonths) months of history begins before 0001-01, the first month the calendar holds"
                )
            }
        }
        // Compounded step by step, stopping at the bound, so an absurd rate never overflows.
        var factor: Decimal = 1
        for _ in 1..<max(months, 1) {
            factor *= 1 + monthlyGrowth
            if factor > Self.maximumGrowthFactor || factor * Self.maximumGrowthFactor < 1 {
                let change = factor > 1 ? "grows" : "shrinks"
                throw fieldError(
                    "growth", option: "--growth",
                    "\(monthlyGrowth * 100)% a month over \(months) months \(change) the volume more than a millionfold (at most a millionfold either way over the horizon is projected)"
                )
            }
        }
    }

    private func fieldError(_ field: String, option: String, _ problem: String) -> PlanningError {
        if let at = fieldLines[field] {
            return .invalidField(file: at.file, line: at.line, field: field, problem: problem)
        }
        return .invalidOption(option: option, problem: problem)
    }
}
