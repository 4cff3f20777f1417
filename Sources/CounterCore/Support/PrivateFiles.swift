import Foundation

/// The shop's data holds personal data: its files are 0600 and its folders 0700, for the process's own user
/// only, whether Counter created them or found them (a folder made by hand, a restore, an older release).
/// The engine is embeddable, so it sets modes per file instead of changing the process's umask.
enum PrivateFiles {
    static let fileMode: mode_t = 0o600
    static let folderMode: mode_t = 0o700

    /// Creates `path` (and parents) as a private folder, or makes an existing one private.
    static func folder(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(folderMode)])
        _ = chmod(path, folderMode)
    }

    /// Makes an existing file private; a missing file is no error.
    static func file(_ path: String) {
        _ = chmod(path, fileMode)
    }

    /// Creates an empty private file if there is none (so files derived from it, such as SQLite's WAL,
    /// inherit its mode), and makes an existing one private.
    static func touch(_ path: String) {
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, fileMode)
        if fd >= 0 { close(fd) }
        file(path)
    }

    /// Puts `data` at `path` in one step (a private temporary file renamed over it): a reader sees the old file or
    /// the new one, never half of one. Returns whether it was written.
    static func replace(_ path: String, with data: Data) -> Bool {
        let temporary = path + ".tmp"
        return FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: Int(fileMode)])
            && rename(temporary, path) == 0
    }
}
