import Foundation
import TrailMeterCore

/// A price as written in the `price_usd` column: a USD amount, or a statement that none is published.
public enum RatePrice: Hashable, Sendable, CustomStringConvertible {
    /// USD per unit; `text` is kept so a written table reads exactly as it was edited.
    case usd(Decimal, text: String)
    /// AWS publishes no price for this region (or none could be found): never a silent copy.
    case unpublished

    /// The spelling that marks a row as having no published price.
    public static let unpublishedSpelling = "unpublished"

    public var usd: Decimal? {
        if case .usd(let value, _) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .usd(_, let text): return text
        case .unpublished: return RatePrice.unpublishedSpelling
        }
    }
}

/// A tier boundary: a plain number in the row's unit, or a byte size such as `50 TB`.
///
/// Byte sizes follow the active ``ByteConvention``, so "first 50 TB" means 50,000 GB under
/// decimal units and 51,200 GiB under binary units, like the quantities they are compared with.
public struct TierBound: Hashable, Sendable, CustomStringConvertible {
    public let value: Decimal
    public let magnitude: ByteMagnitude?
    let text: String

    /// Parses `0`, `51200`, `5 TB`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard let number = parts.first.flatMap({ DecimalText.parse(String($0)) }) else { return nil }
        switch parts.count {
        case 1: magnitude = nil
        case 2:
            guard let m = ByteMagnitude(rawValue: String(parts[1])) else { return nil }
            magnitude = m
        default: return nil
        }
        value = number
        self.text = text
    }

    /// This bound in units of `unit`, under `convention`.
    public func amount(in unit: BillingUnit, convention: ByteConvention) -> Decimal {
        guard let magnitude, let unitBytes = unit.bytesPerUnit(convention) else { return value }
        return value * convention.bytes(per: magnitude) / unitBytes
    }

    public var description: String { text }

    public static func == (lhs: TierBound, rhs: TierBound) -> Bool {
        lhs.value == rhs.value && lhs.magnitude == rhs.magnitude
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(magnitude)
    }
}

/// One row of a rates file: a price for one tier of one item in one region over a span of days.
public struct RateRow: Hashable, Sendable {
    public var item: PriceItem
    public var region: String
    public var unit: BillingUnit
    public var price: RatePrice
    /// Lower tier bound (inclusive); nil (empty) means 0.
    public var tierFrom: TierBound?
    /// Upper tier bound (exclusive); nil (empty) means no upper bound.
    public var tierTo: TierBound?
    /// First day in effect; nil (empty) means in effect since before the table's records begin.
    public var effectiveFrom: CalendarDay?
    /// Last day in effect, inclusive; nil (empty) means still in effect.
    public var effectiveTo: CalendarDay?
    /// The AWS Price List SKU, when the row came from (or was checked against) an offer file.
    public var sku: String
    /// Where the price was read (a URL).
    public var source: String
    /// Free text for people: what the figure means, when it was read, why it is unpublished.
    public var note: String
    /// The file and line the row was read from (or will be written to).
    public var location: SourceLocation

    public init(
        item: PriceItem, region: String, unit: BillingUnit, price: RatePrice,
        tierFrom: TierBound? = nil, tierTo: TierBound? = nil,
        effectiveFrom: CalendarDay? = nil, effectiveTo: CalendarDay? = nil,
        sku: String = "", source: String, note: String = "", location: SourceLocation
    ) {
        self.item = item
        self.region = region
        self.unit = unit
        self.price = price
        self.tierFrom = tierFrom
        self.tierTo = tierTo
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.sku = sku
        self.source = source
        self.note = note
        self.location = location
    }

    /// Whether `day` lies within the row's effective range.
    public func isInEffect(on day: CalendarDay) -> Bool {
        (effectiveFrom.map { $0 <= day } ?? true) && (effectiveTo.map { day <= $0 } ?? true)
    }

    /// The columns of a rates file, in the order they are written.
    public static let columns = [
        "service", "item", "region", "unit", "price_usd", "tier_from", "tier_to",
        "effective_from", "effective_to", "sku", "source", "note",
    ]

    /// The row's cells in ``columns`` order, as they are written.
    var cells: [String] {
        [
            item.service, item.name, region, unit.description, price.description,
            tierFrom?.description ?? "", tierTo?.description ?? "",
            effectiveFrom?.description ?? "", effectiveTo?.description ?? "", sku, source, note,
        ]
    }
}
