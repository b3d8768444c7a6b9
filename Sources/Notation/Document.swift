/// A derivation document read into blocks of rows: the model equations, the derivation chains and the
/// summary table, each row with its LaTeX as written and its location in the file.
///
///     let document = try Document.parse(markdown: text, fileName: "backprop-derivation.md")
///     for chain in document.chains { print(chain.parameter, chain.steps.count) }
public struct Document: Hashable, Sendable {
    /// How the text was read.
    public enum Format: String, Hashable, Sendable {
        /// Markdown with `$$ … $$` display blocks.
        case markdown
        /// A bare LaTeX fragment: `\begin{aligned}` blocks or rows.
        case tex
    }

    /// The file name used in locations.
    public var fileName: String
    /// How the text was read.
    public var format: Format
    /// The display blocks in document order.
    public var blocks: [Block]
    /// All section headings in document order.
    public var headings: [Heading]
    /// The notation the document was read in.
    public var dialect: NotationDialect = .seed
    /// Symbols a prose line declares to be parameters (`Parameters: $w_{1}, b_{1}$`, or in a `.tex`
    /// fragment `% parameters: w_{1}, b_{1}`), with where they are written.
    public var declaredParameters: [SymbolOccurrence] = []
    /// What the author states about free symbols' values (general notation): `y \in \{0, 1\}`,
    /// `\lambda > 0`, "where $t$ is one-hot" (see ``DomainStatement``).
    public var domains: [DomainStatement] = []

    /// Creates a document from parts.
    public init(fileName: String, format: Format, blocks: [Block], headings: [Heading]) {
        self.fileName = fileName
        self.format = format
        self.blocks = blocks
        self.headings = headings
    }

    /// Bases the document writes with numeric layer labels (`W^2`, `\delta^3`): see ``NumericLabels``.
    public var numericLabelBases: Set<String> = []

    /// Symbols the document only ever applies like a function, `\phi(z)`, read as the generic
    /// activation (general notation; see ``appliedFunctionCandidates``).
    public var appliedFunctions: Set<Symbol> = []

    /// Reads a Markdown document.
    public static func parse(markdown text: String, fileName: String = "<input>",
                             dialect: NotationDialect = .seed) throws(NotationError) -> Document {
        try parseTwice(try source(text, fileName: fileName, dialect: dialect, comments: false), .markdown)
    }

    /// Reads a bare LaTeX fragment (see `docs/notation.md` for the comment directives).
    public static func parse(tex text: String, fileName: String = "<input>",
                             dialect: NotationDialect = .seed) throws(NotationError) -> Document {
        let source = try source(text, fileName: fileName, dialect: dialect, comments: true)
        if let body = TexArticle.body(of: source.bytes) {
            // A whole article: its preamble is blanked (offsets keep their lines and columns), its
            // sections become headings, and its body is prose with math, as a Markdown document is read.
            var article = source
            article.bytes = body
            return try parseTwice(article, .markdown)
        }
        return try parseTwice(source, .tex)
    }

    /// The text to read: with the author's macros expanded if it defines any (``MacroExpansion``;
    /// locations stay those of `text`), else `text` itself.
    private static func source(_ text: String, fileName: String, dialect: NotationDialect,
                               comments: Bool) throws(NotationError) -> SourceText {
        guard let expanded = try MacroExpansion.expand(text, fileName: fileName, comments: comments) else {
            return SourceText(fileName: fileName, text: text, dialect: dialect)
        }
        return SourceText(fileName: fileName, expanded: expanded, dialect: dialect)
    }

    /// Reads the text once; if it applies symbols that are functions (`\phi(z)`, never a quantity),
    /// reads it again with those symbols as functions.
    private static func parseTwice(_ source: SourceText, _ format: Format) throws(NotationError) -> Document {
        try LargeStack.run { () throws(NotationError) -> Document in try parseTwiceOnThisStack(source, format) }
    }

    private static func parseTwiceOnThisStack(_ source: SourceText, _ format: Format) throws(NotationError) -> Document {
        var source = source
        if source.dialect == .general {
            // `w^3_{jk}` names entries of `W^3` (``TensorExpansion/aliasingEntries``): both spellings are labelled.
            let bases = NumericLabels.bases(in: source)
            source.numericLabelBases = bases.union(bases.filter { $0.count == 1 }.flatMap { [$0.uppercased(), $0.lowercased()] })
        }
        var first = try parseOnce(source, format)
        first.numericLabelBases = source.numericLabelBases.union(first.labelledBases)
        let functions = first.functionCandidatesAsWritten
        guard !functions.isEmpty else { return first }
        var again = source
        again.appliedFunctions = functions
        var document = try parseOnce(again, format)
        document.appliedFunctions = functions
        document.numericLabelBases = source.numericLabelBases.union(document.labelledBases)
        return document
    }

    /// Bases of the symbols the rows name with a whole-number superscript: `z^{2}` of `z^l` at l = 2.
    /// A rendering of such a row writes `z^{2}`, which reads back as the symbol only where `z` is labelled.
    private var labelledBases: Set<String> {
        var bases = Set<String>()
        for row in rows {
            for symbol in row.rhs.allSymbols + (row.lhs?.symbols ?? []) {
                guard let parts = symbol.parts, let superscript = parts.superscriptText, !superscript.isEmpty,
                      superscript.allSatisfy(\.isNumber) else { continue }
                bases.insert(parts.base)
            }
        }
        return bases
    }

    private static func parseOnce(_ source: SourceText, _ format: Format) throws(NotationError) -> Document {
        let (segments, headings, parameters) = format == .tex ? try TexScanner(source: source).scan()
                                                              : try MarkdownScanner(source: source).scan()
        var document = try build(source, format, segments, headings)
        document.declaredParameters = parameters
        // As written: the expansions below rewrite rows (`\phi(\mathbf{z})` entry by entry) and their occurrences.
        document.functionCandidatesAsWritten = document.appliedFunctionCandidates
        if source.dialect == .general {
            document.domains = try DomainReader(source: source).statements()
            document = DummyDerivatives.apply(try ChainFunctions.apply(FunctionValues.apply(document)))
            try LayerLetters.check(document)
            // `L = 3` stated: `a^L` is `a^3` before the last layer is sought.
            document = TensorExpansion.constantIndices(document, constants: SizeReader(source: source).statements().constants)
            document = LastLayerGradients.apply(document, labelledBases: source.numericLabelBases)
            document = NameScopes.apply(try DerivativeNames.apply(try TensorExpansion.expand(document, source: source)))
        }
        return document
    }

    /// ``appliedFunctionCandidates`` of the rows as written, before they are expanded entry by entry.
    var functionCandidatesAsWritten: Set<Symbol> = []

    /// Letters conventionally naming an activation function when applied: `\phi(z)`, `h(z)`.
    static let functionLetters: Set<String> = ["\\phi", "\\varphi", "\\psi", "h"]

    /// Symbols written only as `s(…)` — never alone, never defined, never declared a parameter — and
    /// either also written with a prime (`\phi'(z)`) or conventionally a function (φ, ψ, h). Any other
    /// symbol followed by `(` multiplies: `w (x + b)`.
    var appliedFunctionCandidates: Set<Symbol> {
        guard dialect == .general else { return [] }
        var applied = Set<Symbol>(), alone = Set<Symbol>(declaredParameters.map(\.symbol))
        var primed = Set<String>()
        for row in rows {
            for occurrence in row.lhsSymbols + row.rhsSymbols {
                if occurrence.isApplied { applied.insert(occurrence.symbol) } else { alone.insert(occurrence.symbol) }
            }
            primed.formUnion(row.rhs.genericCallSpellings)
        }
        return applied.subtracting(alone).filter { symbol in
            primed.contains(symbol.latex) || Self.functionLetters.contains(symbol.latex)
        }
    }

    /// Reads `text` as a `.tex` fragment if `fileName` ends in `.tex`, as Markdown otherwise.
    public static func parse(_ text: String, fileName: String,
                             dialect: NotationDialect = .seed) throws(NotationError) -> Document {
        fileName.hasSuffix(".tex") ? try parse(tex: text, fileName: fileName, dialect: dialect)
                                   : try parse(markdown: text, fileName: fileName, dialect: dialect)
    }

    private static func build(_ source: SourceText, _ format: Format, _ segments: [Segment],
                              _ headings: [Heading]) throws(NotationError) -> Document {
        let parser = BlockParser(source: source)
        var blocks: [Block] = []
        for segment in segments {
            // Inline math that does not read as a claim is prose.
            if segment.isInline {
                guard let block = try? parser.parse(segment) else { continue }
                blocks.append(block)
                continue
            }
            // Display math that only states domains (`$$\lambda > 0$$`) holds no equation.
            if source.dialect == .general, DomainReader(source: source).statesDomainsOnly(segment.contentRange) { continue }
            blocks.append(try parser.parse(segment))
        }
        var document = Document(fileName: source.fileName, format: format, blocks: blocks, headings: headings)
        document.dialect = source.dialect
        return document
    }

    /// Every row whose left-hand side is a symbol (continuations repeat it), in document order.
    ///
    /// A symbol named after a derivative (`\delta = \frac{\partial L}{\partial z} = (p - t)`, general
    /// notation) contributes only its naming row: what follows it are claims about ∂L/∂z.
    public var modelEquations: [ModelEquation] {
        equations.flatMap { blockIndex, equation -> [ModelEquation] in
            guard case .symbol(let symbol) = Self.valueLeftHandSide(equation), !blocks[blockIndex].isInline else { return [] }
            let rows = Self.namedDerivative(equation) == nil ? equation.rows : [equation.rows[0]]
            return rows.map { ModelEquation(symbol: symbol, row: $0, blockIndex: blockIndex) }
        }
    }

    /// Inline definitions, `Let $z = w x + b$`: the first row of each inline equation with a symbol on
    /// the left, in document order. Whether one defines its symbol is the model's to decide (a display
    /// row defines it first; a restatement in prose does not define it again).
    public var inlineModelEquations: [ModelEquation] {
        equations.compactMap { blockIndex, equation -> ModelEquation? in
            guard case .symbol(let symbol) = Self.valueLeftHandSide(equation), blocks[blockIndex].isInline else { return nil }
            return ModelEquation(symbol: symbol, row: equation.rows[0], blockIndex: blockIndex)
        }
    }

    /// The left-hand side as a value: `f(x) = v h` reads other symbols than its argument, so it names the
    /// value f of a staged computation (CS231n's `f(x, y, z) = (x + y) z`), not a function of x.
    static func valueLeftHandSide(_ equation: Equation) -> LeftHandSide {
        guard case .function(let f, let argument) = equation.lhs, f.meaning == .generic, !f.isDerivative,
              equation.rows[0].rhsSymbols.contains(where: { $0.symbol != argument }) else { return equation.lhs }
        return .symbol(Symbol(spelling: f.spelling))
    }

    /// `∂F/∂V` if the equation names it: `\delta &= \frac{\partial L}{\partial z} …`.
    static func namedDerivative(_ equation: Equation) -> (of: Symbol, by: Symbol)? {
        guard case .symbol = equation.lhs, case .derivative(.symbol(let f), let v) = equation.rows[0].rhs else {
            return nil
        }
        return (f, v)
    }

    /// The claims of the document: derivative equations, and the rows after a named derivative
    /// (`\delta = \frac{\partial L}{\partial z} = p - t` claims ∂L/∂z = p − t).
    private var claimEquations: [(Int, Equation)] {
        equations.compactMap { blockIndex, equation in
            if equation.lhs.parameter != nil { return (blockIndex, equation) }
            guard let (f, v) = Self.namedDerivative(equation), equation.rows.count > 1 else { return nil }
            return (blockIndex, Equation(lhs: .derivative(of: f, withRespectTo: v), rows: Array(equation.rows.dropFirst())))
        }
    }

    /// Every row about a function of one variable (`g(u) = \tanh(u)`, `\sigma'(z) = …`), in document
    /// order, display or inline math.
    public var functionRows: [FunctionRow] {
        equations.flatMap { blockIndex, equation -> [FunctionRow] in
            guard case .function(let function, let argument) = Self.valueLeftHandSide(equation) else { return [] }
            return equation.rows.enumerated().map { i, row in
                FunctionRow(function: function, argument: argument, row: row, isFirst: i == 0, blockIndex: blockIndex)
            }
        }
    }

    /// Every derivative left-hand side followed by continuation rows, in document order.
    public var chains: [DerivationChain] {
        claimEquations.compactMap { blockIndex, equation in
            guard let (of, expression, parameter) = Self.differentiated(equation.lhs), equation.rows.count >= 2 else {
                return nil
            }
            let block = blocks[blockIndex]
            var chain = DerivationChain(differentiated: of, parameter: parameter, steps: equation.rows,
                                        declaration: block.declaration, heading: block.heading, blockIndex: blockIndex)
            chain.differentiatedExpression = expression
            return chain
        }
    }

    /// What a derivative left-hand side differentiates (an expression's is named by its LaTeX), the
    /// expression if it is one, and by what.
    static func differentiated(_ lhs: LeftHandSide) -> (Symbol, Expression?, Symbol)? {
        switch lhs {
        case .derivative(let of, let parameter): return (of, nil, parameter)
        case .expressionDerivative(let e, let parameter): return (Symbol(spelling: e.latex), e, parameter)
        // A gradient is expanded into its entries' derivatives before the document is used.
        case .symbol, .function, .gradient: return nil
        }
    }

    /// Every derivative left-hand side with a single row, in document order.
    public var tableRows: [TableRow] {
        claimEquations.compactMap { blockIndex, equation in
            guard let (of, expression, parameter) = Self.differentiated(equation.lhs), equation.rows.count == 1 else {
                return nil
            }
            var row = TableRow(differentiated: of, parameter: parameter, row: equation.rows[0],
                               heading: blocks[blockIndex].heading, blockIndex: blockIndex)
            row.differentiatedExpression = expression
            return row
        }
    }

    /// Every row in document order.
    public var rows: [Row] { blocks.flatMap(\.rows) }

    private var equations: [(Int, Equation)] {
        blocks.enumerated().flatMap { index, block in block.equations.map { (index, $0) } }
    }
}

/// A row about a function of one variable: `g(u) = \tanh(u)` (the first row of a function no
/// model defines is its definition), `\sigma'(z) = \sigma(z)(1 - \sigma(z))` (an identity).
public struct FunctionRow: Hashable, Sendable {
    /// The function as written on the left, with its prime if any.
    public var function: NotationFunction
    /// The bound variable, `u` in `g(u)`.
    public var argument: Symbol
    public var row: Row
    /// Whether the row is the first of its equation (continuations `= …` follow it).
    public var isFirst: Bool
    public var blockIndex: Int

    /// The left-hand side as an expression: `g(u)`, `\alpha'(z)`.
    public var lhs: Expression {
        if function.spelling == "\\alpha" {
            return function.isDerivative ? .activationDerivative(.symbol(argument)) : .activation(.symbol(argument))
        }
        return .call(function, .symbol(argument))
    }
}

/// A model row: `z_{10} &= w_{10}x_{00} + b_{10}`.
public struct ModelEquation: Hashable, Sendable {
    /// The left-hand side.
    public var symbol: Symbol
    /// The row (for a continuation row, ``symbol`` is that of the row that started the equation).
    public var row: Row
    /// Index of the block in ``Document/blocks``.
    public var blockIndex: Int

    /// Creates a model equation.
    public init(symbol: Symbol, row: Row, blockIndex: Int) {
        self.symbol = symbol
        self.row = row
        self.blockIndex = blockIndex
    }

    /// The right-hand side.
    public var rhs: Expression { row.rhs }
}

/// A derivation chain: `\frac{\partial}{\partial w_{10}} y &= \partial x_{20} \\ &= … \\ &= …`.
public struct DerivationChain: Hashable, Sendable {
    /// The differentiated symbol (`y`).
    public var differentiated: Symbol
    /// What the chain differentiates when it is an expression, `\ln p` in `\frac{\partial}{\partial w} \ln p`
    /// (then ``differentiated`` is named by its LaTeX).
    public var differentiatedExpression: Expression?
    /// The parameter written on the chain's left-hand side.
    public var parameter: Symbol
    /// Every right-hand side in order, the first row's included (its ``Row/lhs`` is set, the others' nil).
    public var steps: [Row]
    /// The prose declaration of `\partial` in force, if any.
    public var declaration: OperatorDeclaration?
    /// The section the chain is in.
    public var heading: Heading?
    /// Index of the block in ``Document/blocks``.
    public var blockIndex: Int

    /// Creates a chain.
    public init(differentiated: Symbol, parameter: Symbol, steps: [Row], declaration: OperatorDeclaration?,
                heading: Heading?, blockIndex: Int) {
        self.differentiated = differentiated
        self.parameter = parameter
        self.steps = steps
        self.declaration = declaration
        self.heading = heading
        self.blockIndex = blockIndex
    }

    /// The parameter `\partial` differentiates by in the steps: the declaration's if there is one
    /// (it may differ from ``parameter`` if the document is inconsistent), else ``parameter``.
    public var operatorParameter: Symbol { declaration?.parameter ?? parameter }

    /// Where the chain starts.
    public var location: DocumentLocation? { steps.first?.location }
}

/// A row of a summary table: `\frac{\partial}{\partial b_{10}} y &= …`.
public struct TableRow: Hashable, Sendable {
    /// The differentiated symbol (`y`).
    public var differentiated: Symbol
    /// The differentiated expression, when it is one (see ``DerivationChain/differentiatedExpression``).
    public var differentiatedExpression: Expression?
    /// The parameter.
    public var parameter: Symbol
    /// The row.
    public var row: Row
    /// The section the row is in.
    public var heading: Heading?
    /// Index of the block in ``Document/blocks``.
    public var blockIndex: Int

    /// Creates a table row.
    public init(differentiated: Symbol, parameter: Symbol, row: Row, heading: Heading?, blockIndex: Int) {
        self.differentiated = differentiated
        self.parameter = parameter
        self.row = row
        self.heading = heading
        self.blockIndex = blockIndex
    }

    /// The right-hand side.
    public var rhs: Expression { row.rhs }
    /// The annotation, e.g. `(derived in 2.1)`.
    public var annotation: String? { row.annotation }
}
