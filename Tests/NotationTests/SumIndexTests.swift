import Testing
@testable import Notation

/// A sum with numeric bounds is written out at reading, its index replaced in every term: in symbols,
/// in bold vectors and in the variables of derivatives, but not inside an inner sum binding it again.
@Suite("Sums written out")
struct SumIndexTests {
    @Test("The index reaches the variables of derivatives")
    func derivativesInASum() throws {
        let e = try Expression.parse(#"\sum_{k=1}^{2} \frac{\partial L}{\partial y_k}\frac{\partial y_k}{\partial h_j}"#, dialect: .general)
        let term: (Int) -> Expression = { k in
            .product(.derivative(.symbol(Symbol(spelling: "L")), by: Symbol(spelling: "y_{\(k)}")),
                     .derivative(.symbol(Symbol(spelling: "y_{\(k)}")), by: Symbol(spelling: "h_{j}")))
        }
        #expect(e == .sum(term(1), term(2)))
    }

    @Test("The index reaches bold vectors")
    func vectorsInASum() throws {
        let e = try Expression.parse(#"\sum_{n=1}^{2} \mathbf{x}_n"#, dialect: .general)
        #expect("\(e)".contains("x_{1}") && "\(e)".contains("x_{2}") && !"\(e)".contains("x_{n}"), "\(e)")
    }

    @Test("An inner sum that binds the same letter keeps it")
    func innerSumBindsAgain() throws {
        let e = try Expression.parse(#"\sum_{k=1}^{2} a_k \sum_{k} b_k"#, dialect: .general)
        #expect(e.symbols.map(\.latex).filter { $0.hasPrefix("b") } == ["b_{k}", "b_{k}"])
    }
}
