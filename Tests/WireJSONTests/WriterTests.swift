import Foundation
import Testing
import WireJSON

/// The writer: compact and indented layouts, keys sorted, and values read
/// back as written.
struct WriterTests {
    static let sample = JSONValue.object([
        "b": .array([.number(1), .number(-0.5), .null]),
        "a": .object([:]),
        "c": .array([]),
        "d": .string("tab\there \u{08}\u{1F} é /"),
        "e": .double(.nan),
    ])

    @Test func compactTextSortsKeys() {
        #expect(Self.sample.serialized == #"{"a":{},"b":[1,-0.5,null],"c":[],"d":"tab\there \u0008\u001f é /","e":"nan"}"#)
    }

    @Test func indentedTextIsTheReportsLayout() {
        #expect(Self.sample.prettyPrinted == """
            {
              "a": {},
              "b": [
                1,
                -0.5,
                null
              ],
              "c": [],
              "d": "tab\\there \\u0008\\u001f é /",
              "e": "nan"
            }

            """)
    }

    @Test func writtenTextReadsBackAsTheSameValue() throws {
        #expect(try JSONValue.parse(Self.sample.serialized) == Self.sample)
        #expect(try JSONValue.parse(Self.sample.prettyPrinted) == Self.sample)
    }

    @Test(arguments: [0.1, 1e-5, 1e21, 2, -0.0, .leastNonzeroMagnitude, 1.0 / 3.0, .greatestFiniteMagnitude])
    func numbersAreShortestRoundTrip(_ value: Double) throws {
        let text = jsonNumberText(value)
        #expect(!text.hasSuffix(".0"))
        #expect(Double(text)!.bitPattern == value.bitPattern, "\(text)")
    }

    @Test func nonFiniteDoublesAreStrings() {
        #expect(JSONValue.double(.infinity) == .string("inf"))
        #expect(JSONValue.double(-.infinity) == .string("-inf"))
        #expect(JSONValue.double(0.25) == .number(0.25, text: "0.25"))
    }

    struct Form: Encodable {
        var name = "a/b"
        var values: [String: Double] = ["x": 1e-5, "y": .infinity, "z": -.nan]
        var count = 3
        var missing: String? = nil
    }

    /// JSONEncoder's numbers are this module's numbers; its escapes and
    /// layout are not used (the value is written again).
    @Test func encodableValuesReadIntoTheTree() throws {
        let value = try JSONValue(encoding: Form())
        #expect(value == .object(["name": .string("a/b"), "count": .number(3),
                                  "values": .object(["x": .number(1e-5), "y": .string("inf"), "z": .string("nan")])]))
        #expect(value.serialized == #"{"count":3,"name":"a/b","values":{"x":1e-05,"y":"inf","z":"nan"}}"#)
    }
}
