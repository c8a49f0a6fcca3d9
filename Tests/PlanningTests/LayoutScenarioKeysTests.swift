import Foundation
import Pricing
import Testing

@testable import Planning

/// The scenario keys of the layouts and their options (`cloudwatch:`, `trail:`,
/// `athena.reservation`): the shipped example sets them, bad values are refused with file, line
/// and field.
@Suite struct LayoutScenarioKeysTests {
    @Test func theShippedExampleSetsClassesRetentionAndTrail() throws {
        let scenario = try ScenarioFile.load(ScenarioFileTests.example.path)
        #expect(scenario.cloudWatchClasses == [.standard, .infrequentAccess])
        #expect(scenario.cloudWatchRetentionDays == 365)
        #expect(scenario.layouts.contains(.cloudWatchStandard))
        #expect(scenario.layouts.contains(.cloudWatchInfrequentAccess))
        #expect(scenario.trail.extraManagementCopies == 1)
        #expect(scenario.trail.dataEventsPerDay == 500_000)
        #expect(scenario.trail.networkActivityEventsPerDay == 0)
        #expect(scenario.athenaReservation == nil)
    }

    @Test func oneClassComparesOneLayoutAndForeverNeverExpires() throws {
        let scenario = try ScenarioFile.parse(
            "cloudwatch:\n  classes: [infrequent-access]\n  retention_days: forever\n", path: "s.yaml")
        #expect(scenario.layouts.filter { $0.priced is CloudWatchLogsLayout } == [.cloudWatchInfrequentAccess])
        #expect(scenario.cloudWatchRetentionDays == nil)
    }

    @Test func aReservationPerDayOrPerMonth() throws {
        let daily = try ScenarioFile.parse(
            "athena:\n  reservation:\n    dpus: 24\n    hours_per_day: 8\n", path: "s.yaml")
        #expect(daily.athenaReservation == AthenaReservation(dpus: 24, hours: 8, per: .day))
        let monthly = try ScenarioFile.parse(
            "athena:\n  reservation:\n    dpus: 8\n    hours_per_month: 40\n", path: "s.yaml")
        #expect(monthly.athenaReservation == AthenaReservation(dpus: 8, hours: 40, per: .month))
    }

    /// The example's commented `lake.move_to_cloudwatch` block, uncommented, reads as it says.
    @Test func theExamplesLakeMoveReadsWhenUncommented() throws {
        let text = try String(contentsOf: ScenarioFileTests.example, encoding: .utf8)
            .replacingOccurrences(of: "  # move_to_cloudwatch:", with: "  move_to_cloudwatch:")
            .replacingOccurrences(of: "  #   month:", with: "    month:")
            .replacingOccurrences(of: "  #   class:", with: "    class:")
            .replacingOccurrences(of: "  #   from:", with: "    from:")
        let scenario = try ScenarioFile.parse(text, path: "example.yaml")
        #expect(
            scenario.lakeMove
                == LakeMove(
                    month: CalendarDay(year: 2027, month: 7, day: 1)!, logClass: .infrequentAccess,
                    from: .oneYearExtendable))
        #expect(scenario.layouts.contains(.lakeToCloudWatch))
        #expect(try ScenarioFile.load(ScenarioFileTests.example.path).lakeMove == nil)
    }

    @Test(arguments: [
        (
            "lake:\n  move_to_cloudwatch:\n    month: March\n",
            "s.yaml:3: lake.move_to_cloudwatch.month: expected a month such as 2027-03, found \"March\""
        ),
        (
            "lake:\n  move_to_cloudwatch:\n    month: 2027-03\n    class: glacier\n",
            "s.yaml:4: lake.move_to_cloudwatch.class: expected `standard` or `infrequent-access`, found \"glacier\""
        ),
        (
            "lake:\n  move_to_cloudwatch:\n    month: 2027-03\n    from: ten-year\n",
            "s.yaml:4: lake.move_to_cloudwatch.from: expected `one-year` or `seven-year`"
        ),
        (
            "lake:\n  move_to_cloudwatch:\n    month: 2027-03\n    when: now\n",
            "s.yaml:4: lake.move_to_cloudwatch.when: unknown field"
        ),
        ("lake:\n  move_to_cloudwatch:\n    class: standard\n", "s.yaml:3: lake.move_to_cloudwatch.month"),
        (
            "cloudwatch:\n  classes: [glacier]\n",
            "s.yaml:2: cloudwatch.classes: expected `standard` or `infrequent-access`, found \"glacier\""
        ),
        (
            "cloudwatch:\n  retention_days: 100\n",
            "s.yaml:2: cloudwatch.retention_days: expected `forever` or one of 1, 3, 5, 7, 14, 30"
        ),
        ("cloudwatch:\n  retention_days: -1\n", "s.yaml:2: cloudwatch.retention_days: expected `forever`"),
        ("cloudwatch:\n  class: standard\n", "s.yaml:2: cloudwatch.class: unknown field"),
        (
            "trail:\n  extra_management_copies: -1\n",
            "s.yaml:2: trail.extra_management_copies: expected a whole number of copies, 0 or more"
        ),
        ("trail:\n  data_events_per_day: lots\n", "s.yaml:2: trail.data_events_per_day: expected a number of events"),
        ("trail:\n  insights: true\n", "s.yaml:2: trail.insights: unknown field"),
        (
            "athena:\n  reservation:\n    dpus: 0\n    hours_per_day: 8\n",
            "s.yaml:3: athena.reservation.dpus: expected a positive whole number of DPUs"
        ),
        (
            "athena:\n  reservation:\n    dpus: 24\n    hours_per_day: 25\n",
            "s.yaml:4: athena.reservation.hours_per_day: expected hours above 0, at most 24"
        ),
        (
            "athena:\n  reservation:\n    dpus: 24\n    hours_per_day: 8\n    hours_per_month: 8\n",
            "s.yaml:5: athena.reservation.hours_per_month: give hours_per_day or hours_per_month, not both"
        ),
        ("athena:\n  reservation:\n    dpus: 24\n", "s.yaml:3: athena.reservation.hours_per_day (or _per_month)"),
    ])
    func badValuesNameFileLineAndField(text: String, message: String) {
        #expect {
            _ = try ScenarioFile.parse(text, path: "s.yaml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
