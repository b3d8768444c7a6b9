import Foundation

extension Document {
    /// Reads the file at `path` (Markdown, or a `.tex` fragment by extension); locations name the file
    /// by its last path component.
    public static func read(contentsOfFile path: String,
                            dialect: NotationDialect = .seed) throws(NotationError) -> Document {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotationError(kind: .unreadableFile, location: DocumentLocation(file: fileName, line: 1, column: 1),
                                message: "cannot read '\(path)'", expected: "a readable file")
        }
        return try parse(String(decoding: data, as: UTF8.self), fileName: fileName, dialect: dialect)
    }
}
