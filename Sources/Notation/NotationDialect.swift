/// Which notation a document is read in.
///
/// * ``seed``: the seed document's notation (docs/notation.md, "Grammar"): the letters x, z, w, b
///   with numeric subscripts, `y`, `\alpha` and `\alpha'`. Anything else is an error, so a typo such
///   as `q_{3}` is caught at once. Documents in this notation are checked against the seed network.
/// * ``general``: any derivation (docs/notation.md, "The general notation"): symbols of any
///   spelling (`x`, `h^{(1)}_{j}`, `\hat{y}`, `\mathcal{L}`, Greek letters), `\sigma`, `\tanh`,
///   `\exp`, `\log`, ReLU, softplus, generic `f`, `g`, `\frac{a}{b}`, `a / b` and integer powers.
///   The document's own model rows define the computation.
public enum NotationDialect: String, Hashable, Sendable {
    case seed
    case general
}
