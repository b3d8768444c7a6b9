import NetworkModel
import Notation

/// Chooses the notation a document is read in.
public enum DocumentReading {
    /// Reads `paths` as one document in several parts (a table row in one
    /// part may cite a derivation in another).
    ///
    /// In the seed notation when every part reads in it and every symbol is
    /// one of `network`'s (the seed document and its transcription keep
    /// their path, checked against the seed network); otherwise in the general
    /// notation, where the document's own model rows define the computation.
    /// A document that reads in neither is reported with the general
    /// reader's error.
    public static func read(paths: [String], network: Network = .seed) throws(NotationError) -> Document {
        if let seed = try? readSeed(paths: paths, network: network) { return seed }
        var parts: [Document] = []
        for path in paths { parts.append(try Document.read(contentsOfFile: path, dialect: .general)) }
        return Document(merging: parts)
    }

    private static func readSeed(paths: [String], network: Network) throws(NotationError) -> Document? {
        var parts: [Document] = []
        for path in paths { parts.append(try Document.read(contentsOfFile: path, dialect: .seed)) }
        let document = Document(merging: parts)
        return SymbolResolver(network: network).unresolvedSymbols(in: document).isEmpty ? document : nil
    }

    /// The same choice for texts already in memory (`(text, fileName)` pairs).
    public static func parse(_ parts: [(text: String, fileName: String)], network: Network = .seed) throws(NotationError) -> Document {
        var seedParts: [Document] = []
        var seedReadable = true
        for (text, name) in parts {
            guard let part = try? Document.parse(text, fileName: name, dialect: .seed) else { seedReadable = false; break }
            seedParts.append(part)
        }
        if seedReadable {
            let document = Document(merging: seedParts)
            if SymbolResolver(network: network).unresolvedSymbols(in: document).isEmpty { return document }
        }
        var general: [Document] = []
        for (text, name) in parts { general.append(try Document.parse(text, fileName: name, dialect: .general)) }
        return Document(merging: general)
    }
}
