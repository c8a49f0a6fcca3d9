import Foundation
import Planning
import Pricing

/// A money axis from 0 to a round top, with ticks at round steps (1, 2 or 5 × a power of ten)
/// whose labels are exact decimal amounts.
struct MoneyScale {
    let top: Decimal
    let step: Decimal

    /// About `tickCount` steps covering `maximum`.
    init(maximum: Decimal, tickCount: Int = 5) {
        guard maximum > 0 else {
            top = 1
            step = Decimal(string: "0.2")!
            return
        }
        let raw = maximum / Decimal(tickCount)
        var power: Decimal = 1
        // Bounded loops: Decimal spans about 10^±127, and an axis needs nothing near that.
        for _ in 0..<40 where power * 10 <= raw { power *= 10 }
        for _ in 0..<40 where power > raw { power /= 10 }
        let step = [1, 2, 5, 10].map { Decimal($0) * power }.first { $0 >= raw } ?? power * 10
        var steps = DecimalText.rounded(maximum / step, scale: 0)
        if steps * step < maximum { steps += 1 }
        self.step = step
        top = steps * step
    }

    /// The tick values from 0 to `top`.
    var ticks: [Decimal] {
        var values: [Decimal] = []
        var value: Decimal = 0
        while value <= top, values.count < 100 {
            values.append(value)
            value += step
        }
        return values
    }

    /// `$1,500`, or `$0.40` when the step is below a dollar (then at least the cents).
    func label(_ value: Decimal) -> String {
        let stepDecimals = DecimalText.plain(step).split(separator: ".").dropFirst().first?.count ?? 0
        return "$" + MoneyText.grouped(value, decimals: stepDecimals == 0 ? 0 : max(2, stepDecimals))
    }

    /// Where `value` falls between 0 and `top`, as a fraction (0 at the axis, 1 at the top).
    func fraction(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value / top).doubleValue
    }
}

/// Fixed colours per layout, so a layout looks the same in every chart (Okabe-Ito palette:
/// distinguishable with the common colour-vision deficiencies).
enum ChartColors {
    /// Colours in `CostLayout` order; a layout added later takes the next one.
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#F0E442", "#000000", "#999999"]

    static func color(_ layout: CostLayout) -> String {
        let index = CostLayout.allCases.firstIndex(of: layout) ?? 0
        return palette[index % palette.count]
    }

    static let breakEven = "#D55E00"
    static let axis = "#444"
    static let grid = "#ddd"
}
