import Foundation
import Notation
import PropertyTesting

/// Foundation has an `Expression` too; in this module the name means the notation's.
typealias Expression = Notation.Expression

/// Files under `Fixtures/`, located from this source file.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // NotationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func text(_ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
    }

    static let seedDocumentName = "backprop-derivation.md"

    static func seedDocumentText() throws -> String { try text("seed/" + seedDocumentName) }
}

/// Random well-formed expressions for the render/parse property.
struct ExpressionGenerator {
    var rng: SplitMix64

    mutating func digits(_ range: ClosedRange<Int>) -> String {
        let count = Int.random(in: range, using: &rng)
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    mutating func symbol() -> Symbol {
        let letter = Symbol.Letter.allCases.randomElement(using: &rng) ?? .x
        if letter == .y { return .y }
        let superscript: Int? = Bool.random(using: &rng) ? Int.random(in: 0...12, using: &rng) : nil
        return Symbol(letter, index: digits(1...3), superscript: superscript)
    }

    mutating func number() -> String {
        let whole = digits(1...3)
        return Bool.random(using: &rng) ? whole : whole + "." + digits(1...3)
    }

    mutating func leaf() -> Expression {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .number(number())
        case 1: return .vector(symbol())
        default: return .symbol(symbol())
        }
    }

    mutating func expression(depth: Int) -> Expression {
        guard depth > 0, Int.random(in: 0..<10, using: &rng) < 8 else { return leaf() }
        let d = depth - 1
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return .transpose(expression(depth: d))
        case 1: return .activation(expression(depth: d))
        case 2: return .activationDerivative(expression(depth: d))
        case 3: return .sum(expression(depth: d), expression(depth: d))
        case 4: return .difference(expression(depth: d), expression(depth: d))
        case 5: return .product(expression(depth: d), expression(depth: d))
        case 6: return .negation(expression(depth: d))
        default: return .partial(expression(depth: d))
        }
    }
}

/// Shorthands for building expected trees.
func sym(_ name: String) -> Expression {
    guard let symbol = Symbol(name: name) else { preconditionFailure("bad symbol name \(name)") }
    return .symbol(symbol)
}

func vec(_ name: String) -> Expression {
    guard let symbol = Symbol(name: name) else { preconditionFailure("bad symbol name \(name)") }
    return .vector(symbol)
}

func num(_ literal: String) -> Expression { .number(literal) }

func symbolNamed(_ name: String) -> Symbol {
    guard let symbol = Symbol(name: name) else { preconditionFailure("bad symbol name \(name)") }
    return symbol
}

/// 1-based line and column of an error, for compact expectations.
func position(_ error: NotationError) -> String { "\(error.location.line):\(error.location.column)" }

/// Parses and returns the error, or nil if parsing succeeded.
func markdownError(_ text: String, fileName: String = "doc.md") -> NotationError? {
    do throws(NotationError) {
        _ = try Document.parse(markdown: text, fileName: fileName)
        return nil
    } catch {
        return error
    }
}

func expressionError(_ latex: String, dialect: NotationDialect = .seed) -> NotationError? {
    do throws(NotationError) {
        _ = try Expression.parse(latex, dialect: dialect)
        return nil
    } catch {
        return error
    }
}
