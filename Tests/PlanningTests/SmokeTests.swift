import Foundation
import Pricing
import Testing
@testable import Planning

@Suite struct SmokeTests {
    @Test func defaultScenarioProjects() throws {
        let projection = try PlanningFixture.project(PlanningFixture.scenario)
        for layout in projection.layouts {
            print(layout.rawValue, (0..<projection.months.count).map { "\(projection.total(layout, month: $0))" }.joined(separator: " "), "=", projection.horizonTotal(layout))
        }
        for line in projection.lines where line.monthIndex == 0 { print(line.layout.rawValue, line.category, line.description, line.quantity, line.unit, line.billedCost, "|", line.derivation) }
        for advice in projection.advice { print(advice.layout.rawValue, advice.query, advice.text, advice.costBefore, advice.costAfter) }
        for b in projection.breakEvens { print("breakeven", b.month, b.overtaking, b.overtaken) }
        for q in projection.basis { print(q) }
        #expect(!projection.lines.isEmpty)
    }
}
