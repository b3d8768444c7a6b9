/// A property of generated values: it holds for a value, or fails with a
/// message. Build one from a closure returning `Bool` (false fails) or a
/// throwing closure (a thrown error fails; see ``PropertyViolation`` and
/// ``ensure(_:_:)``).
public struct Property<Value>: Sendable {
    /// nil when the property holds for the value, else why it fails.
    public let failure: @Sendable (Value) -> String?

    /// A property that fails when `predicate` returns false or throws.
    public init(_ predicate: @escaping @Sendable (Value) throws -> Bool) {
        failure = { value in
            do { return try predicate(value) ? nil : "property returned false" }
            catch { return "property threw: \(error)" }
        }
    }

    /// A property that fails when `body` throws.
    public init(throwing body: @escaping @Sendable (Value) throws -> Void) {
        failure = { value in
            do { try body(value); return nil }
            catch { return "property threw: \(error)" }
        }
    }
}

/// The error ``ensure(_:_:)`` throws: a property's own description of a violation.
public struct PropertyViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Throws a ``PropertyViolation`` with `message` unless `condition` holds.
/// Use inside property closures instead of `#expect`, which would record an
/// issue for every case tried while shrinking.
public func ensure(_ condition: Bool, _ message: @autoclosure () -> String = "condition failed") throws {
    if !condition { throw PropertyViolation(message()) }
}
