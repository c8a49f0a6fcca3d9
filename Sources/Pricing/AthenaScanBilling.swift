import Foundation
import TrailMeterCore

/// Athena's per-query scan billing: bytes rounded up to an increment, with a minimum per query.
///
/// DDL, partition-management statements and failed queries are free and should not be passed
/// here; cancelled queries are billed for what they scanned. Each query is rounded on its own,
/// so bill queries one at a time and add the results.
public struct AthenaScanBilling: Hashable, Sendable {
    /// From `rules.csv`: `athena.scan.minimum_per_query` (10 MB).
    public let minimumPerQuery: ByteSize
    /// From `rules.csv`: `athena.scan.rounding_increment` (1 MB).
    public let roundingIncrement: ByteSize

    public init(minimumPerQuery: ByteSize, roundingIncrement: ByteSize) {
        self.minimumPerQuery = minimumPerQuery
        self.roundingIncrement = roundingIncrement
    }

    /// The bytes one query is billed for, given the bytes it scanned.
    public func bill(scannedBytes: Decimal, convention: ByteConvention) -> BilledScan {
        let increment = roundingIncrement.bytes(convention)
        var exact = scannedBytes / increment
        var increments = Decimal()
        NSDecimalRound(&increments, &exact, 0, .up)
        let billed = max(increments * increment, minimumPerQuery.bytes(convention))
        return BilledScan(
            scannedBytes: scannedBytes, billedBytes: billed, convention: convention,
            reportingUnit: roundingIncrement.magnitude)
    }
}

/// The outcome of rounding one query's scan: what was scanned, what is billed, under which units.
public struct BilledScan: Hashable, Sendable, CustomStringConvertible {
    /// Bytes the query read, as Athena reports them (`DataScannedInBytes`).
    public let scannedBytes: Decimal
    /// Bytes billed after rounding up and the per-query minimum.
    public let billedBytes: Decimal
    /// The byte convention used; part of every printed figure.
    public let convention: ByteConvention
    /// The size billed figures are shown in (the rounding increment's, e.g. MB).
    public let reportingUnit: ByteMagnitude

    /// Billed size in the reporting unit, e.g. 11 (MB) or 10 (MiB).
    public var billedAmount: Decimal { billedBytes / convention.bytes(per: reportingUnit) }

    /// e.g. `11 MB billed for 10,000,001 bytes scanned (decimal units, 1 MB = 1,000,000 bytes)`.
    public var description: String {
        "\(MoneyText.count(billedAmount)) \(convention.symbol(reportingUnit)) billed for "
            + "\(MoneyText.count(scannedBytes)) bytes scanned (\(convention.label))"
    }
}

/// One Athena query priced: the billed scan and the charge for it.
public struct AthenaQueryCharge: Hashable, Sendable, CustomStringConvertible {
    /// The rounded scan the charge is for.
    public let scan: BilledScan
    /// The billed bytes priced at the rate in effect.
    public let charge: Charge

    /// Exact USD amount.
    public var amount: Decimal { charge.amount }

    /// e.g. `$15.00 for 3,000,000 MB billed for 3,000,000,000,000 bytes scanned (decimal units, ...)`.
    public func description(_ rule: RoundingRule) -> String {
        "\(MoneyText.usd(amount, rule)) (\(rule.name)) for \(scan.description)"
    }

    public var description: String { description(.halfUpToCents) }
}

extension PricingTables {
    /// Prices one Athena query that scanned `scannedBytes`, using the rules and the rate in effect.
    ///
    /// - Parameter convention: nil uses the tables' default (`byte_units.default`).
    public func athenaQuery(
        scannedBytes: Decimal, region: String, on day: CalendarDay,
        convention: ByteConvention? = nil
    ) throws -> AthenaQueryCharge {
        let units = convention ?? rules.defaultByteConvention
        let scan = rules.athenaScanBilling.bill(scannedBytes: scannedBytes, convention: units)
        let rate = try rate(for: .athenaSQLScan, region: region, on: day)
        return AthenaQueryCharge(scan: scan, charge: try rate.charge(.bytes(scan.billedBytes), convention: units))
    }
}
