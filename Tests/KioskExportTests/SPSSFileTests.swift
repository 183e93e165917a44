import Foundation
import KioskExport
import KioskTestSupport
import Testing

/// PSPP (Debian's `pspp`) opens the exported `.sav` as an analyst would, and finds every variable,
/// label, value label and missing-value declaration of the codebook, and the CSV's values row by row.
@Suite struct SPSSFileTests {
    /// Runs PSPP on `syntax`; returns its CSV output.
    static func pspp(_ syntax: String, in folder: TemporaryDirectory) throws -> String {
        let script = folder.path + "/check.sps"
        let output = folder.path + "/pspp-output.csv"
        try syntax.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pspp")
        process.arguments = ["-O", "format=csv", "-o", output, script]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    /// The rows of one table of PSPP's CSV output (`Table: NAME`), header first.
    static func table(_ name: String, in output: String) -> [[String]] {
        var rows: [[String]] = []
        var inside = false
        for row in CSVReading.rows(output) {
            if row.first?.hasPrefix("Table: ") == true {
                inside = row.first == "Table: \(name)"
                continue
            }
            if inside { rows.append(row) }
        }
        return rows
    }

    @Test func psppReadsEveryDeclarationAndValue() throws {
        let scenario = try ExportScenario()
        let (folder, _) = try scenario.export()
        let output = try Self.pspp("""
            GET FILE='\(folder.path)/responses-G4-STU-1.sav'.
            DISPLAY DICTIONARY.
            SAVE TRANSLATE /OUTFILE='\(folder.path)/pspp-data.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE.
            """, in: folder)
        let codebook = CSVReading.records(try String(contentsOfFile: folder.path + "/codebook.csv", encoding: .utf8))
        let variables = Self.table("Variables", in: output)
        let header = try #require(variables.first)
        // PSPP prints the table again after the value labels: the first copy is enough.
        let rows = variables.dropFirst().prefix { $0.first != "Name" }.filter { $0.first?.isEmpty == false }
        let byName = Dictionary(uniqueKeysWithValues: rows.map { row in
            (row[0], Dictionary(uniqueKeysWithValues: zip(header, row)))
        })
        #expect(Set(byName.keys) == Set(codebook.compactMap { $0["column"] }), "PSPP sees other variables than the codebook lists")
        for entry in codebook {
            let name = try #require(entry["column"])
            let variable = try #require(byName[name], "\(name) is missing from the .sav")
            #expect(variable["Label"] == entry["label_zh"], "\(name)'s label")
            let missing = entry["missing_codes"] ?? ""
            if entry["type"] == "numeric", !missing.isEmpty {
                let codes = missing.split(separator: ";").compactMap { Int($0.split(separator: "=")[0].trimmingCharacters(in: .whitespaces)) }
                #expect(variable["Missing Values"] == "\(codes.min()!) THRU \(codes.max()!)", "\(name)'s missing values")
            }
        }

        // Value labels, grouped under each variable's label as PSPP prints them.
        var labels: [String: [String: String]] = [:]
        var current = ""
        for row in Self.table("Value Labels", in: output).dropFirst() where row.count >= 3 {
            if !row[0].isEmpty { current = row[0] }
            let value = row[1].replacingOccurrences(of: "[a]", with: "").replacingOccurrences(of: ".0", with: "")
            labels[current, default: [:]][value] = row[2]
        }
        for entry in codebook where entry["type"] == "numeric" {
            let expected = ((entry["codes"] ?? "") + ";" + (entry["missing_codes"] ?? "")).split(separator: ";")
            for pair in expected {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                #expect(labels[entry["label_zh"]!]?[parts[0]] == parts[1], "\(entry["column"]!) = \(parts[0])")
            }
        }

        // The data, row by row, as the CSV has it.
        let exported = CSVReading.records(try String(contentsOfFile: folder.path + "/responses-G4-STU-1.csv", encoding: .utf8))
        let read = CSVReading.records(try String(contentsOfFile: folder.path + "/pspp-data.csv", encoding: .utf8))
        #expect(read.count == exported.count)
        for (csvRow, spssRow) in zip(exported, read) {
            for (name, value) in csvRow {
                let fromSPSS = (spssRow[name] ?? "").trimmingCharacters(in: .whitespaces)
                if let number = Double(value) {
                    #expect(Double(fromSPSS) == number, "\(csvRow["participant_id"]!) \(name): \(fromSPSS) ≠ \(value)")
                } else {
                    // The .sav keeps a text as typed; the CSV puts a ' before one a spreadsheet would run.
                    // PSPP's CSV ends the lines inside a text with LF alone.
                    let typed = (value.hasPrefix("'=") ? String(value.dropFirst()) : value).replacingOccurrences(of: "\r\n", with: "\n")
                    #expect(fromSPSS.replacingOccurrences(of: "\r\n", with: "\n") == typed.trimmingCharacters(in: .whitespaces),
                            "\(csvRow["participant_id"]!) \(name)")
                }
            }
        }
    }
}
