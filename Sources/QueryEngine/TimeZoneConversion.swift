import Foundation
import SQLite
import Synchronization

/// A zone a query names (`AT TIME ZONE 'Asia/Tokyo'`, `at_timezone(ts, '+09:00')`): UTC, a fixed
/// offset, or a region of the IANA database, whose offset follows its rules (daylight saving).
struct ZoneRule: Sendable {
    /// As Trino prints it after the local time: `UTC`, `+09:00`, `America/New_York`.
    let name: String
    private let fixedOffsetMillis: Int64?
    private let region: TimeZone?

    /// The zone `text` names, or nil when it names none.
    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if ["UTC", "Z", "GMT", "UT", "ZULU", "ETC/UTC", "ETC/GMT"].contains(trimmed.uppercased()) {
            (name, fixedOffsetMillis, region) = ("UTC", 0, nil)
            return
        }
        if case .fixed(let written)? = WrittenZone.split("2000-01-01 00:00:00" + trimmed)?.zone,
            trimmed.first == "+" || trimmed.first == "-"
        {
            (name, fixedOffsetMillis, region) = (written.name, written.offsetMillis, nil)
            return
        }
        guard trimmed.contains("/"),
            let zone = Self.regions.withLock({ cache in
                if let known = cache[trimmed] { return known }
                let found = TimeZone(identifier: trimmed)
                cache[trimmed] = found
                return found
            })
        else { return nil }
        (name, fixedOffsetMillis, region) = (zone.identifier, nil, zone)
    }

    private static let regions = Mutex<[String: TimeZone?]>([:])

    var isUTC: Bool { fixedOffsetMillis == 0 }

    /// The zone's offset from UTC at `instant` (milliseconds since 1970).
    func offset(at instant: Int64) -> Int64 {
        if let fixedOffsetMillis { return fixedOffsetMillis }
        let date = Date(timeIntervalSince1970: Double(instant) / 1000)
        return Int64(region!.secondsFromGMT(for: date)) * 1000
    }

    /// The instant whose local time in this zone is `local`; in a gap or an overlap of daylight
    /// saving, the one the offset before it gives.
    func instant(ofLocal local: Int64) -> Int64 {
        let guess = local - offset(at: local)
        return local - offset(at: guess)
    }
}

extension TranslationContext {
    /// `at_timezone(ts, zone)` and `ts AT TIME ZONE zone`: the same instant, in `zone`.
    /// `with_timezone(ts, zone)`: the local time of a plain timestamp, taken in `zone`.
    func zoneConversion(_ call: Call, scope: Scope, ctes: CTEs) throws(QueryError) -> TExpr {
        let at = call.name.start
        let function = call.name.folded
        guard call.arguments.count == 2 else {
            throw .invalid(message: "\(function) takes 2 arguments, not \(call.arguments.count)", at: location(at))
        }
        let value = try translateExpression(call.arguments[0], scope: scope, ctes: ctes)
        let zoneArgument = try translateExpression(call.arguments[1], scope: scope, ctes: ctes)
        try requireTime(value, call)
        guard let zoneText = zoneArgument.constantString else {
            throw .unsupported(
                construct: "\(function) with a zone that is not a constant", at: location(zoneArgument.at))
        }
        guard let zone = ZoneRule(zoneText) else {
            throw .invalid(message: "'\(zoneText)' is not a valid time zone", at: location(zoneArgument.at))
        }
        if function == "with_timezone", value.zone != nil {
            throw .invalid(
                message: "with_timezone takes a timestamp without a time zone; use at_timezone", at: location(value.at))
        }
        let keepsLocalTime = function == "with_timezone"
        if let millis = value.constantTime {
            let instant = keepsLocalTime ? zone.instant(ofLocal: millis) : millis
            var result = TExpr(constant: .timestamp(instant), at: at)
            result.zone = WrittenZone(name: zone.name, offsetMillis: zone.offset(at: instant))
            return result
        }
        let quotedZone = SQLText.string(zone.name)
        var result: TExpr
        if keepsLocalTime {
            result = .node(value.sql, .timestamp, at: at, kids: [value])
        } else {
            let instant = instantSQL(value)
            if zone.isUTC { return .node(instant, .timestamp, at: at, kids: [value.withoutZone()]).inUTC() }
            result = .node(
                Fragment("tm_zone_local(", at: at) + instant + ", " + quotedZone + ")", .timestamp, at: at,
                kids: [value.withoutZone()])
        }
        result.zone = WrittenZone(name: zone.name, offsetMillis: 0, isLocalText: true)
        return result
    }

    /// A timestamp's SQL as its instant in UTC text: a value held as local time in a zone is
    /// converted back; every other timestamp is held in UTC already.
    func instantSQL(_ value: TExpr) -> Fragment {
        guard let zone = value.zone, zone.isLocalText else { return value.sql }
        return "tm_zone_utc(" + value.sql + ", " + Fragment(SQLText.string(zone.name), at: value.at) + ")"
    }

    /// Two times as one clock reads them: as they are when both are held in UTC or as local time
    /// in the same zone, else both as instants (Trino compares and subtracts times in different
    /// zones by their instants).
    func onOneClock(_ a: TExpr, _ b: TExpr) -> (TExpr, TExpr) {
        guard a.zone?.isLocalText == true || b.zone?.isLocalText == true, a.zone?.name != b.zone?.name else {
            return (a, b)
        }
        return (asInstant(a), asInstant(b))
    }

    /// `value` held as its UTC instant when it is held as local time in a zone.
    func asInstant(_ value: TExpr) -> TExpr {
        guard value.zone?.isLocalText == true else { return value }
        return TExpr.node(instantSQL(value), .timestamp, at: value.at, kids: [value.withoutZone()]).inUTC()
    }
}

extension SQLFunctions {
    /// `tm_zone_local(utc, zone)` and `tm_zone_utc(local, zone)`: a timestamp's text moved
    /// between UTC and the local time of a zone `ZoneRule` reads.
    static func registerZones(_ c: Connection) throws(SQLiteError) {
        try define(c, "tm_zone_local", argumentCount: 2) { args, result in
            guard let (millis, _) = time(args, 0, result) else { return }
            guard let text = args.text(1), let zone = ZoneRule(text) else { return result.error("unknown time zone") }
            result.text(TrinoTime.format(millis + zone.offset(at: millis)))
        }
        try define(c, "tm_to_iso8601_in_zone", argumentCount: 2) { args, result in
            guard let (millis, _) = time(args, 0, result) else { return }
            guard let text = args.text(1), let zone = ZoneRule(text) else { return result.error("unknown time zone") }
            let offset = zone.offset(at: millis)
            let local = TrinoTime.iso8601(millis + offset).dropLast()
            result.text(offset == 0 ? local + "Z" : local + WrittenZone.offsetText(offset))
        }
        try define(c, "tm_zone_utc", argumentCount: 2) { args, result in
            guard let (millis, _) = time(args, 0, result) else { return }
            guard let text = args.text(1), let zone = ZoneRule(text) else { return result.error("unknown time zone") }
            result.text(TrinoTime.format(zone.instant(ofLocal: millis)))
        }
    }
}
