import CloudTrail
import Foundation
import Metering
import Pricing

/// Turns a scenario, the sample's figures and the workload's measurements into priced monthly
/// lines per layout (ARCHITECTURE §6).
public struct Projector {
    public let scenario: Scenario
    public let sample: SampleProfile
    public let measurements: [QueryMeasurement]
    public let tables: PricingTables
    /// The clock's now (epoch ms): it closes open-ended eventTime windows and picks the default start month.
    public let now: Int64
    /// Each line is rounded half-up to the cent once; totals are sums of the rounded lines.
    public let rounding = RoundingRule.halfUpToCents

    public init(
        scenario: Scenario, sample: SampleProfile, measurements: [QueryMeasurement], tables: PricingTables, now: Int64
    ) {
        self.scenario = scenario
        self.sample = sample
        self.measurements = measurements
        self.tables = tables
        self.now = now
    }

    /// The months of the horizon.
    public var months: [DayRange] {
        let today = CalendarDay(daysSinceEpoch: Int(now / 86_400_000))
        var first = scenario.startMonth ?? today.lastOfMonth.adding(days: 1)
        var months: [DayRange] = []
        for _ in 0..<scenario.months {
            let range = DayRange.month(containing: first)
            months.append(range)
            first = range.last.adding(days: 1)
        }
        return months
    }

    /// Gzip bytes a day in the first month.
    public var firstMonthDailyGzip: Decimal {
        switch scenario.volume {
        case .sample: return sample.gzipBytesPerDay
        case .gzipBytesPerMonth(let bytes): return bytes * 12 / 365
        case .eventsPerDay(let events): return events * Decimal(sample.gzipBytes) / Decimal(max(sample.events, 1))
        }
    }

    public func project() throws(PlanningError) -> Projection {
        try scenario.checkBounds()
        let convention = scenario.byteConvention ?? tables.rules.defaultByteConvention
        for option in scenario.lakeOptions {
            let retention = scenario.lakeRetention(option, rules: tables.rules)
            let limits = tables.rules.retention(for: option)
            guard retention <= limits.maximumDays else {
                throw .invalidOption(
                    option: "lake retention (\(option == .oneYearExtendable ? "one-year" : "seven-year"))",
                    problem: "\(retention) days is beyond the option's maximum of \(limits.maximumDays) days")
            }
        }
        let months = self.months
        let history = historyDays(before: months[0].first)
        let timeline = VolumeTimeline(
            months: months, historyDays: history, firstMonthDaily: firstMonthDailyGzip,
            growth: scenario.monthlyGrowth, historyDaily: scenario.historyDailyBytes)
        let pricer = LinePricer(tables: tables, region: scenario.region, convention: convention, rounding: rounding)
        var builder = MonthBuilder(
            scenario: scenario, sample: sample, timeline: timeline, pricer: pricer, convention: convention,
            athenaBilling: tables.rules.athenaScanBilling, rules: tables.rules)
        // A move off Lake prices its months before the move as the Lake option it leaves.
        if let move = scenario.lakeMove {
            let left: CostLayout = move.from == .oneYearExtendable ? .lakeOneYear : .lakeSevenYear
            builder.otherScalings[left] = Dictionary(
                uniqueKeysWithValues: measurements.map {
                    ($0.query.name, QueryScaling.of($0, layout: left, sample: sample, now: now))
                })
        }
        let scalings = Dictionary(
            uniqueKeysWithValues: scenario.layouts.flatMap { layout in
                measurements.map { m in
                    (
                        Key(query: m.query.name, layout: layout),
                        calibrated(QueryScaling.of(m, layout: layout, sample: sample, now: now), layout: layout)
                    )
                }
            })
        var lines: [CostLine] = []
        for layout in scenario.layouts {
            for index in months.indices {
                lines += try builder.sharedLines(layout: layout, month: index)
                for measurement in measurements {
                    lines += try builder.queryLines(
                        measurement.query, scaling: scalings[Key(query: measurement.query.name, layout: layout)]!,
                        layout: layout, month: index)
                }
            }
        }
        let queries = queryProjections(lines: lines, scalings: scalings, builder: builder)
        let advice = try AdviceFinder(
            builder: builder, measurements: measurements, scalings: scalings, lines: lines, months: months.count,
            sample: sample, now: now
        ).advice()
        var projection = Projection(
            scenarioName: scenario.name, region: scenario.region, months: months, layouts: scenario.layouts,
            lines: lines, queries: queries, advice: advice, basis: basis(convention: convention, history: history),
            rounding: rounding, byteConvention: convention)
        projection.movedFrom = scenario.lakeMove.map { $0.from == .oneYearExtendable ? .lakeOneYear : .lakeSevenYear }
        return projection
    }

    struct Key: Hashable {
        var query: String
        var layout: CostLayout
    }

    /// `scaling` with its bytes multiplied by the scenario's calibration factor for `layout`.
    private func calibrated(_ scaling: QueryScaling, layout: CostLayout) -> QueryScaling {
        guard let factor = scenario.calibration?.factor(for: layout), factor != 1 else { return scaling }
        var scaled = scaling
        scaled.bytesPerGzipByte *= factor
        scaled.basis += ", scaled by the calibration factor \(Figure.ratio(factor))"
        return scaled
    }

    /// Calendar days in the `historyMonths` whole months before `start`.
    private func historyDays(before start: CalendarDay) -> Int {
        Scenario.historyDays(months: scenario.historyMonths, before: start)
    }

    private func queryProjections(lines: [CostLine], scalings: [Key: QueryScaling], builder: MonthBuilder)
        -> [QueryProjection]
    {
        scenario.layouts.flatMap { layout in
            measurements.map { measurement in
                let query = measurement.query
                let scaling = scalings[Key(query: query.name, layout: layout)]!
                let own = lines.filter { $0.layout == layout && $0.query == query.name }
                let last = builder.timeline.months.count - 1
                let horizonBytes = builder.timeline.months.indices.reduce(Decimal(0)) { sum, index in
                    sum + builder.bytesPerRun(scaling, layout: layout, month: index)
                        * query.frequency.runs(inMonthOf: builder.timeline.months[index].dayCount)
                }
                return QueryProjection(
                    query: query.name, layout: layout, measuredBytes: scaling.measuredBytes,
                    measuredWindowDays: scaling.measuredDays,
                    windowDays: scaling.windowDays,
                    runsFirstMonth: query.frequency.runs(inMonthOf: builder.timeline.months[0].dayCount),
                    bytesPerRunFirstMonth: builder.bytesPerRun(scaling, layout: layout, month: 0),
                    bytesPerRunLastMonth: builder.bytesPerRun(scaling, layout: layout, month: last),
                    horizonBytes: horizonBytes, horizonCost: own.reduce(0) { $0 + $1.billedCost })
            }
        }
    }

    private func basis(convention: ByteConvention, history: Int) -> [String] {
        var lines = [
            "Sample: \(sample.source): \(MoneyText.count(Decimal(sample.events))) events over \(Figure.number(sample.days)) days, \(Figure.bytes(Decimal(sample.gzipBytes))) gzip in \(MoneyText.count(Decimal(sample.files))) files, \(Figure.bytes(Decimal(sample.jsonBytes))) uncompressed, \(Figure.bytes(Decimal(sample.columnarBytes))) columnar.",
            "Volume: \(scenario.volume) = \(Figure.bytes(firstMonthDailyGzip)) of gzip logs a day in the first month, growing \(Figure.number(scenario.monthlyGrowth * 100))% a month; \(scenario.historyMonths) months (\(history) days) of logs already in S3\(scenario.historyDailyBytes == nil ? "" : " (\(Figure.bytes(scenario.historyDailyBytes!.reduce(0, +))), the bucket's catalog's days at the fitted rate)")\(scenario.lakeBackfill ? ", imported into the columnar layouts in the first month" : "").",
            "Retention: S3 \(scenario.s3RetentionDays.map { "\($0) days" } ?? "forever"); "
                + scenario.lakeOptions.map { option in
                    "Lake \(option == .oneYearExtendable ? "one-year" : "seven-year") \(scenario.lakeRetention(option, rules: tables.rules)) days"
                }.joined(separator: "; ") + ".",
            "Workload written for the \(scenario.athenaTable.rawValue) Athena table; \(measurements.count) quer\(measurements.count == 1 ? "y" : "ies"), each run's bytes scaled from what it read on the sample (per gzip byte of logs in its window); now() taken as \(EventTime.iso(now)).",
            "Money: each line rounded \(rounding.name) once; totals are sums of lines. Bytes in \(convention.label).",
        ]
        if let calibration = scenario.calibration { lines.append(calibration.basisLine) }
        if scenario.lakeOptions.isEmpty == false {
            lines.append(
                "CloudTrail Lake closed to new customers on 2026-05-31: the Lake rows apply to accounts that already have it."
            )
        }
        return lines
    }
}
