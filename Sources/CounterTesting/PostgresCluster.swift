import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A throw-away PostgreSQL cluster for one test (issue 15): `initdb` in a temporary folder, `postgres` on a free
/// loopback port, trust authentication for its one user, gone when ``stop()`` runs. Debian's `postgresql`
/// package provides the programs (`scripts/ensure-deps.sh test` installs it). PostgreSQL refuses to run as root,
/// which CI is: then the folder is handed to `nobody` and the programs run as that user (`setpriv`).
public final class PostgresCluster: @unchecked Sendable {
    public let folder: String
    public let port: Int
    public let user = "counter"
    private let server: Process

    /// Why a cluster could not be started, in words for the test's failure.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The newest installed server's programs (`/usr/lib/postgresql/15/bin` on Debian 12).
    public static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted()
        guard let newest = versions.last, FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/initdb") else {
            throw Unavailable(description: "PostgreSQL is not installed: apt-get install postgresql (make test does this as root)")
        }
        return "\(root)/\(newest)/bin"
    }

    /// Where a cluster's data comes from.
    public enum Origin: Sendable {
        /// A new, empty cluster (`initdb`).
        case initdb
        /// A streaming-replication standby of a running cluster (`pg_basebackup -R`, application name `standby`).
        case standbyOf(PostgresCluster)
        /// The data folder of a cluster that was shut down (``shutDown()``), started again (on another port).
        case folder(String)
    }

    /// Starts a cluster; `initdb` and the wait for the server run off the cooperative pool (see ``offPool(_:)``).
    ///
    /// - Parameters:
    ///   - fsync: whether commits reach the disk (off for tests, on for benchmarks and failover).
    ///   - settings: more server settings (`-c name=value`).
    ///   - port: the loopback port; by default a free one.
    public static func start(fsync: Bool = false, settings: [String: String] = [:], origin: Origin = .initdb,
                             port: Int? = nil) async throws -> PostgresCluster {
        try await offPool {
            // A free port can be taken by another test's cluster before this one binds it: then this server does not
            // start, and a new cluster on another port is tried (only for a new cluster on a port of our choosing).
            var attempt = 0
            while true {
                do {
                    return try PostgresCluster(fsync: fsync, settings: settings, origin: origin, port: port)
                } catch let error as Unavailable {
                    attempt += 1
                    guard port == nil, case .initdb = origin, attempt < 3 else { throw error }
                }
            }
        }
    }

    private init(fsync: Bool, settings: [String: String], origin: Origin, port: Int?) throws {
        let bin = try Self.binaries()
        if case .folder(let existing) = origin {
            folder = existing
        } else {
            folder = NSTemporaryDirectory() + "counter-pg-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if getuid() == 0 {
                // 65534: Debian's `nobody`/`nogroup`.
                guard chown(folder, 65534, 65534) == 0 else { throw Unavailable(description: "chown \(folder): errno \(errno)") }
            }
        }
        self.port = try port ?? Self.freePort()
        let data = folder + "/data"
        switch origin {
        case .initdb:
            try Self.run(bin + "/initdb", ["-D", data, "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"])
        case .standbyOf(let primary):
            try Self.run(bin + "/pg_basebackup", [
                "-D", data, "-R", "-X", "stream", "--no-sync",
                "-d", "host=127.0.0.1 port=\(primary.port) user=\(user) application_name=standby"])
        case .folder:
            break
        }
        let options = (["listen_addresses": "127.0.0.1", "fsync": fsync ? "on" : "off", "max_connections": "200"]
            .merging(settings) { $1 }).sorted { $0.key < $1.key }.flatMap { ["-c", "\($0.key)=\($0.value)"] }
        // As root, the server also gets SIGTERM should the test process die first (no cluster left behind).
        server = Self.process(bin + "/postgres", ["-D", data, "-p", String(self.port), "-k", folder] + options,
                              asRoot: ["--pdeathsig=TERM"])
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let log = folder + "/server.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        server.standardError = FileHandle(forWritingAtPath: log)
        try Self.runOnOwnThread(server)
        // Ready when it takes connections (`pg_isready`; an open port alone may still be "starting up").
        let deadline = Date().addingTimeInterval(30)
        while !Self.isReady(bin: bin, socketDirectory: folder, port: self.port) {
            guard server.isRunning, Date() < deadline else {
                let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                stopNow()
                throw Unavailable(description: "postgres did not start: \(said.suffix(600))")
            }
            usleep(50_000)
        }
    }

    /// A client of this cluster as `user` (trust authentication), for `postgres` or another database.
    public func client(user: String? = nil, database: String = "postgres") -> PostgresClient {
        PostgresClient(configuration: .init(host: "127.0.0.1", port: port, username: user ?? self.user, password: nil,
                                            database: database, tls: .disable),
                       backgroundLogger: Logger(label: "test.postgres"))
    }

    /// Runs `body` with a running client of a fresh cluster; the cluster is gone afterwards.
    public static func withClient<T: Sendable>(
        _ body: @escaping @Sendable (PostgresClient, PostgresCluster) async throws -> T
    ) async throws -> T {
        let cluster = try await PostgresCluster.start()
        do {
            let result = try await cluster.running(cluster.client()) { try await body($0, cluster) }
            await cluster.stop()
            return result
        } catch {
            await cluster.stop()
            throw error
        }
    }

    /// Runs `body` while `client` runs.
    public func running<T: Sendable>(_ client: PostgresClient, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// Stops the server (a fast shutdown) and removes its folder, off the cooperative pool.
    public func stop() async {
        await offPool { self.stopNow() }
    }

    /// Stops the server (a fast shutdown) and keeps its folder, to start it again (``Origin/folder(_:)``).
    public func shutDown() async {
        await offPool {
            guard self.server.isRunning else { return }
            self.server.interrupt()  // SIGINT: PostgreSQL's fast shutdown
            self.server.waitUntilExit()
        }
    }

    /// `kill -9` of the server: a crash of the machine, as far as the clients can tell. Its folder stays.
    public func kill() async {
        await offPool {
            guard self.server.isRunning else { return }
            Glibc.kill(self.server.processIdentifier, SIGKILL)
            self.server.waitUntilExit()
        }
    }

    private func stopNow() {
        if server.isRunning {
            server.interrupt()  // SIGINT: PostgreSQL's fast shutdown
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts `process` from a thread that lives until it ends. The kernel's parent-death signal (`--pdeathsig`)
    /// follows the *thread* that started the child: started from a short-lived thread, the server would get its
    /// SIGTERM as soon as that thread ended.
    private static func runOnOwnThread(_ process: Process) throws {
        let started = DispatchSemaphore(value: 0)
        let failure = Mutex<(any Error)?>(nil)
        Thread {
            do {
                try process.run()
            } catch {
                failure.withLock { $0 = error }
                started.signal()
                return
            }
            started.signal()
            process.waitUntilExit()
        }.start()
        started.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// `program` to be run as this user, or as `nobody` through `setpriv` (with `asRoot`'s options) when we are root.
    private static func process(_ program: String, _ arguments: [String], asRoot options: [String] = []) -> Process {
        let process = Process()
        guard getuid() == 0 else {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
            return process
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = options + ["--reuid=65534", "--regid=65534", "--clear-groups", "--", program] + arguments
        return process
    }

    /// Runs a program to its end (as `nobody` when we are root); throws with its output when it fails.
    private static func run(_ program: String, _ arguments: [String]) throws {
        let process = process(program, arguments)
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "\(program) failed: \(String(decoding: said, as: UTF8.self).suffix(600))")
        }
    }

    /// A loopback port nothing listens on now (the kernel's choice for a socket bound to port 0): for a
    /// cluster, a kiosk or a simulator a test starts.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Unavailable(description: "no free loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether this cluster's own server takes connections: asked through its socket in its own folder, so another
    /// test's server that got the same port first is never taken for it (this one then fails to start).
    private static func isReady(bin: String, socketDirectory: String, port: Int) -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: bin + "/pg_isready")
        probe.arguments = ["-q", "-h", socketDirectory, "-p", String(port)]
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }
}
