import WireJSON

/// The wire's JSON value (module `WireJSON`), also named here so code that
/// imports `Engines` for the wire format can name it too.
public typealias JSONValue = WireJSON.JSONValue
