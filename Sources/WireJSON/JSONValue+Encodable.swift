import Foundation

extension JSONValue {
    /// The kit's `JSONEncoder`: keys sorted, `/` not escaped, non-finite
    /// numbers as the strings `"nan"`, `"inf"` and `"-inf"` (the convention of
    /// the wire protocol and of the reports).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf",
                                                                      negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as ``encoder()`` writes it, read back: every number keeps the
    /// text JSONEncoder gave it, so ``serialized`` and ``prettyPrinted``
    /// write JSONEncoder's numbers in this module's layout.
    public init(encoding value: some Encodable) throws {
        let data = try Self.encoder().encode(value)
        self = try Self.parse(String(decoding: data, as: UTF8.self), maximumDepth: .max)
    }
}
