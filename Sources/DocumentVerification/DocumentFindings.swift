import NetworkModel
import Notation

/// The verdict on one written claim (a table row, a derivation step, a model equation).
public enum ClaimVerdict: String, Sendable, Codable, Hashable {
    /// Agrees with the truth on every usable case, including cases where
    /// index mistakes would show (w20[0] ≠ w20[1]).
    case verified
    /// Disagrees far beyond the finite difference's error estimate.
    case discrepant
    /// Could not be decided; ``ClaimFinding/reason`` says why.
    case inconclusive
}

/// What a document comes to: nothing unchecked passes.
public enum DocumentOutcome: String, Sendable, Hashable {
    /// Every claim verified (and no annotation contradicts what it cites).
    case verified
    /// Some claim is discrepant, or an annotation contradicts what it cites.
    case discrepant
    /// No discrepancy, but some claims are inconclusive: the document is not verified.
    case partlyChecked = "partly_checked"
    /// No claim could be checked at all: an error, not a verdict.
    case nothingChecked = "nothing_checked"
}

/// One case where a claim was compared with the truth.
public struct ClaimEvidence: Sendable, Hashable {
    public var regime: Regime?
    public var networkCase: NetworkCase
    /// The claimed expression's value (decimal, 20 significant digits).
    public var claimed: String
    /// The truth: the high-precision finite difference (rows, steps) or the
    /// network's own value (model equations).
    public var truth: String
    /// The finite difference's error estimate (absent for model equations).
    public var truthErrorEstimate: String?
    /// |claimed − truth| / |truth|.
    public var relativeDifference: Double
    /// Replay of this case: seed and index of the generator, when generated.
    public var seed: UInt64?
    public var caseIndex: Int?
    /// True when this is the shrunk form of the first disagreeing case.
    public var shrunk: Bool
}

/// A small edit of a claim that makes it verify.
public struct Repair: Sendable, Hashable {
    /// What changed, e.g. `w_{20}^{[1]} → w_{20}^{[0]}`.
    public var edit: String
    /// The repaired expression in the document's notation.
    public var latex: String
    /// Edit kind, simplest first: symbol, activation, vector, drop-factor, add-factor.
    public var kind: String
}

/// The finding about one written claim.
public struct ClaimFinding: Sendable, Hashable {
    /// `w10` for ∂y/∂w10 rows and steps; the left-hand symbol for model equations.
    public var subject: String
    /// The right-hand side exactly as written.
    public var latex: String
    public var location: DocumentLocation
    public var verdict: ClaimVerdict
    /// Why inconclusive, or what kind of discrepancy.
    public var reason: String?
    /// The cases agreeing / disagreeing / unusable (non-differentiable).
    public var agreeing: Int
    public var disagreeing: Int
    public var unusable: Int
    /// Regimes of the agreeing cases and of the disagreeing ones.
    public var agreeingRegimes: [Regime]
    public var disagreeingRegimes: [Regime]
    /// The first disagreeing case, shrunk; or the best agreeing case for a verified claim.
    public var evidence: ClaimEvidence?
    /// The original (unshrunk) first disagreeing case.
    public var originalEvidence: ClaimEvidence?
    /// Edits that make the claim verify, simplest first.
    public var repairs: [Repair]
    /// For a partial: the symbol differentiated (`y`, `L`, `z_{20}`); ``subject`` is the one it is
    /// differentiated by. Nil for a model equation.
    public var differentiated: String? = nil
}

/// The finding about one derivation chain.
public struct ChainFinding: Sendable, Hashable {
    public var parameter: String
    /// The symbol differentiated (`y`, `L`, `z_{20}`).
    public var differentiated: String = "y"
    public var heading: String?
    /// Step 1 is the first right-hand side of the chain.
    public var steps: [ClaimFinding]
}

/// A table row's annotation that contradicts what it cites.
public struct AnnotationFinding: Sendable, Hashable {
    public var parameter: String
    public var annotation: String
    public var location: DocumentLocation
    /// What the cited derivation concludes, as written there.
    public var citedConclusion: String?
    public var message: String
    /// False when the cited section is not among the documents given: the
    /// annotation is *not checked* (reported, never a discrepancy).
    public var checked: Bool = true
}

/// Everything the kit found in one document.
public struct DocumentFindings: Sendable, Hashable {
    public var file: String
    public var seed: UInt64
    public var cases: Int
    public var precision: Int
    public var model: [ClaimFinding]
    public var rows: [ClaimFinding]
    public var chains: [ChainFinding]
    public var annotations: [AnnotationFinding]
    /// The model's input and parameter names, in the order of a case's values.
    public var inputNames: [String] = []
    public var parameterNames: [String] = []

    /// How many table rows carry a "(derived in …)" annotation.
    public var annotationCount: Int = 0
    /// Whether the model applies the generic activation α (then a case names the activation it was
    /// drawn with; a model of fixed functions such as `\sigma` has none to name).
    public var usesGenericActivation: Bool = true
    /// Whether the claims are about the document's own model (general notation): then single-row
    /// claims are "claims", not the rows of a summary table as in the seed document.
    public var isOwnModel: Bool = false
    /// The domains the cases were drawn within, as the document states them (`y ∈ {0, 1}`,
    /// `t one-hot (t_{1}, t_{2}, t_{3})`, `0 < \lambda`).
    public var domains: [String] = []

    /// What the document as a whole comes to (see ``DocumentOutcome``).
    public var outcome: DocumentOutcome {
        if discrepancyCount > 0 { return .discrepant }
        if checkedCount == 0 { return .nothingChecked }
        return inconclusiveCount > 0 ? .partlyChecked : .verified
    }

    /// Every claim: model equations, table rows, derivation steps.
    public var claims: [ClaimFinding] { model + rows + chains.flatMap(\.steps) }

    /// Claims the kit decided (verified or discrepant).
    public var checkedCount: Int { claims.filter { $0.verdict != .inconclusive }.count }

    /// Claims the kit could not judge (an unknown function, no case where the truth is defined).
    public var inconclusiveCount: Int { claims.filter { $0.verdict == .inconclusive }.count }

    /// Every claim that is not verified, plus annotation contradictions
    /// (annotations not checked do not count).
    public var discrepancyCount: Int {
        (model + rows + chains.flatMap(\.steps)).filter { $0.verdict == .discrepant }.count
            + annotations.filter(\.checked).count
    }
}
