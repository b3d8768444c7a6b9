import NetworkModel
import Notation

extension ClaimChecker {
    /// Whether `a` and `b` are *shown* to have the same value at `cases`:
    /// evaluated exactly in MPFR at the checker's precision, with no parameter
    /// for `\partial`, and compared with ``compare(_:_:error:)``.
    ///
    /// True only when there is at least one case and, at every case, both
    /// sides evaluate and agree. A case where either side cannot be evaluated
    /// (``EvaluationError``: `\partial`, a vector where a scalar belongs, …)
    /// answers **false**, as does NaN: sameness that could not be shown is
    /// never assumed. That is the sound answer for both callers —
    /// an annotation check must not call a row consistent with a conclusion
    /// it could not evaluate (that would hide a discrepancy), and a mutation
    /// score must not set aside as "equivalent" a mutant it could not evaluate.
    func sameValue(_ a: Expression, _ b: Expression, at cases: [NetworkCase]) -> Bool {
        !cases.isEmpty && cases.allSatisfy { c in
            guard let x = try? value(of: a, at: c, operatorVariable: nil),
                  let y = try? value(of: b, at: c, operatorVariable: nil) else { return false }
            if case .agree = compare(x, y, error: nil) { return true }
            return false
        }
    }

    /// The first reason `expressions` cannot be evaluated at `cases` (with no
    /// parameter for `\partial`), or nil when every one evaluates at every case.
    func evaluationFailure(of expressions: [Expression], at cases: [NetworkCase]) -> EvaluationError? {
        for c in cases {
            for e in expressions {
                do { _ = try value(of: e, at: c, operatorVariable: nil) } catch let error as EvaluationError { return error } catch {
                    return .invalidNumber(String(describing: error))
                }
            }
        }
        return nil
    }
}
