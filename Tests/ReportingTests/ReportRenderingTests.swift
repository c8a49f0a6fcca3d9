import Foundation
import Planning
import Pricing
import TestSupport
import Testing
import TrailMeterCore

@testable import Reporting

struct ReportRenderingTests {
    let projection = ProjectionFixture.projection()

    @Test func terminalReportMatchesGolden() throws {
        try Golden.check(TerminalReport.render(projection), "terminal.txt")
    }

    @Test func costsCSVMatchesGolden() throws {
        try Golden.check(CostsCSV.render(projection), "costs.csv")
    }

    @Test func queriesCSVMatchesGolden() throws {
        try Golden.check(QueriesCSV.render(projection), "queries.csv")
    }

    /// report.html whole, charts included, so a change to the SVG is a deliberate one.
    @Test func htmlReportMatchesGolden() throws {
        try Golden.check(HTMLReport.render(projection), "report.html")
    }

    @Test func summaryMatchesGolden() throws {
        try Golden.check(MarkdownSummary.render(projection), "summary.md")
    }

    @Test func billedCostsSumToThePrintedTotals() throws {
        let rows = try CSVReader.table(CostsCSV.render(projection))
        #expect(rows.count == projection.lines.count)
        let terminal = TerminalReport.render(projection)
        for layout in projection.layouts where projection.isFullyPriced(layout) {
            let sum = rows.filter { $0["x_Layout"] == layout.rawValue }
                .reduce(Decimal(0)) {
                    $0 + Decimal(string: $1["BilledCost"]!, locale: Locale(identifier: "en_US_POSIX"))!
                }
            #expect(sum == projection.horizonTotal(layout))
            let printed = MoneyText.grouped(sum, decimals: 2)
            #expect(
                terminal.contains("\(layout.title)  ") && terminal.contains(printed),
                "\(layout): \(printed) not printed")
        }
    }

    @Test func numbersAreFOCUSDecimalsWithoutFloatArtefacts() throws {
        let rows = try CSVReader.table(CostsCSV.render(projection))
        let plain = #/-?[0-9]+(\.[0-9]{1,10})?/#
        let cents = #/-?[0-9]+\.[0-9]{2}/#
        for row in rows {
            #expect(try plain.wholeMatch(in: row["PricingQuantity"]!) != nil, "\(row["PricingQuantity"]!)")
            let price = row["ListUnitPrice"]!
            let billed = row["BilledCost"]!
            #expect(try price.isEmpty || plain.wholeMatch(in: price) != nil, "\(price)")
            #expect(try billed.isEmpty || cents.wholeMatch(in: billed) != nil, "\(billed)")
        }
        #expect(rows.contains { $0["PricingQuantity"] == "1200.3" })
        #expect(rows[0]["BillingPeriodStart"] == "2027-01-01T00:00:00Z")
        #expect(rows[0]["BillingPeriodEnd"] == "2027-02-01T00:00:00Z")
        #expect(DecimalText.plain(Decimal(0.1) + Decimal(0.2)) == "0.3")
        #expect(DecimalText.plain(Decimal(string: "1e-12")!) == "0")
        #expect(DecimalText.plain(Decimal(string: "12345678901234567890")!) == "12345678901234567890")
        #expect(DecimalText.fixed(Decimal(string: "-2.1")!, decimals: 2) == "-2.10")
    }

    @Test func unpricedLinesHaveNoCostAndSayWhy() throws {
        let rows = try CSVReader.table(CostsCSV.render(projection)).filter {
            $0["x_Layout"] == "lake-seven-year" && $0["x_CostCategory"] == "ingest"
        }
        #expect(rows.count == 3)
        #expect(
            rows.allSatisfy {
                $0["BilledCost"] == "" && $0["ListUnitPrice"] == "" && $0["x_RateSource"]!.contains("no published rate")
            })
        let terminal = TerminalReport.render(projection)
        #expect(
            terminal.contains(
                "Not fully priced, so no total: no published rate for AWSCloudTrail/lake-ingest-seven-year in us-east-1.\n"
            ))
        #expect(terminal.contains(#/CloudTrail Lake, 7-year \(open to existing customers only\) +no total\n/#))
    }

    @Test func fieldsWithCommaQuoteOrLineBreakAreQuotedPerRFC4180() throws {
        let tricky = "Scans of \"Q9\", by user\r\nsecond line\nthird"
        var line = projection.lines[0]
        line.description = tricky
        let csv = CostsCSV.render(ProjectionFixture.projection(extraLines: [line]))
        #expect(csv.contains(",\"Scans of \"\"Q9\"\", by user\r\nsecond line\nthird\","))
        #expect(try CSVReader.records(csv).last![3] == tricky)
        #expect(try CSVReader.records(csv).allSatisfy { $0.count == CostsCSV.columns.count })
        #expect(csv.hasSuffix("\r\n"))
        #expect(CSVWriter.field("plain text") == "plain text")
        #expect(CSVWriter.field("a\rb") == "\"a\rb\"")
    }

    /// costs.csv and queries.csv give back a query name holding a comma, quotes, LF and CRLF.
    @Test func trickyQueryNameSurvivesBothFinanceFiles() throws {
        let tricky = ProjectionFixture.projection(q2: CSVReader.trickyField)
        let costs = try CSVReader.table(CostsCSV.render(tricky))
        #expect(costs.contains { $0["x_Query"] == CSVReader.trickyField })
        let queries = try CSVReader.table(QueriesCSV.render(tricky))
        #expect(queries.contains { $0["Query"] == CSVReader.trickyField })
        let crlfOnly = ProjectionFixture.projection(q2: CSVReader.crlfOnlyField)
        #expect(try CSVReader.table(QueriesCSV.render(crlfOnly)).contains { $0["Query"] == CSVReader.crlfOnlyField })
        #expect(try CSVReader.table(CostsCSV.render(crlfOnly)).contains { $0["x_Query"] == CSVReader.crlfOnlyField })
    }

    @Test func lakeNoticeIsPrintedOnceWhenTheBasisAlreadyHasIt() throws {
        let added = TerminalReport.render(projection)
        #expect(added.components(separatedBy: "2026-05-31").count == 2)
        let given = ProjectionFixture.projection(basis: ["CloudTrail Lake: closed to new customers from 2026-05-31."])
        for text in [TerminalReport.render(given), MarkdownSummary.render(given), HTMLReport.render(given)] {
            #expect(text.components(separatedBy: "2026-05-31").count == 2)
        }
    }

    @Test func breakEvenAndCheapestAreNamed() throws {
        let terminal = TerminalReport.render(projection)
        #expect(
            terminal.contains(
                "2027-03: Athena, partition projection overtakes CloudTrail Lake, 1-year extendable (open to existing customers only) (cumulative $364.19 vs $318.50)"
            ))
        #expect(
            terminal.contains(
                "Cheapest over the 3 months: CloudTrail Lake, 1-year extendable (open to existing customers only) ($318.50)."
            ))
        #expect(terminal.contains("bound eventTime to 7 days: -75% ($216.87 → $54.22)"))
    }

    @Test func htmlIsSelfContainedWithThreeChartsAndEscapedText() throws {
        let html = HTMLReport.render(ProjectionFixture.projection(q2: "Q2 <b>\"RunInstances\" & co</b>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.components(separatedBy: "</svg>").count - 1 == 3)
        let withoutXMLNS = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutXMLNS.contains("http"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("Q2 &lt;b&gt;&quot;RunInstances&quot; &amp; co&lt;/b&gt;"))
        #expect(html.contains("break-even 2027-03"))
        #expect(html.contains("select 4 columns, not <code>*</code>: -80%"))
    }

    @Test func moneyScaleUsesRoundSteps() {
        let scale = MoneyScale(maximum: Decimal(string: "364.19")!)
        #expect(scale.step == 100 && scale.top == 400)
        #expect(scale.ticks.map(scale.label) == ["$0", "$100", "$200", "$300", "$400"])
        let small = MoneyScale(maximum: Decimal(string: "0.72")!)
        #expect(small.step == Decimal(string: "0.2")! && small.top == Decimal(string: "0.8")!)
        #expect(small.label(Decimal(string: "0.4")!) == "$0.40")
    }
}
