import Foundation
import MultiPrecision
import NetworkModel
import Notation
import PropertyTesting
import Reference

/// Checks a derivation document by computation: every summary-table row and
/// every derivation step against high-precision finite differences, every
/// model equation against the network, every "(derived in …)" annotation
/// against the derivation it cites. Discrepancies come with evidence (a
/// shrunk counterexample) and suggested repairs.
public struct DocumentVerifier: Sendable {
    public var network: Network
    /// Number of generated cases (all activations, all regimes).
    public var cases: Int
    public var seed: UInt64
    public var precision: Int
    /// The activations cases are drawn with.
    public var activations: [Activation]

    /// A document's own model, when the document is read in the general
    /// notation (nil: the claims are about ``network``).
    var graph: ModelGraph?
    /// The domains the document states for its model's free symbols.
    var domains = CaseDomains()

    public init(network: Network, cases: Int = 96, seed: UInt64 = PropertyConfiguration.defaultSeed,
                precision: Int = 256, activations: [Activation] = Activation.allCases) {
        self.network = network
        self.cases = cases
        self.seed = seed
        self.precision = precision
        self.activations = activations
        self.graph = nil
    }

    /// The generator the cases come from: the chosen activations, every
    /// regime (equal weights always alongside cases where index mistakes show).
    var generator: Gen<TaggedCase> {
        if let graph { return Self.graphCases(graph, activations: activations, domains: domains) }
        return Gen<TaggedCase>.networkCase(network: network, activations: activations)
    }

    var checker: ClaimChecker {
        if let graph { return ClaimChecker(graph: graph, precision: precision) }
        return ClaimChecker(network: network, precision: precision)
    }

    /// Input and parameter names of the model, in case order.
    var inputNames: [String] { graph.map { $0.inputs.map(\.name) } ?? network.inputs }
    var parameterNames: [String] { graph.map { $0.parameters.map(\.name) } ?? network.parameters }

    /// The prepared cases with their finite-difference truths.
    struct Workbench: Sendable {
        var cases: [TaggedCase]
        var truths: [[TruthKey: Truth]]
    }

    /// Cases and the truths of `keys` (for the seed network, ∂y/∂θ for every parameter θ as well).
    func workbench(keys: [TruthKey] = []) async throws -> Workbench {
        let cases = try generator.samples(seed: seed, count: cases)
        let checker = checker
        var all = keys
        if graph == nil, let objective = checker.graph.objective {
            all = checker.graph.parameters.map { TruthKey(of: objective, by: $0) } + keys
        }
        var unique: [TruthKey] = []
        for key in all where !unique.contains(key) { unique.append(key) }
        let wanted = unique
        let truths = await withTaskGroup(of: (Int, [TruthKey: Truth]).self) { group in
            for (i, c) in cases.enumerated() { group.addTask { (i, checker.truths(at: c.case, keys: wanted)) } }
            var all = [[TruthKey: Truth]](repeating: [:], count: cases.count)
            for await (i, t) in group { all[i] = t }
            return all
        }
        return Workbench(cases: cases, truths: truths)
    }

    /// Cases for a document's own model: every input and parameter uniform
    /// in [−2, 2] (ordinary) or log-uniform in magnitude on [1e-3, 1e3]
    /// (wide), within the domains the document states (``CaseDomains``), the generic α drawn among
    /// `activations` when the model uses it.
    static func graphCases(_ graph: ModelGraph, activations: [Activation],
                           domains: CaseDomains = CaseDomains()) -> Gen<TaggedCase> {
        let count = graph.inputs.count + graph.parameters.count
        let inputs = graph.inputs.count
        let regime = Gen<Regime>.element(of: [.ordinary, .ordinary, .wide])
        let activation = graph.usesGenericActivation ? Gen<Activation>.element(of: activations)
                                                     : .constant(activations[0])
        return regime.zip(activation).flatMap { regime, activation in
            let value = regime == .wide ? Gen<Double>.logUniform(magnitudes: 1e-3...1e3)
                                        : Gen<Double>.uniform(in: -2...2)
            return domains.values(count: count, regime: regime, free: value).map { values in
                TaggedCase(regime: regime, case: NetworkCase(activation: activation, inputs: Array(values[..<inputs]),
                                                             parameters: Array(values[inputs...])))
            }
        }
    }

    /// Verifies `document`; `progress` hears (claims done, claims in all).
    /// Throws the first ``NotationError`` if a symbol, or a derivative's
    /// parameter, is not one of the network's: nothing is skipped silently.
    ///
    /// A document read in the general notation (``Document/dialect``) is
    /// checked against its own model (``DocumentModel``); one in the seed
    /// notation against ``network``.
    public func verify(_ document: Document,
                       progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) async throws -> DocumentFindings {
        var verifier = self
        if document.rows.isEmpty {
            throw NotationError(kind: .modelError, location: DocumentLocation(file: document.fileName, line: 1, column: 1),
                                message: "no equations found: nothing to check",
                                expected: "display math: $$ … $$, \\[ … \\], \\begin{align} … \\end{align} or ```math")
        }
        var document = document
        if document.dialect == .general {
            document = DocumentModel.withoutForeignInlineClaims(document)
            let graph = try DocumentModel.graph(of: document)
            try Self.requireDerivativesWithinTheModel(document, graph)
            verifier.graph = graph
            verifier.domains = CaseDomains(document.domains, graph: graph)
        } else {
            try resolveEverySymbol(in: document)
        }
        return try await verifier.run(document, progress: progress)
    }

    /// A claim ∂f/∂v where v reaches not f and no definition reads v is about a model the document does
    /// not define (∂L/∂V of an untied decoder V, after `V = W^\top` ties it again): a located error, never
    /// a verdict against the structural zero. (∂h₁/∂a₂ of an element-wise h is exactly zero, and checked
    /// so: h₂ reads a₂.)
    static func requireDerivativesWithinTheModel(_ document: Document, _ graph: ModelGraph) throws {
        let claims = document.tableRows.filter { $0.differentiatedExpression == nil }.map { ($0.differentiated, $0.parameter, $0.row) }
            + document.chains.filter { $0.differentiatedExpression == nil }.flatMap { c in c.steps.map { (c.differentiated, c.parameter, $0) } }
        let read = Set(graph.definitions.flatMap { $0.rhs.symbols + $0.rhs.vectorSymbols })
        for (of, by, row) in claims where !read.contains(by) && by != of {
            guard let variable = graph.variable(by), case .definition(let f)? = graph.variable(of),
                  !graph.mayDepend(f, on: variable) else { continue }
            let location = row.lhsSymbols.last { $0.symbol == by }?.range.start ?? row.location
            throw NotationError(kind: .modelError, location: location,
                                message: "'\(by.latex)' is read by no definition of the document's model, so \(of.latex) "
                                    + "does not depend on it: the derivative is about a model the document does not define",
                                expected: "a derivative by a quantity the model's computation reads")
        }
    }

    private func run(_ document: Document,
                     progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) async throws -> DocumentFindings {
        // The seed's model rows are judged against the network; a document's own model rows define
        // it, and only their continuation rows (`p = \sigma(z) = …`) are claims.
        let judgedModel = graph == nil ? document.modelEquations : document.modelEquations.filter { $0.row.lhs == nil }
        let identities = graph == nil ? 0 : DocumentModel.identityRows(of: document).count
        let total = judgedModel.count + identities + document.tableRows.count
            + document.chains.reduce(0) { $0 + $1.steps.count }
        var done = 0
        func tick() { done += 1; progress?(done, total) }
        let keys = document.tableRows.filter { $0.differentiatedExpression == nil }
            .map { TruthKey(of: $0.differentiated, by: $0.parameter) }
            + document.chains.filter { $0.differentiatedExpression == nil }
            .map { TruthKey(of: $0.differentiated, by: $0.parameter) }
        let bench = try await workbench(keys: keys)
        var model: [ClaimFinding] = []
        for equation in judgedModel {
            model.append(await judge(.model(lhs: equation.symbol, rhs: equation.rhs), row: equation.row,
                                     subject: equation.symbol.name, bench: bench))
            tick()
        }
        if graph != nil {
            for identity in DocumentModel.identityRows(of: document) {
                let claim = Claim.identity(lhs: identity.lhs, variable: identity.argument, rhs: identity.row.rhs)
                model.append(await judge(claim, row: identity.row, subject: identity.lhs.latex, bench: bench))
                tick()
            }
        }
        let points = graph.map { WorkedPoints(document, graph: $0) }
        var rows: [ClaimFinding] = []
        for row in document.tableRows {
            let claim: Claim = row.differentiatedExpression.map {
                .value(lhs: .derivative($0, by: row.parameter), operatorVariable: nil, rhs: row.rhs)
            } ?? .partial(of: row.differentiated, by: row.parameter, operatorVariable: nil, rhs: row.rhs)
            var finding = await judge(claim, row: row.row, subject: row.parameter.name, bench: bench,
                                      heading: row.heading, points: points)
            finding.differentiated = row.differentiated.name
            rows.append(finding)
            tick()
        }
        var chains: [ChainFinding] = []
        for chain in document.chains {
            var steps: [ClaimFinding] = []
            for step in chain.steps {
                let claim: Claim = chain.differentiatedExpression.map {
                    .value(lhs: .derivative($0, by: chain.parameter), operatorVariable: chain.operatorParameter, rhs: step.rhs)
                } ?? .partial(of: chain.differentiated, by: chain.parameter,
                              operatorVariable: chain.operatorParameter, rhs: step.rhs)
                var finding = await judge(claim, row: step, subject: chain.parameter.name, bench: bench,
                                          heading: chain.heading, points: points)
                finding.differentiated = chain.differentiated.name
                steps.append(finding)
                tick()
            }
            chains.append(ChainFinding(parameter: chain.parameter.name, differentiated: chain.differentiated.name,
                                       heading: chain.heading?.text, steps: steps))
        }
        let annotations = AnnotationCheck(verifier: self, bench: bench).contradictions(in: document)
        let annotated = document.tableRows.filter { row in
            row.annotation.map { AnnotationCheck(verifier: self, bench: bench).citedSection($0) != nil } ?? false
        }.count
        var findings = DocumentFindings(file: document.fileName, seed: seed, cases: cases, precision: precision,
                                        model: model, rows: rows, chains: chains, annotations: annotations,
                                        inputNames: inputNames, parameterNames: parameterNames,
                                        annotationCount: annotated)
        findings.usesGenericActivation = graph?.usesGenericActivation ?? true
        findings.isOwnModel = graph != nil
        findings.domains = domains.used
        return findings
    }

    /// Every symbol must resolve in the network (a derivative may be taken
    /// of any value of the network, by any value of it).
    func resolveEverySymbol(in document: Document) throws {
        let resolver = SymbolResolver(network: network)
        if let first = resolver.unresolvedSymbols(in: document).first { throw first }
    }

    /// Judges a claim with a constant right-hand side at its section's worked point (``WorkedPoints``), others over
    /// the workbench's cases.
    func judge(_ claim: Claim, row: Row, subject: String, bench: Workbench, heading: Heading?,
               points: WorkedPoints?) async -> ClaimFinding {
        let rhs = claim.rhs
        guard let points, let activation = bench.cases.first?.case.activation else {
            return await judge(claim, row: row, subject: subject, bench: bench)
        }
        let of: Symbol? = if case .partial(let f, _, _, _) = claim { f } else { nil }
        let keys: [TruthKey] = if case .partial(let f, let v, _, _) = claim { [TruthKey(of: f, by: v)] } else { [] }
        switch points.reading(of: rhs, about: of, at: row.rhsLocation, in: heading, activation: activation) {
        case .everywhere:
            return await judge(claim, row: row, subject: subject, bench: bench)
        case .roundedFormula:
            return await inconclusive(claim, row: row, subject: subject,
                                      "a formula of rounded numbers at a worked point: their rounding is not bounded through it")
        case .openActivation:
            return await inconclusive(claim, row: row, subject: subject, "a worked number, but the model's activation is left open")
        case .atPoint(let point, let halfUnit):
            var checker = checker
            checker.workedNumber = ClaimChecker.WorkedNumber(halfUnit: halfUnit)
            let tagged = TaggedCase(regime: .ordinary, case: point)
            let pointBench = Workbench(cases: [tagged], truths: [checker.truths(at: point, keys: keys)])
            return await judge(claim, row: row, subject: subject, bench: pointBench, checker: checker, fixedPoint: true)
        case .partial(let set, let missing, let halfUnit):
            // The values the section sets are fixed, the others drawn: a number that holds at every such case holds at
            // the point whatever the rest; one that fails at every case where the truth is one and the same value fails
            // there too. Anything else depends on what the section leaves open.
            var checker = checker
            checker.workedNumber = ClaimChecker.WorkedNumber(halfUnit: halfUnit)
            let cases = bench.cases.map { TaggedCase(regime: $0.regime, case: points.fixing(set, in: $0.case)) }
            let fixedBench = Workbench(cases: cases, truths: cases.map { checker.truths(at: $0.case, keys: keys) })
            var finding = await judge(claim, row: row, subject: subject, bench: fixedBench, checker: checker, fixedPoint: true)
            let outcomes = cases.map { checker.outcome(claim, at: $0.case, truths: nil) }
            let truths: [BigFloat] = outcomes.compactMap {
                switch $0 {
                case .agree(_, let t, _), .disagree(_, let t, _): t
                default: nil
                }
            }
            let oneTruth = truths.count == cases.count
                && truths.allSatisfy { ClaimChecker.close($0, truths[0], bits: 40) }
            let settled = finding.verdict == .verified || (finding.verdict == .discrepant && oneTruth
                && outcomes.allSatisfy(\.disagrees))
            if !settled {
                finding.verdict = .inconclusive
                finding.reason = "a worked number at a point the section does not complete, and the truth depends on "
                    + "what it leaves open: no value for " + missing.map(\.latex).joined(separator: ", ")
                finding.evidence = nil
                finding.repairs = []
            }
            return finding
        }
    }

    /// A claim that is not judged, with the reason.
    private func inconclusive(_ claim: Claim, row: Row, subject: String, _ reason: String) async -> ClaimFinding {
        var finding = await judge(claim, row: row, subject: subject, bench: Workbench(cases: [], truths: []))
        finding.verdict = .inconclusive
        finding.reason = reason
        return finding
    }

    /// Judges one claim over the workbench's cases.
    func judge(_ claim: Claim, row: Row, subject: String, bench: Workbench, checker given: ClaimChecker? = nil,
               fixedPoint: Bool = false) async -> ClaimFinding {
        let checker = given ?? checker
        let outcomes = zip(bench.cases, bench.truths).map { checker.outcome(claim, at: $0.case, truths: $1) }
        var finding = ClaimFinding(subject: subject, latex: row.rhsLaTeX, location: row.rhsLocation,
                                   verdict: .inconclusive, reason: nil, agreeing: 0, disagreeing: 0, unusable: 0,
                                   agreeingRegimes: [], disagreeingRegimes: [], evidence: nil,
                                   originalEvidence: nil, repairs: [])
        var agreeing = Set<Regime>(), disagreeing = Set<Regime>()
        var invalid: EvaluationError? = nil
        var visibleAgreement = false
        for (c, outcome) in zip(bench.cases, outcomes) {
            switch outcome {
            case .agree:
                finding.agreeing += 1
                agreeing.insert(c.regime)
                if !indexMistakesInvisible(c.case) { visibleAgreement = true }
            case .disagree: finding.disagreeing += 1; disagreeing.insert(c.regime)
            case .unusable: finding.unusable += 1
            case .invalid(let e): invalid = e
            }
        }
        finding.agreeingRegimes = agreeing.sorted()
        finding.disagreeingRegimes = disagreeing.sorted()
        if case .shapeMismatch(let reason)? = invalid {
            // The right-hand side has the wrong shape for the left: no value of it is the claimed one.
            finding.reason = reason
            finding.verdict = .discrepant
            return finding
        }
        if let invalid {
            finding.reason = invalid.description
            finding.repairs = RepairSearch(verifier: self, bench: bench).repairs(claim, row: row)
            finding.verdict = finding.repairs.isEmpty ? .inconclusive : .discrepant
            return finding
        }
        if let first = outcomes.firstIndex(where: \.disagrees) {
            finding.verdict = .discrepant
            if case .partial = claim {
                finding.reason = "differs from the finite-difference partial far beyond its error estimate"
            } else if case .value = claim {
                finding.reason = "differs from the exact derivative (dual numbers)"
            } else {
                finding.reason = "differs from the value the model computes"
            }
            finding.originalEvidence = evidence(outcomes[first], bench.cases[first], index: first, shrunk: false)
            // A worked number is claimed at its point only: no other case is evidence, and no formula its repair.
            if fixedPoint { finding.evidence = finding.originalEvidence; return finding }
            finding.evidence = await shrunkEvidence(claim, index: first) ?? finding.originalEvidence
            finding.repairs = RepairSearch(verifier: self, bench: bench).repairs(claim, row: row)
        } else if finding.agreeing == 0 {
            finding.reason = "no case where the truth is defined"
        } else if !visibleAgreement {
            finding.reason = "agrees only on cases where w20[0] = w20[1], where index mistakes are invisible"
        } else {
            finding.verdict = .verified
            if let best = outcomes.indices.first(where: {
                if case .agree = outcomes[$0] { return !indexMistakesInvisible(bench.cases[$0].case) }
                return false
            }) {
                finding.evidence = evidence(outcomes[best], bench.cases[best], index: best, shrunk: false)
            }
        }
        return finding
    }

    /// For the seed network: true when all weights feeding one unit from
    /// different sources are equal. A document's own model has no units.
    func indexMistakesInvisible(_ c: NetworkCase) -> Bool {
        graph == nil && Self.indexMistakesInvisible(c, network)
    }

    /// True when all weights feeding one unit from different sources are equal.
    static func indexMistakesInvisible(_ c: NetworkCase, _ network: Network) -> Bool {
        network.units.contains { unit in
            let weights = unit.terms.map { c.parameters[$0.weight] }
            return weights.count > 1 && Set(weights).count == 1
        }
    }

    /// The first disagreeing case shrunk by the property runner.
    func shrunkEvidence(_ claim: Claim, index: Int) async -> ClaimEvidence? {
        let checker = checker
        let runner = PropertyRunner(PropertyConfiguration(seed: seed, cases: cases, onlyCase: index,
                                                          maxShrinkAttempts: 400, shrinkTimeLimit: .seconds(20),
                                                          parallelism: 1))
        let result = await runner.run(generator) { tagged in !checker.outcome(claim, at: tagged.case, reexamining: false).disagrees }
        guard let failure = result.failure else { return nil }
        return evidence(checker.outcome(claim, at: failure.shrunk.case), failure.shrunk, index: index, shrunk: true)
    }

    func evidence(_ outcome: ClaimOutcome, _ c: TaggedCase, index: Int, shrunk: Bool) -> ClaimEvidence? {
        let (claimed, truth, error): (BigFloat, BigFloat, BigFloat?)
        switch outcome {
        case .agree(let a, let t, let e), .disagree(let a, let t, let e): (claimed, truth, error) = (a, t, e)
        default: return nil
        }
        let relative = truth.isZero ? (claimed.isZero ? 0 : Double.infinity) : Double((claimed - truth).magnitude / truth.magnitude)
        return ClaimEvidence(regime: c.regime, networkCase: c.case,
                             claimed: claimed.decimalString(significantDigits: 20),
                             truth: truth.decimalString(significantDigits: 20),
                             truthErrorEstimate: error?.decimalString(significantDigits: 3),
                             relativeDifference: relative, seed: seed, caseIndex: index, shrunk: shrunk)
    }
}
