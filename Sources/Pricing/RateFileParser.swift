import TrailMeterCore

/// Turns the records of one rates file into ``RateRow`` values, collecting every field error.
enum RateFileParser {
    static func parse(text: String, file: String) throws -> (rows: [RateRow], issues: [TableIssue]) {
        let table = try CSVTable(text: text, file: file, required: RateRow.columns)
        var rows: [RateRow] = []
        var issues: [TableIssue] = []
        for record in table.rows {
            switch parseRow(record, in: table) {
            case .success(let row): rows.append(row)
            case .failure(let rowIssues): issues += rowIssues.issues
            }
        }
        return (rows, issues)
    }

    struct RowIssues: Error { var issues: [TableIssue] }

    private static func parseRow(_ record: CSVRecord, in table: CSVTable) -> Result<RateRow, RowIssues> {
        let location = table.location(of: record)
        var issues: [TableIssue] = []
        func cell(_ column: String, required: Bool = false) -> String {
            let value = table.value(column, in: record)
            if required && value.isEmpty { issues.append(TableIssue(location, field: column, .emptyRequiredField)) }
            return value
        }
        func issue(_ field: String, _ problem: TableProblem) {
            issues.append(TableIssue(location, field: field, problem))
        }

        let service = cell("service", required: true)
        let itemName = cell("item", required: true)
        let region = cell("region", required: true)
        let unitText = cell("unit", required: true)
        let priceText = cell("price_usd", required: true)
        let source = cell("source", required: true)

        var item: PriceItem?
        if !service.isEmpty && !itemName.isEmpty {
            let candidate = PriceItem(service: service, name: itemName)
            if !PriceItem.serviceNames.contains(service) {
                issue("service", .unknownService(service))
            } else if !PriceItem.all.contains(candidate) {
                issue("item", .unknownItem(service: service, item: itemName))
            } else {
                item = candidate
            }
        }

        let unit = BillingUnit(unitText)
        if unit == nil && !unitText.isEmpty { issue("unit", .unknownUnit(unitText)) }

        var price: RatePrice?
        if priceText == RatePrice.unpublishedSpelling {
            price = .unpublished
        } else if let value = DecimalText.parse(priceText) {
            price = .usd(value, text: priceText)
        } else if DecimalText.isNegativeNumber(priceText) {
            issue("price_usd", .negativePrice(priceText))
        } else if !priceText.isEmpty {
            issue("price_usd", .unparseablePrice(priceText))
        }

        func bound(_ column: String) -> TierBound? {
            let text = cell(column)
            guard !text.isEmpty else { return nil }
            guard let bound = TierBound(text) else {
                issue(column, .unparseableNumber(text))
                return nil
            }
            if bound.magnitude != nil, let unit, !unit.measuresBytes {
                issue(column, .tierBoundUnitMismatch("'\(text)' is a byte size but the unit is \(unit)"))
            }
            return bound
        }
        let tierFrom = bound("tier_from")
        let tierTo = bound("tier_to")

        func day(_ column: String) -> CalendarDay? {
            let text = cell(column)
            guard !text.isEmpty else { return nil }
            guard let day = CalendarDay(text) else {
                issue(column, .unparseableDate(text))
                return nil
            }
            return day
        }
        let from = day("effective_from")
        let to = day("effective_to")
        if let from, let to, to < from { issue("effective_to", .effectiveRangeReversed(from: from, to: to)) }

        if !source.isEmpty && !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
            issue("source", .notAURL(source))
        }

        guard issues.isEmpty, let item, let unit, let price else { return .failure(RowIssues(issues: issues)) }
        return .success(
            RateRow(
                item: item, region: region, unit: unit, price: price,
                tierFrom: tierFrom, tierTo: tierTo, effectiveFrom: from, effectiveTo: to,
                sku: cell("sku"), source: source, note: cell("note"), location: location))
    }
}
