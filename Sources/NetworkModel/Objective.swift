/// The quantity a network's gradient is taken of.
public enum Objective: Sendable, Hashable {
    /// The activated output x of one unit (the seed's y = x20), called `name`.
    case unit(Int, name: String)
    /// A loss of some units' outputs (y₁ … y_K, in this order) and the
    /// case's targets, called `name` (usually `L`).
    case loss(Loss, outputs: [Int], name: String)

    /// The name of the objective in reports (`y`, `L`).
    public var name: String {
        switch self {
        case .unit(_, let name), .loss(_, _, let name): name
        }
    }

    /// The units the objective reads.
    public var outputUnits: [Int] {
        switch self {
        case .unit(let u, _): [u]
        case .loss(_, let outputs, _): outputs
        }
    }

    /// Names of the targets a case carries (none for a unit's output).
    public var targetNames: [String] {
        switch self {
        case .unit: []
        case .loss(let loss, let outputs, _): loss.targetNames(outputCount: outputs.count)
        }
    }
}

/// Losses of K outputs y and targets t, with their gradients ∂L/∂y.
///
/// Each is written the numerically careful way the frameworks do it, so a
/// correct engine is judged against the formula it should use:
///
/// - `mse`: L = ½ Σₖ (yₖ − tₖ)², ∂L/∂yₖ = yₖ − tₖ (PyTorch `MSELoss(reduction='sum')/2`);
/// - `logistic` (one logit y, t ∈ [0, 1]): L = softplus(y) − t·y, written
///   (max(y, 0) − t·y) + log1p(e^(−|y|)), ∂L/∂y = σ(y) − t (`BCEWithLogitsLoss`);
/// - `softmax-ce` (K logits, class c): L = log Σₖ e^(yₖ − m) − (y_c − m) with
///   m = maxₖ yₖ = y_j, written log1p(Σ_{k≠j} e^(yₖ − m)) − (y_c − m) so that a
///   confident, correct prediction keeps its tiny loss instead of log(1) = 0;
///   ∂L/∂yₖ = softmax(y)ₖ − [k = c] (`cross_entropy` on logits).
public enum Loss: String, CaseIterable, Sendable, Hashable, Codable {
    case mse
    case logistic
    case softmaxCrossEntropy = "softmax-ce"

    /// The one spelling of the list, for messages and help texts: "mse, logistic, softmax-ce".
    public static let names: String = allCases.map(\.rawValue).joined(separator: ", ")

    /// Target names for `outputCount` outputs: `t` or `t[k]` for mse, `t`
    /// (a probability) for logistic, `t` (a class index) for softmax-ce.
    public func targetNames(outputCount: Int) -> [String] {
        switch self {
        case .mse: outputCount == 1 ? ["t"] : (0..<outputCount).map { "t[\($0)]" }
        case .logistic, .softmaxCrossEntropy: ["t"]
        }
    }

    /// Whether `outputCount` outputs suit this loss.
    public func accepts(outputCount: Int) -> Bool {
        switch self {
        case .mse: outputCount >= 1
        case .logistic: outputCount == 1
        case .softmaxCrossEntropy: outputCount >= 2
        }
    }

    /// Why `targets` do not suit this loss with `outputCount` outputs, or nil.
    public func targetProblem(_ targets: [Double], outputCount: Int) -> String? {
        let expected = targetNames(outputCount: outputCount).count
        guard targets.count == expected else { return "expected \(expected) target value(s), got \(targets.count)" }
        guard targets.allSatisfy(\.isFinite) else { return "targets must be finite" }
        if self == .softmaxCrossEntropy {
            let c = targets[0]
            guard c == c.rounded(), c >= 0, c < Double(outputCount) else {
                return "the softmax-ce target is a class index in 0...\(outputCount - 1), got \(c)"
            }
        }
        return nil
    }

    /// L and ∂L/∂yₖ for outputs `y(k)`, k = 0..<count, and targets `t(k)`;
    /// `adjoint(k, ∂L/∂yₖ)` is called once per output, in order.
    @inlinable
    public func evaluate<T: NetworkScalar>(count: Int, output y: (Int) -> T, target t: (Int) -> Double,
                                           adjoint: (Int, T) -> Void) -> T {
        switch self {
        case .mse:
            var sum: T? = nil
            for k in 0..<count {
                let yk = y(k)
                let d = yk - yk.constant(t(k))
                adjoint(k, d)
                sum = sum.map { $0 + d * d } ?? d * d
            }
            return sum!.constant(0.5) * sum!
        case .logistic:
            // L = (max(z, 0) − t·z) + log1p(e), e = e^(−|z|), as BCEWithLogitsLoss
            // writes it: a confident, correct z keeps its tiny loss log1p(e).
            let z = y(0)
            let (zero, one) = (z.constant(0), z.constant(1))
            let e = T.exp(-z.absoluteValue)
            let total = one + e
            let positive = z >= zero
            let sigmoid = positive ? one / total : e / total
            let target = z.constant(t(0))
            if t(0) == 1 && positive {
                // σ(z) − 1 = −e/(1 + e): the complement of a confident σ.
                adjoint(0, T.differenceFromOne(sigmoid, rest: e, total: total))
            } else {
                adjoint(0, sigmoid - target)
            }
            return ((positive ? z : zero) - target * z) + T.log1p(e)
        case .softmaxCrossEntropy:
            let c = Int(t(0))
            var j = 0
            for k in 1..<count where y(k) > y(j) { j = k }
            let m = y(j)
            // e^(yₖ − m) for k ≠ j, summed in order; e^(y_j − m) = 1 exactly.
            var others: T? = nil
            var shifted: [T] = []
            shifted.reserveCapacity(count)
            for k in 0..<count {
                let e = k == j ? m.constant(1) : T.exp(y(k) - m)
                shifted.append(e)
                if k != j { others = others.map { $0 + e } ?? e }
            }
            let rest = others ?? m.constant(0)
            let total = m.constant(1) + rest
            for k in 0..<count {
                let p = shifted[k] / total
                adjoint(k, k != c ? p : k == j ? T.differenceFromOne(p, rest: rest, total: total) : p - p.constant(1))
            }
            return T.log1p(rest) - (y(c) - m)
        }
    }
}
