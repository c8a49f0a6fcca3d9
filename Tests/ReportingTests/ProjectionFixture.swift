import Foundation
import Planning
import Pricing

/// A small projection built by hand: three months, three layouts (one with an item that has no
/// published rate), two queries, advice, and one break-even (Athena's cumulative cost passes
/// Lake one-year's in the third month: 364.19 vs 318.50).
enum ProjectionFixture {
    static let months = (1...3).map { DayRange.month(containing: CalendarDay(year: 2027, month: $0, day: 1)!) }
    static let q1 = "Q1 console logins"
    static let q2 = "Q2 RunInstances, by user"

    static func projection(basis: [String]? = nil, extraLines: [CostLine] = [], q2: String = q2) -> Projection {
        var lines: [CostLine] = []
        func add(
            _ month: Int, _ layout: CostLayout, _ category: CostCategory, _ item: PriceItem, query: String? = nil,
            _ description: String, _ quantity: Decimal, _ unit: String, _ price: Decimal?,
            source: String = "PricingTables/rates/fixture.csv"
        ) {
            let exact = price.map { quantity * $0 } ?? 0
            lines.append(
                CostLine(
                    period: months[month], monthIndex: month, layout: layout, category: category, item: item,
                    query: query, description: description, quantity: quantity, unit: unit, unitPrice: price,
                    exactCost: exact, billedCost: RoundingRule.halfUpToCents.apply(exact),
                    derivation: "\(description) (fixture)", rateSource: source, isPriced: price != nil,
                    terms: price.map { [PricedTerm(quantity: quantity, unitPrice: $0)] } ?? []))
        }
        // Athena with partition projection: storage grows, Q2 scans everything retained.
        // 1200.3 comes from a Double on purpose: the CSV must print 1200.3, not its binary expansion.
        let storage: [Decimal] = [Decimal(1200.3), 1500, 1800]
        let q2Terabytes: [Decimal] = [
            Decimal(string: "10.123456789")!, Decimal(string: "14.5")!, Decimal(string: "18.75")!,
        ]
        let getThousands: [Decimal] = [Decimal(string: "1234.567")!, 1500, 1800]
        for m in 0..<3 {
            add(
                m, .athenaProjected, .storage, .s3StandardStorage, "S3 Standard storage of the trail bucket",
                storage[m], "GB-month",
                Decimal(string: "0.023")!)
            add(
                m, .athenaProjected, .scans, .athenaSQLScan, query: q1, "Athena scans of \"\(q1)\": 30 runs",
                Decimal(string: "2.4")! + Decimal(m) * Decimal(string: "0.4")!, "TB", 5)
            add(
                m, .athenaProjected, .scans, .athenaSQLScan, query: q2, "Athena scans of \"\(q2)\": 30 runs",
                q2Terabytes[m], "TB", 5)
            add(
                m, .athenaProjected, .requests, .s3GetRequests, "S3 GET requests of Athena's reads", getThousands[m],
                "1000 requests", Decimal(string: "0.0004")!)
        }
        // Lake one-year: a backfill in the first month, then monthly ingest; small scans.
        add(
            0, .lakeOneYear, .ingest, .lakeIngestOtherOneYear, "Lake import of past logs from S3 (one-time backfill)",
            100, "GB",
            Decimal(string: "0.50")!)
        for (m, gigabytes) in [Decimal(160), 80, 85].enumerated() {
            add(
                m, .lakeOneYear, .ingest, .lakeIngestCloudTrailOneYear,
                "Lake ingest of CloudTrail events (uncompressed)", gigabytes, "GB",
                Decimal(string: "0.75")!)
        }
        // Lake seven-year: its ingest rate is not in the tables for the region.
        for (m, gigabytes) in [Decimal(160), 80, 85].enumerated() {
            add(
                m, .lakeSevenYear, .ingest, .lakeIngestSevenYear, "Lake ingest of CloudTrail events (uncompressed)",
                gigabytes, "GB", nil,
                source: "no published rate for AWSCloudTrail/lake-ingest-seven-year in us-east-1")
        }
        for layout in [CostLayout.lakeOneYear, .lakeSevenYear] {
            for m in 0..<3 {
                add(
                    m, layout, .scans, .lakeScan, query: q1, "Lake scans of \"\(q1)\": 30 runs", 150, "GB",
                    Decimal(string: "0.005")!)
                add(
                    m, layout, .scans, .lakeScan, query: q2, "Lake scans of \"\(q2)\": 30 runs",
                    Decimal(string: "1500.3333")!, "GB",
                    Decimal(string: "0.005")!)
            }
        }
        lines += extraLines

        func query(
            _ name: String, _ layout: CostLayout, window: Decimal?, measured: Int64, first: Decimal, last: Decimal
        ) -> QueryProjection {
            let cost = lines.filter { $0.query == name && $0.layout == layout }.reduce(Decimal(0)) {
                $0 + $1.billedCost
            }
            return QueryProjection(
                query: name, layout: layout, measuredBytes: measured, measuredWindowDays: Decimal(string: "2.5")!,
                windowDays: window, runsFirstMonth: 30, bytesPerRunFirstMonth: first, bytesPerRunLastMonth: last,
                horizonBytes: (first + last) * 45, horizonCost: cost)
        }
        let queries = [
            query(
                q1, .athenaProjected, window: 1, measured: 52_428_800, first: 80_000_000_000,
                last: Decimal(string: "106666666666.6667")!),
            query(
                q2, .athenaProjected, window: nil, measured: 734_003_200, first: Decimal(string: "337448559633.3333")!,
                last: 625_000_000_000),
            query(q1, .lakeOneYear, window: 1, measured: 1_048_576, first: 5_000_000_000, last: 5_000_000_000),
            query(q2, .lakeOneYear, window: nil, measured: 9_437_184, first: 50_011_110_000, last: 50_011_110_000),
            query(q1, .lakeSevenYear, window: 1, measured: 1_048_576, first: 5_000_000_000, last: 5_000_000_000),
            query(q2, .lakeSevenYear, window: nil, measured: 9_437_184, first: 50_011_110_000, last: 50_011_110_000),
        ]
        let advice = [
            Advice(
                query: q2, layout: .athenaProjected, change: "bound eventTime to 7 days",
                saving: Decimal(string: "0.75")!,
                costBefore: Decimal(string: "216.87")!, costAfter: Decimal(string: "54.22")!),
            Advice(
                query: q2, layout: .lakeOneYear, change: "select 4 columns, not `*`", saving: Decimal(string: "0.8")!,
                costBefore: Decimal(string: "22.50")!, costAfter: Decimal(string: "4.50")!),
        ]
        return Projection(
            scenarioName: "fixture", region: "us-east-1", months: months,
            layouts: [.athenaProjected, .lakeOneYear, .lakeSevenYear], lines: lines, queries: queries,
            advice: advice,
            basis: basis ?? [
                "Sample: 3 days of embedded sample logs (120,000 events).",
                "Volume: 40 GB of gzip logs per month, growing 3% a month.",
                "Amounts rounded half-up to cents per line; decimal units, 1 MB = 1,000,000 bytes.",
            ],
            rounding: .halfUpToCents, byteConvention: .decimal)
    }
}
