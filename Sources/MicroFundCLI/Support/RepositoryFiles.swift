import Foundation

/// Files the README names relative to the repository (`Fixtures/…`), found
/// from any working directory: as given if they are there, else beside the
/// repository the running binary was built in (`.build/<config>/microfund`
/// sits two levels below it), else in the source tree it was compiled from.
enum RepositoryFiles {
    static func resolve(_ path: String) -> String {
        let manager = FileManager.default
        guard !path.hasPrefix("/"), path != "-", !manager.fileExists(atPath: path) else { return path }
        for root in roots {
            let candidate = root.appendingPathComponent(path).path
            if manager.fileExists(atPath: candidate) { return candidate }
        }
        return path
    }

    private static var roots: [URL] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var roots: [URL] = []
        var directory = binary.deletingLastPathComponent()
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            roots.append(directory)
        }
        roots.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        return roots
    }
}
