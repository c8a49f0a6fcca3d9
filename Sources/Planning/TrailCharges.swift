import Foundation
import Pricing

/// What the organisation's trails record beyond the first copy of management events (which is
/// free): CloudTrail bills these on every layout that needs a trail. CloudTrail Lake ingests
/// without a trail, so its layouts carry none of these lines.
public struct TrailRecording: Sendable, Equatable {
    /// Extra copies of management events (a second trail, one per region, ...); each copy of each
    /// event is billed. The events are the scenario's: its volume at the sample's gzip bytes per event.
    public var extraManagementCopies: Int = 0
    /// Data events (S3 object-level, Lambda invocations, ...) recorded a day.
    public var dataEventsPerDay: Decimal = 0
    /// Network activity events (VPC endpoint activity) recorded a day.
    public var networkActivityEventsPerDay: Decimal = 0

    public init() {}
}

extension MonthBuilder {
    /// Management events the trail delivers in month `index`: the month's gzip volume at the
    /// sample's events per gzip byte.
    func managementEvents(month index: Int) -> Decimal {
        timeline.deliveredIn(month: index) * Decimal(sample.events) / Decimal(sample.gzipBytes)
    }

    /// The trail's own charges in month `index` for a layout that needs a trail; none for what
    /// the scenario does not record, so a scenario without `trail:` adds no line.
    func trailLines(layout: CostLayout, month index: Int) throws(PlanningError) -> [CostLine] {
        let trail = scenario.trail
        let days = Decimal(timeline.months[index].dayCount)
        var lines: [CostLine] = []
        if trail.extraManagementCopies > 0 {
            let events = managementEvents(month: index)
            let copies = Decimal(trail.extraManagementCopies)
            lines.append(
                try pricer.line(
                    .events(events * copies), item: .trailManagementEventCopies, context(layout, index, .ingest),
                    description: "CloudTrail extra copies of management events (\(trail.extraManagementCopies))",
                    derivation:
                        "\(Figure.number(events, decimals: 0)) management events (\(Figure.bytes(timeline.deliveredIn(month: index))) gzip at \(Figure.number(Decimal(sample.gzipBytes) / Decimal(sample.events))) bytes an event, sample) x \(trail.extraManagementCopies) extra copies"
                ))
        }
        for (perDay, item, what) in [
            (trail.dataEventsPerDay, PriceItem.trailDataEvents, "data events"),
            (trail.networkActivityEventsPerDay, PriceItem.trailNetworkActivityEvents, "network activity events"),
        ] where perDay > 0 {
            lines.append(
                try pricer.line(
                    .events(perDay * days), item: item, context(layout, index, .ingest),
                    description: "CloudTrail \(what) recorded by the trail",
                    derivation: "\(Figure.count(perDay)) a day (scenario) x \(Figure.count(days)) days"))
        }
        return lines
    }
}
