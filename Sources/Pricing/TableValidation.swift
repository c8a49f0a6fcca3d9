import Foundation
import TrailMeterCore

/// Checks that span rows: duplicates, tiers that do not join up, effective ranges that overlap.
enum TableValidation {
    /// Rows sharing item, region and effective_from: the tiers of one rate.
    struct TierSetKey: Hashable {
        let item: PriceItem
        let region: String
        let effectiveFrom: CalendarDay?
    }

    static func issues(in rows: [RateRow]) -> [TableIssue] {
        var issues = duplicateIssues(rows)
        let duplicates = Set(issues.map(\.location))
        let distinct = rows.filter { !duplicates.contains($0.location) }
        let sets = Dictionary(grouping: distinct) {
            TierSetKey(item: $0.item, region: $0.region, effectiveFrom: $0.effectiveFrom)
        }
        for key in sets.keys.sorted(by: { isBefore(firstLine(sets[$0]!), firstLine(sets[$1]!)) }) {
            issues += tierIssues(sets[key]!)
        }
        issues += effectiveRangeIssues(sets)
        return issues
    }

    private static func firstLine(_ rows: [RateRow]) -> SourceLocation {
        rows.map(\.location).min(by: isBefore)!
    }

    static func isBefore(_ a: SourceLocation, _ b: SourceLocation) -> Bool { (a.file, a.line) < (b.file, b.line) }

    private static func duplicateIssues(_ rows: [RateRow]) -> [TableIssue] {
        struct Key: Hashable {
            let item: PriceItem, region: String, from: CalendarDay?, tierFrom: TierBound?
        }
        var firstSeen: [Key: SourceLocation] = [:]
        var issues: [TableIssue] = []
        for row in rows {
            let key = Key(item: row.item, region: row.region, from: row.effectiveFrom, tierFrom: row.tierFrom)
            if let first = firstSeen[key] {
                issues.append(TableIssue(row.location, .duplicateRow(firstLine: first.line)))
            } else {
                firstSeen[key] = row.location
            }
        }
        return issues
    }

    /// The tiers of one rate must start at 0, meet end to start, and end open.
    private static func tierIssues(_ set: [RateRow]) -> [TableIssue] {
        var issues: [TableIssue] = []
        let head = set[0]
        for row in set.dropFirst() {
            if row.unit != head.unit {
                issues.append(
                    TableIssue(
                        row.location, field: "unit",
                        .inconsistentTierSet("unit \(row.unit) differs from \(head.unit) on line \(head.location.line)")
                    ))
            }
            if row.effectiveTo != head.effectiveTo {
                issues.append(
                    TableIssue(
                        row.location, field: "effective_to",
                        .inconsistentTierSet("effective_to differs from line \(head.location.line)")))
            }
        }
        let magnitudes = Set(set.flatMap { [$0.tierFrom, $0.tierTo] }.compactMap { $0 }.map(\.magnitude))
        if magnitudes.count > 1 {
            issues.append(
                TableIssue(
                    head.location, field: "tier_from",
                    .tierBoundUnitMismatch("write every bound of one rate in the same unit")))
        }
        guard issues.isEmpty else { return issues }

        // Ordering under either convention is the same once all bounds share one unit.
        let ordered = set.sorted { amount($0.tierFrom, $0) < amount($1.tierFrom, $1) }
        if let start = ordered[0].tierFrom, start.value != 0 {
            issues.append(
                TableIssue(ordered[0].location, field: "tier_from", .tiersNotStartingAtZero(start.description)))
        }
        for (current, next) in zip(ordered, ordered.dropFirst()) {
            let nextStart = next.tierFrom?.description ?? "0"
            guard let end = current.tierTo else {
                issues.append(
                    TableIssue(current.location, field: "tier_to", .tierAfterOpenEnd(otherLine: next.location.line)))
                continue
            }
            let endAmount = amount(end, current)
            let startAmount = amount(next.tierFrom, next)
            if endAmount < startAmount {
                issues.append(
                    TableIssue(
                        current.location, field: "tier_to",
                        .tierGap(after: end.description, nextStartsAt: nextStart, otherLine: next.location.line)))
            } else if endAmount > startAmount {
                issues.append(
                    TableIssue(
                        current.location, field: "tier_to",
                        .tierOverlap(after: end.description, nextStartsAt: nextStart, otherLine: next.location.line)))
            }
        }
        if let last = ordered.last, let end = last.tierTo {
            issues.append(TableIssue(last.location, field: "tier_to", .lastTierNotOpenEnded(end.description)))
        }
        for row in ordered {
            if let from = row.tierFrom, let to = row.tierTo, amount(to, row) <= amount(from, row) {
                issues.append(
                    TableIssue(
                        row.location, field: "tier_to",
                        .tierOverlap(
                            after: to.description, nextStartsAt: from.description, otherLine: row.location.line)))
            }
        }
        return issues
    }

    private static func amount(_ bound: TierBound?, _ row: RateRow) -> Decimal {
        bound?.amount(in: row.unit, convention: .decimal) ?? 0
    }

    /// Two rates for the same item and region must not both be in effect on any day.
    private static func effectiveRangeIssues(_ sets: [TierSetKey: [RateRow]]) -> [TableIssue] {
        struct ItemRegion: Hashable { let item: PriceItem, region: String }
        let byItem = Dictionary(grouping: sets.values.map { ($0.min { $0.location.line < $1.location.line }!) }) {
            ItemRegion(item: $0.item, region: $0.region)
        }
        var issues: [TableIssue] = []
        for key in byItem.keys.sorted(by: { ($0.item.description, $0.region) < ($1.item.description, $1.region) }) {
            let ranges = byItem[key]!.sorted { startsEarlier($0.effectiveFrom, $1.effectiveFrom) }
            for (earlier, later) in zip(ranges, ranges.dropFirst()) {
                let overlaps: Bool
                if let end = earlier.effectiveTo {
                    overlaps = later.effectiveFrom.map { $0 <= end } ?? true
                } else {
                    overlaps = true
                }
                if overlaps {
                    issues.append(
                        TableIssue(
                            later.location, field: "effective_from",
                            .overlappingEffectiveRanges(otherLine: earlier.location.line)))
                }
            }
        }
        return issues
    }

    /// Orders effective_from values with an empty one (no recorded start) first.
    static func startsEarlier(_ a: CalendarDay?, _ b: CalendarDay?) -> Bool {
        switch (a, b) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let a?, let b?): return a < b
        }
    }
}
