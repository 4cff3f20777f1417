import Foundation

/// The folder that holds one shop's register, configuration, photos and hotlist.
///
/// Default: `$COUNTER_HOME`, else `~/.local/share/counter-kiosk`.
public struct DataFolder: Sendable, Equatable {
    public let path: String

    public init(path: String) {
        self.path = (path as NSString).expandingTildeInPath
    }

    /// `$COUNTER_HOME`, else `~/.local/share/counter-kiosk`.
    public static func resolve(_ explicit: String?) -> DataFolder {
        if let explicit, !explicit.isEmpty { return DataFolder(path: explicit) }
        if let env = ProcessInfo.processInfo.environment["COUNTER_HOME"], !env.isEmpty { return DataFolder(path: env) }
        return DataFolder(path: NSHomeDirectory() + "/.local/share/counter-kiosk")
    }

    public var registerPath: String { path + "/register.sqlite" }
    public var configPath: String { path + "/config.json" }
    public var photosPath: String { path + "/photos" }
    public var hotlistPath: String { path + "/hotlist" }
    /// The CSCA certificates imported from master lists (`id masterlist import`), for the chip check.
    public var cscaPath: String { path + "/csca" }
    var sellerKeyPath: String { path + "/seller-key.secret" }
    /// The backups' salt and key check (`backup init`; never the code).
    var backupKeyPath: String { path + "/backup-key.json" }
    /// The last good backup and the last failure (``BackupStatus``).
    var backupStatusPath: String { path + "/backup-status.json" }

    /// The files Counter keeps in the folder, each for the process's user only (0600): made so by ``create()``,
    /// checked by the health summary (``ShopHealth/dataFolder(_:)``).
    var privateFiles: [String] {
        [registerPath, registerPath + "-wal", registerPath + "-shm", configPath, sellerKeyPath, hotlistPath + "/hotlist.bin",
         backupKeyPath, backupStatusPath]
    }

    /// Creates the folder (mode 0700: it holds personal data) if needed, and makes an existing folder and
    /// the files Counter keeps in it private (0700 and 0600), however they were made.
    public func create() throws {
        try PrivateFiles.folder(path)
        for folder in [photosPath, hotlistPath] where FileManager.default.fileExists(atPath: folder) {
            _ = chmod(folder, PrivateFiles.folderMode)
        }
        for file in privateFiles { PrivateFiles.file(file) }
    }

    /// The secret for keyed hashes of document numbers, created on first use (mode 0600).
    ///
    /// Created with link(2) from a temporary file, so two processes starting at once (kiosk and CLI) agree
    /// on one secret: the loser of the race reads the winner's.
    public func sellerKeySecret() throws -> Data {
        if let data = FileManager.default.contents(atPath: sellerKeyPath), data.count == 32 { return data }
        let data = SellerKey.newSecret()
        let temporary = sellerKeyPath + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data,
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        defer { unlink(temporary) }
        if link(temporary, sellerKeyPath) != 0 && errno != EEXIST { throw CocoaError(.fileWriteUnknown) }
        guard let stored = FileManager.default.contents(atPath: sellerKeyPath), stored.count == 32 else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return stored
    }

    /// Loads the configuration and opens the register: what every command starts with.
    public func openRegister() throws -> (CounterConfiguration, SQLiteRegisterStore) {
        try create()
        let config = try ConfigurationLoader.load(path: configPath)
        let store = try SQLiteRegisterStore(
            path: registerPath,
            settings: .init(configuration: config, sellerKeySecret: try sellerKeySecret()))
        return (config, store)
    }
}
