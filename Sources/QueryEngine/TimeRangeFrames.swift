/// `RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW`: a frame of the rows whose time key
/// lies within a distance of the current row's, as in "events from this address in the hour
/// before". SQLite measures RANGE offsets on a numeric key, so the key becomes its instant in
/// epoch milliseconds and the interval its length in milliseconds; the rows' order is unchanged.
extension TranslationContext {
    /// The frame, when it measures an interval: RANGE over one ORDER BY key. Nil for other frames.
    func timeRangeFrame(_ frame: WindowSpec.Frame, _ window: WindowSpec) throws(QueryError) -> WindowSpec.Frame? {
        let bounds = [frame.start] + (frame.end.map { [$0] } ?? [])
        guard let offset = bounds.lazy.compactMap(\.interval).first else { return nil }
        guard frame.mode == "RANGE" else {
            throw .invalid(
                message: "an interval frame offset requires RANGE, not \(frame.mode)", at: location(offset.at))
        }
        guard window.orderBy.count == 1 else {
            throw .invalid(
                message: "window frame of type RANGE PRECEDING or FOLLOWING requires a single sort item in ORDER BY",
                at: location(frame.at))
        }
        for bound in bounds {
            if case .preceding = bound { throw mixedOffsets(frame) }
            if case .following = bound { throw mixedOffsets(frame) }
        }
        return frame
    }

    private func mixedOffsets(_ frame: WindowSpec.Frame) -> QueryError {
        .invalid(message: "a RANGE frame over a time key takes interval offsets", at: location(frame.at))
    }

    /// The ORDER BY key as epoch milliseconds: a timestamp or date, as Trino requires.
    func timeRangeKey(_ key: TExpr, frame: WindowSpec.Frame) throws(QueryError) -> TExpr {
        guard key.type == .timestamp || key.type == .date else {
            throw .invalid(
                message:
                    "a RANGE frame with an interval offset needs a timestamp or date ORDER BY key, not \(key.type.name)",
                at: location(key.at))
        }
        let instant =
            key.type == .date
            ? TExpr.node("(" + key.sql + " || ' 00:00:00.000')", .timestamp, at: key.at, kids: [key]) : key
        return .node("tm_epoch_millis(" + asInstant(instant).sql + ")", .bigint, at: key.at, kids: [key])
    }

    /// A bound in milliseconds; a year-month interval has no fixed length and is refused.
    func timeRangeBound(_ bound: WindowSpec.Bound) throws(QueryError) -> String {
        guard let offset = bound.interval else { return bound.sql }
        let interval = try translateExpression(offset.expression, scope: Scope(parent: nil), ctes: [:])
        guard case .interval(let millis, let months) = interval.constant, !months else {
            throw .unsupported(construct: "a RANGE frame offset in months or years", at: location(offset.at))
        }
        guard millis >= 0 else {
            throw .invalid(message: "window frame offset value must not be negative", at: location(offset.at))
        }
        if case .intervalPreceding = bound { return "\(millis) PRECEDING" }
        return "\(millis) FOLLOWING"
    }
}
