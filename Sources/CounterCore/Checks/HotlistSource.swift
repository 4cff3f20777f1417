import Foundation
import NIOConcurrencyHelpers

/// The hotlist file a running counter answers from, reopened as soon as an import replaces it.
///
/// `hotlist import` writes a new file and renames it over the old one, so the inode changes. Every lookup
/// asks ``current()``, which compares the file's identity (device, inode, size, modification time) by one
/// stat(2) — about a microsecond — and opens the new file when it differs. A running kiosk therefore answers
/// from a new list on the very next scan, without a restart or a timer.
package final class HotlistSource: Sendable {
    /// The file, or nil for a fixed list (tests, embedders that manage the file themselves).
    package let path: String?
    private let state: NIOLockedValueBox<State>

    private struct State {
        var identity: FileIdentity?
        var list: Hotlist?
    }

    struct FileIdentity: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modified: Int64
    }

    /// Follows the file at `path` (which may not exist yet).
    package init(path: String) {
        self.path = path
        state = NIOLockedValueBox(State())
    }

    /// Always answers from `list`.
    package init(fixed list: Hotlist?) {
        path = nil
        state = NIOLockedValueBox(State(identity: nil, list: list))
    }

    /// Why a list made elsewhere was not put in place.
    package enum InstallRefusal: Error, Sendable, Equatable {
        /// The bytes are not a list file this release reads.
        case unreadable
        /// The list was made before the one in place: a list never goes back in time (a stale or planted copy in
        /// the database must not replace a newer list at every till).
        case older(than: Date)
    }

    /// Puts a list file made elsewhere (the branch's list on PostgreSQL) in place the way an import does: written
    /// next to the old file, synced, opened as a list, and renamed over it only when it is one and not older than
    /// the list in place, so lookups see the old list or the new one, never half. Returns false when the file
    /// already holds these bytes. Only for a source that follows a file.
    /// - Throws: ``InstallRefusal``, or the file system's error.
    @discardableResult
    package func install(_ content: Data) throws -> Bool {
        guard let path else { return false }
        if FileManager.default.contents(atPath: path) == content { return false }
        try PrivateFiles.folder((path as NSString).deletingLastPathComponent)
        let temporary = path + ".incoming"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            try handle.write(contentsOf: content)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            unlink(temporary)
            throw error
        }
        guard let incoming = try? Hotlist(path: temporary) else {
            unlink(temporary)
            throw InstallRefusal.unreadable
        }
        if let present = current(), incoming.createdAt < present.createdAt {
            unlink(temporary)
            throw InstallRefusal.older(than: present.createdAt)
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return true
    }

    /// The list as the file is now; nil when there is no (readable) file.
    package func current() -> Hotlist? {
        guard let path else { return state.withLockedValue { $0.list } }
        let identity = Self.identity(path)
        return state.withLockedValue { state in
            if state.identity == identity, identity != nil { return state.list }
            state.identity = identity
            state.list = identity == nil ? nil : try? Hotlist(path: path)
            return state.list
        }
    }

    static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                            modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}
