import Foundation

/// Where themes are looked up, in order: `--themes-dir`, `$XDG_CONFIG_HOME/stallscope/themes`
/// (or `~/.config/...`), the installed share folder next to the binary
/// (`PREFIX/share/stallscope/themes`), and the repository's `themes/` when running from a
/// build tree. The first file named `<name>.toml` wins.
public struct ThemeCatalog: Sendable {
    public let directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    public static func searchPath(
        themesDir: String?, environment: [String: String], executablePath: String?
    ) -> [String] {
        var directories: [String] = []
        if let themesDir { directories.append(themesDir) }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            directories.append(config + "/stallscope/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/stallscope/themes")
        }
        if let executablePath {
            let binDirectory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            directories.append(
                binDirectory.deletingLastPathComponent().appendingPathComponent("share/stallscope/themes").path)
            // A build tree: .build/<config>/stallscope sits under the repository root.
            var candidate = binDirectory
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path) {
                    directories.append(candidate.appendingPathComponent("themes").path)
                    break
                }
                candidate = candidate.deletingLastPathComponent()
            }
        }
        return directories
    }

    /// Every theme file on the search path, by directory order then name.
    public func entries() -> [ThemeEntry] {
        var seen: Set<String> = []
        var entries: [ThemeEntry] = []
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(".toml".count))
                entries.append(ThemeEntry(name: name, path: directory + "/" + file, isShadowed: seen.contains(name)))
                seen.insert(name)
            }
        }
        return entries
    }

    /// The names `t` cycles through: every theme found, plus the built-in default.
    public func names() -> [String] {
        var names = entries().filter { !$0.isShadowed }.map(\.name)
        if !names.contains(Theme.dark.name) { names.insert(Theme.dark.name, at: 0) }
        return names
    }

    /// The next theme `t` moves to after `current`: the first after it, in `names()` order and
    /// wrapping around, that loads; with the ones skipped on the way because they did not.
    public func next(after current: String) -> (theme: Theme, skipped: [ThemeError]) {
        let names = names()
        let start = names.firstIndex(of: current) ?? -1
        var skipped: [ThemeError] = []
        for offset in 1...max(names.count, 1) {
            let name = names.isEmpty ? Theme.dark.name : names[(start + offset) % names.count]
            do {
                return (try load(named: name), skipped)
            } catch {
                skipped.append(error)
            }
        }
        return (.dark, skipped)
    }

    /// Loads a theme by name. The built-in default answers for "dark" when no file exists.
    public func load(named name: String) throws(ThemeError) -> Theme {
        if let entry = entries().first(where: { $0.name == name && !$0.isShadowed }) {
            return try Self.load(file: entry.path)
        }
        if name == Theme.dark.name { return .dark }
        if name == Theme.monochrome.name { return .monochrome }
        let known = names().joined(separator: ", ")
        throw ThemeError(
            file: name, line: nil, key: nil,
            problem: "no such theme (found: \(known); searched \(directories.joined(separator: ", ")))")
    }

    /// A theme is a dozen lines; anything much larger is not one, and parsing it would hold the
    /// UI thread (a 10 MB file froze `t` for 20 s). Checked before the file is read.
    public static let fileSizeLimitBytes = 64 * 1024

    /// Loads and validates one file; its name is the file name without `.toml`.
    public static func load(file path: String) throws(ThemeError) -> Theme {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= fileSizeLimitBytes else {
            throw ThemeError(
                file: path, line: nil, key: nil, problem: "\(size) bytes: a theme file is at most \(fileSizeLimitBytes)"
            )
        }
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(file: path, line: nil, key: nil, problem: "cannot read: not a UTF-8 text file")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeFile.parse(source, name: name, file: path)
    }
}
