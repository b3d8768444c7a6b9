import Notation

extension Document {
    /// One document from several parts in order (e.g. the seed document's
    /// transcription, one file per section), so that a row in one part can
    /// cite a derivation in another. Locations keep their own file names.
    public init(merging parts: [Document]) {
        self.init(fileName: parts.map(\.fileName).joined(separator: ", "),
                  format: parts.first?.format ?? .tex,
                  blocks: parts.flatMap(\.blocks), headings: parts.flatMap(\.headings))
        dialect = parts.contains { $0.dialect == .general } ? .general : .seed
        declaredParameters = parts.flatMap(\.declaredParameters)
        domains = parts.flatMap(\.domains)
        appliedFunctions = parts.reduce(into: []) { $0.formUnion($1.appliedFunctions) }
    }
}
