import CSQLite

/// The arguments of one call of an application-defined SQL function, or of a virtual table's
/// `filter`, read without copying.
public struct FunctionArguments {
    @usableFromInline let values: UnsafeMutablePointer<OpaquePointer?>?
    /// Number of arguments.
    public let count: Int

    @inlinable init(_ values: UnsafeMutablePointer<OpaquePointer?>?, _ count: Int32) {
        self.values = values
        self.count = Int(count)
    }

    /// Argument `index`, valid only during the call.
    @inlinable public subscript(_ index: Int) -> ValueReference { ValueReference(values?[index]) }

    /// The storage class of argument `index`.
    @inlinable public func type(_ index: Int) -> SQLiteType { self[index].type }

    /// True when argument `index` is NULL.
    @inlinable public func isNull(_ index: Int) -> Bool { self[index].isNull }

    /// Argument `index` as UTF-8 bytes (converted to text when it is not), nil for NULL. Valid only
    /// during the call.
    @inlinable public func bytes(_ index: Int) -> UnsafeRawBufferPointer? { self[index].bytes }

    /// Argument `index` as a Swift string, nil for NULL.
    @inlinable public func text(_ index: Int) -> String? { self[index].text }

    /// Argument `index` as an integer (SQLite's conversion rules).
    @inlinable public func int64(_ index: Int) -> Int64 { self[index].int64 }

    /// Argument `index` as a double (SQLite's conversion rules).
    @inlinable public func double(_ index: Int) -> Double { self[index].double }

    /// Argument `index` as a `SQLiteValue` (copies text and blobs).
    public func sqliteValue(_ index: Int) -> SQLiteValue { self[index].value }
}

/// Where an application-defined SQL function, or a virtual table's `column`, writes its result
/// (`sqlite3_context*`). Every setter copies what it is given.
public struct FunctionResult {
    @usableFromInline let context: OpaquePointer
    /// True when `error` gives NULL instead of failing the statement.
    @usableFromInline let errorsAsNull: Bool

    @inlinable init(_ context: OpaquePointer, errorsAsNull: Bool = false) {
        self.context = context
        self.errorsAsNull = errorsAsNull
    }

    /// This result with every error turned into NULL: what Trino's `try(...)` gives.
    public var nullingErrors: FunctionResult { FunctionResult(context, errorsAsNull: true) }

    @inlinable public func null() { sqlite3_result_null(context) }
    @inlinable public func int64(_ value: Int64) { sqlite3_result_int64(context, value) }
    @inlinable public func double(_ value: Double) { sqlite3_result_double(context, value) }
    @inlinable public func bool(_ value: Bool) { sqlite3_result_int64(context, value ? 1 : 0) }

    /// Copies `bytes` as the UTF-8 text result.
    @inlinable public func text(_ bytes: UnsafeRawBufferPointer) {
        if let base = bytes.baseAddress {
            sqlite3_result_text(
                context, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count), trailmeter_sqlite_transient())
        } else {
            sqlite3_result_text(context, "", 0, trailmeter_sqlite_transient())
        }
    }

    /// Copies `string` as the text result.
    public func text(_ string: String) {
        var string = string
        string.withUTF8 { text(UnsafeRawBufferPointer($0)) }
    }

    /// Copies `bytes` as the UTF-8 text result.
    public func text(_ bytes: [UInt8]) { bytes.withUnsafeBytes { text($0) } }

    /// Passes an argument through unchanged, subtype included (`sqlite3_result_value`).
    @inlinable public func value(_ value: ValueReference) { sqlite3_result_value(context, value.pointer) }

    /// Sets `value` as the result.
    public func value(_ value: SQLiteValue) {
        switch value {
        case .null: null()
        case .integer(let v): int64(v)
        case .real(let v): double(v)
        case .text(let v): text(v)
        case .blob(let v):
            v.withUnsafeBytes {
                sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), trailmeter_sqlite_transient())
            }
        }
    }

    /// Makes the statement fail with `message` (or the result NULL, for `nullingErrors`).
    public func error(_ message: String) {
        if errorsAsNull { return sqlite3_result_null(context) }
        sqlite3_result_error(context, message, -1)
    }

    /// Makes the statement fail with `message`, also under `nullingErrors`: for a result that is
    /// not an error in Trino but that TrailMeter cannot represent.
    public func unrepresentable(_ message: String) {
        sqlite3_result_error(context, message, -1)
    }
}

/// Per-group state of an aggregate defined with `Connection.defineAggregate`.
public protocol AggregateState: AnyObject {
    /// Adds one row's arguments.
    func step(_ arguments: FunctionArguments)
    /// Writes the group's result.
    func final(_ result: FunctionResult)
}

/// Per-group state of an aggregate that also runs over a window (`Connection.defineWindowAggregate`):
/// SQLite asks for the value of the frame so far, and takes rows out of a sliding frame.
public protocol WindowAggregateState: AggregateState {
    /// Writes the current frame's result, keeping the state.
    func value(_ result: FunctionResult)
    /// Removes one row's arguments, added earlier by `step`, from the frame.
    func inverse(_ arguments: FunctionArguments)
}

private final class ScalarBox {
    let body: (FunctionArguments, FunctionResult) -> Void
    init(_ body: @escaping (FunctionArguments, FunctionResult) -> Void) { self.body = body }
}

private final class AggregateBox {
    let make: () -> AggregateState
    init(_ make: @escaping () -> AggregateState) { self.make = make }
}

extension Connection {
    /// Registers a scalar SQL function. `argumentCount` -1 accepts any number. Deterministic
    /// functions may be factored out of loops by SQLite and used in indexes; innocuous ones are
    /// allowed where untrusted SQL runs.
    public func defineFunction(
        _ name: String, argumentCount: Int32, deterministic: Bool = true,
        _ body: @escaping (FunctionArguments, FunctionResult) -> Void
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(ScalarBox(body)).toOpaque()
        var flags = SQLITE_UTF8 | SQLITE_INNOCUOUS
        if deterministic { flags |= SQLITE_DETERMINISTIC }
        let code = sqlite3_create_function_v2(
            handle, name, argumentCount, flags, box,
            { context, count, values in
                let box = Unmanaged<ScalarBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
                box.body(FunctionArguments(values, count), FunctionResult(context!))
            },
            nil, nil,
            { pointer in Unmanaged<ScalarBox>.fromOpaque(pointer!).release() })
        guard code == SQLITE_OK else { throw SQLiteError(code: code, message: "cannot define function \(name)") }
    }

    /// Registers an aggregate SQL function whose per-group state `make` creates.
    public func defineAggregate(
        _ name: String, argumentCount: Int32, deterministic: Bool = true,
        _ make: @escaping () -> AggregateState
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(AggregateBox(make)).toOpaque()
        var flags = SQLITE_UTF8 | SQLITE_INNOCUOUS
        if deterministic { flags |= SQLITE_DETERMINISTIC }
        let code = sqlite3_create_function_v2(
            handle, name, argumentCount, flags, box, nil,
            aggregateStep, aggregateFinal, { pointer in Unmanaged<AggregateBox>.fromOpaque(pointer!).release() })
        guard code == SQLITE_OK else { throw SQLiteError(code: code, message: "cannot define aggregate \(name)") }
    }
}

extension Connection {
    /// Registers an aggregate SQL function that also runs over a window (`OVER (...)`), whose
    /// per-group state `make` creates.
    public func defineWindowAggregate(
        _ name: String, argumentCount: Int32, _ make: @escaping () -> WindowAggregateState
    ) throws(SQLiteError) {
        let box = Unmanaged.passRetained(AggregateBox(make)).toOpaque()
        let code = sqlite3_create_window_function(
            handle, name, argumentCount, SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, box,
            aggregateStep, aggregateFinal,
            { context in
                guard let state = aggregateState(context!, create: true) as? WindowAggregateState else {
                    return sqlite3_result_error_nomem(context)
                }
                state.value(FunctionResult(context!))
            },
            { context, count, values in
                guard let state = aggregateState(context!, create: true) as? WindowAggregateState else {
                    return sqlite3_result_error_nomem(context)
                }
                state.inverse(FunctionArguments(values, count))
            },
            { pointer in Unmanaged<AggregateBox>.fromOpaque(pointer!).release() })
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, message: "cannot define window aggregate \(name)")
        }
    }
}

/// xStep of `defineAggregate` and `defineWindowAggregate`: adds one row to the group's state.
private func aggregateStep(
    _ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let state = aggregateState(context!, create: true) else { return sqlite3_result_error_nomem(context) }
    state.step(FunctionArguments(values, count))
}

/// xFinal of both: writes the group's result and releases its state.
private func aggregateFinal(_ context: OpaquePointer?) {
    let result = FunctionResult(context!)
    guard let state = aggregateState(context!, create: true) else { return sqlite3_result_error_nomem(context) }
    state.final(result)
    releaseAggregateState(context!)
}

/// The group's state object, kept as a retained pointer in SQLite's per-group memory.
private func aggregateState(_ context: OpaquePointer, create: Bool) -> AggregateState? {
    let size = Int32(MemoryLayout<UnsafeMutableRawPointer?>.size)
    guard let slot = sqlite3_aggregate_context(context, create ? size : 0) else { return nil }
    let pointer = slot.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = pointer.pointee {
        return Unmanaged<AnyObject>.fromOpaque(existing).takeUnretainedValue() as? AggregateState
    }
    let box = Unmanaged<AggregateBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
    let state = box.make()
    pointer.pointee = Unmanaged.passRetained(state as AnyObject).toOpaque()
    return state
}

private func releaseAggregateState(_ context: OpaquePointer) {
    guard let slot = sqlite3_aggregate_context(context, 0) else { return }
    let pointer = slot.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = pointer.pointee {
        Unmanaged<AnyObject>.fromOpaque(existing).release()
        pointer.pointee = nil
    }
}
