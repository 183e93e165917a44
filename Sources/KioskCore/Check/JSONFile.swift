import Foundation

/// Reading a bundle's JSON file into a ``JSONValue``, with a syntax error located to its line.
enum JSONFile {
    /// The parsed document, or `nil` after reporting why there is none (the file is missing, is
    /// not UTF-8, or is not JSON).
    static func read(_ url: URL, log: DiagnosticLog, purpose: BilingualText) -> JSONValue? {
        guard let data = BundleFile.contents(of: url, log: log, purpose: purpose) else { return nil }
        guard String(data: data, encoding: .utf8) != nil else {
            log.report(.jsonNotUTF8, at: .file)
            return nil
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            reportSyntaxError(in: data, log: log)
            return nil
        }
    }

    /// Reports where the document breaks. `JSONDecoder` does not say where; `JSONSerialization`
    /// names the byte offset in its message ("Invalid value around character 25.").
    private static func reportSyntaxError(in data: Data, log: DiagnosticLog) {
        let parserMessage: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            parserMessage = "the document cannot be read"
        } catch {
            parserMessage = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        }
        let offsetMarker = " around character "
        if let markerRange = parserMessage.range(of: offsetMarker),
            let offset = Int(parserMessage[markerRange.upperBound...].prefix { $0.isASCIIDigit })
        {
            let (line, column) = position(ofByte: min(offset, data.count), in: data)
            log.report(.jsonSyntax(String(parserMessage[..<markerRange.lowerBound])), at: .line(line, column: column))
        } else {
            log.report(.jsonSyntax(parserMessage.trimmingCharacters(in: CharacterSet(charactersIn: "."))), at: .line(lastLine(of: data), column: nil))
        }
    }

    /// The line and column (counting characters, from 1) of the byte at `offset`.
    static func position(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        let newline = UInt8(ascii: "\n")
        let before = data.prefix(offset)
        let line = before.count { $0 == newline } + 1
        let lineStart = before.lastIndex(of: newline).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    /// The last line with text, where a document cut short ends.
    private static func lastLine(of data: Data) -> Int {
        let trimmed = data.reversed().drop { [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " ")].contains($0) }
        return trimmed.count { $0 == UInt8(ascii: "\n") } + 1
    }
}

/// Reading a bundle file's bytes.
enum BundleFile {
    /// The file's bytes, or `nil` after reporting it missing or unreadable.
    static func contents(of url: URL, log: DiagnosticLog, purpose: BilingualText) -> Data? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            log.report(.missingFile(log.file, describing: purpose), at: .file)
            return nil
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            log.report(.unreadableFile(error), at: .file)
            return nil
        }
    }
}
