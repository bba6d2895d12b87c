import Dashboard
import Foundation
import Testing

@Suite struct ThemeTests {
    static let repositoryThemes = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    static var themeFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: repositoryThemes)) ?? []).filter {
            $0.hasSuffix(".toml")
        }.sorted()
    }

    @Test func theRepositoryShipsTheFourThemes() {
        #expect(
            Set(["dark.toml", "light.toml", "high-contrast.toml", "monochrome.toml"]).isSubset(of: Self.themeFiles))
    }

    @Test(arguments: themeFiles)
    func everyThemeFileLoadsAndSetsEveryRole(file: String) throws {
        let path = Self.repositoryThemes + "/" + file
        let theme = try ThemeCatalog.load(file: path)
        #expect(theme.name == String(file.dropLast(5)))
        // Shipped themes are complete: no role left to the fallback.
        let source = try String(contentsOfFile: path, encoding: .utf8)
        for role in ThemeRole.allCases {
            #expect(source.contains("\n\(role.rawValue) "), "\(file) does not set \(role.rawValue)")
        }
    }

    @Test func darkFileMatchesTheBuiltInDefault() throws {
        #expect(try ThemeCatalog.load(file: Self.repositoryThemes + "/dark.toml") == Theme.dark)
        #expect(
            try ThemeCatalog.load(file: Self.repositoryThemes + "/monochrome.toml").colors == Theme.monochrome.colors)
    }

    @Test func missingKeysFallBackToTheDefault() throws {
        let theme = try ThemeFile.parse("critical = \"#FF0000\"\n", name: "partial", file: "partial.toml")
        #expect(theme[.critical] == .rgb(255, 0, 0))
        #expect(theme[.ok] == Theme.dark[.ok])
        #expect(theme.name == "partial")
    }

    @Test func badHexNamesFileLineAndKey() {
        let source = "# comment\nforeground = \"#d0d4dc\"\nborder = \"#12345g\"\n"
        #expect(
            throws: ThemeError(
                file: "x.toml", line: 3, key: "border",
                problem: "bad color \"#12345g\" (expected \"#rrggbb\" or \"default\")")
        ) {
            try ThemeFile.parse(source, name: "x", file: "x.toml")
        }
    }

    @Test func unknownKeyNamesFileLineAndKey() throws {
        let error = #expect(throws: ThemeError.self) {
            try ThemeFile.parse("title = \"#ffffff\"\n\ngauge_hi = \"#ff0000\"\n", name: "x", file: "x.toml")
        }
        #expect(error?.line == 3)
        #expect(error?.key == "gauge_hi")
        #expect(error?.description.hasPrefix("x.toml:3: key \"gauge_hi\": unknown key (valid: background,") == true)
    }

    @Test func badTOMLNamesTheLine() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeFile.parse("title = \"#ffffff\"\nborder = #000000\n", name: "x", file: "x.toml")
        }
        #expect(error?.line == 2)
        #expect(error?.key == "border")
        #expect(error?.problem.hasPrefix("invalid TOML") == true)
    }

    @Test func nonStringValueIsRefused() {
        let error = #expect(throws: ThemeError.self) { try ThemeFile.parse("ok = 3\n", name: "x", file: "x.toml") }
        #expect(error?.description == "x.toml:1: key \"ok\": must be a string \"#rrggbb\" or \"default\"")
    }

    @Test func searchOrderPutsThemesDirFirstAndFirstFileWins() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-themes-\(UInt64.random(in: 0...UInt64.max))")
        let first = root.appendingPathComponent("first").path
        let config = root.appendingPathComponent("config").path
        try FileManager.default.createDirectory(atPath: first, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: config + "/stallscope/themes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "ok = \"#000001\"\n".write(toFile: first + "/light.toml", atomically: true, encoding: .utf8)
        try "ok = \"#000002\"\n".write(
            toFile: config + "/stallscope/themes/light.toml", atomically: true, encoding: .utf8)
        try "ok = \"#000003\"\n".write(
            toFile: config + "/stallscope/themes/mine.toml", atomically: true, encoding: .utf8)

        let directories = ThemeCatalog.searchPath(
            themesDir: first, environment: ["XDG_CONFIG_HOME": config], executablePath: nil)
        #expect(directories == [first, config + "/stallscope/themes"])
        let catalog = ThemeCatalog(directories: directories + [Self.repositoryThemes])
        #expect(try catalog.load(named: "light")[.ok] == .rgb(0, 0, 1))
        #expect(try catalog.load(named: "mine")[.ok] == .rgb(0, 0, 3))
        #expect(try catalog.load(named: "high-contrast").name == "high-contrast")
        #expect(catalog.entries().filter { $0.name == "light" }.map(\.isShadowed) == [false, true, true])
        #expect(throws: ThemeError.self) { try catalog.load(named: "nope") }
        #expect(catalog.names().first == "light")
    }

    /// Found by `make fuzz`: TOMLKit's parser aborted the process on a table header with a
    /// character no key may hold. A theme is flat; such a line is one error.
    @Test func aTableHeaderIsRefusedBeforeTheParserSeesIt() {
        for source in [
            "[\u{e9}", String(repeating: "[", count: 91) + "\u{fffd}\u{fffd}",
            "ok = \"#000000\"\n[x]\nwarn = \"#ffffff\"\n", "# \r\n[\n",
        ] {
            let error = #expect(throws: ThemeError.self) { try ThemeFile.parse(source, name: "x", file: "x.toml") }
            #expect(error?.problem.contains("flat") == true, "\(source)")
        }
        let quoted = #expect(throws: ThemeError.self) { try ThemeFile.parse("\"ok = 1\n", name: "x", file: "x.toml") }
        #expect(quoted?.line == 1)
    }

    @Test func aNulByteIsRefusedOnItsLine() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeFile.parse("ok = \"#000000\"\nwarn\0 = 1\n", name: "x", file: "x.toml")
        }
        #expect(error?.line == 2 && error?.problem.contains("NUL") == true)
    }

    @Test func anErrorNeverCitesALinePastTheEnd() {
        // A single-quoted key: no line plainly assigns `ok`, and the one-line file has no line 2.
        let error = #expect(throws: ThemeError.self) { try ThemeFile.parse("'ok' = 3\n", name: "x", file: "x.toml") }
        #expect(error?.line == nil || error?.line == 1)
        let parseError = #expect(throws: ThemeError.self) {
            try ThemeFile.parse("ok = \"#000000\"\nwarn = \"", name: "x", file: "x.toml")
        }
        #expect((parseError?.line ?? 99) <= 2)
    }

    /// `t` moves past a broken theme (saying which) instead of stopping on it; an oversized file
    /// is refused before it is read.
    @Test func cyclingSkipsBrokenThemes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stallscope-cycle-\(UInt64.random(in: 0...UInt64.max))"
        ).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "ok = \"#000001\"\n".write(toFile: root + "/a.toml", atomically: true, encoding: .utf8)
        try "ok = \"#zzzzzz\"\n".write(toFile: root + "/b.toml", atomically: true, encoding: .utf8)
        try String(repeating: "# padding\n", count: 10_000).write(
            toFile: root + "/c.toml", atomically: true, encoding: .utf8)
        try "ok = \"#000004\"\n".write(toFile: root + "/d.toml", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: [root])
        #expect(catalog.names() == ["dark", "a", "b", "c", "d"])
        let (afterA, skipped) = catalog.next(after: "a")
        #expect(afterA.name == "d")
        #expect(skipped.map(\.file) == [root + "/b.toml", root + "/c.toml"])
        #expect(skipped.last?.problem.contains("at most \(ThemeCatalog.fileSizeLimitBytes)") == true)
        #expect(catalog.next(after: "d").theme.name == "dark", "wraps around")
    }

    @Test func builtInsAnswerWithoutFiles() throws {
        let catalog = ThemeCatalog(directories: [])
        #expect(try catalog.load(named: "dark") == .dark)
        #expect(try catalog.load(named: "monochrome") == .monochrome)
        #expect(catalog.names() == ["dark"])
    }

    @Test func hexParsing() {
        #expect(Color(hex: "#0a0B0c") == .rgb(10, 11, 12))
        #expect(Color(hex: "default") == .terminalDefault)
        #expect(Color(hex: "0a0b0c") == nil)
        #expect(Color(hex: "#0a0b0") == nil)
        #expect(Color.rgb(10, 11, 12).hex == "#0a0b0c")
    }
}
