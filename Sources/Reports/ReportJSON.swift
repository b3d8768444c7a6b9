import WireJSON

/// How the reports write JSON. Each report's JSON form is `Encodable`: it
/// spells out the schema of docs/report-schema.md (snake_case keys, `null`
/// for an absent value). Foundation's `JSONEncoder` encodes it, with
/// non-finite numbers as the strings `"nan"`, `"inf"`, `"-inf"`; `WireJSON`
/// writes the result in the committed reports' layout (`prettyPrinted`),
/// which JSONEncoder's own pretty printing does not match (docs/architecture.md).
enum ReportJSON {
    /// The JSON of `form`.
    static func value(_ form: some Encodable) -> JSONValue {
        do {
            return try JSONValue(encoding: form)
        } catch {
            preconditionFailure("a report's JSON form holds only strings, integers, Booleans and doubles "
                                + "(non-finite ones as strings), which always encode: \(error)")
        }
    }
}
