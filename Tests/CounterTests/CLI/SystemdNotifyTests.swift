import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The package's counter-kiosk.service is `Type=notify`: systemd starts the screen's browser only once the kiosk
/// says READY=1, so that must come, from the program, once the page is served (else systemd would kill it).
@Suite("systemd readiness")
struct SystemdNotifyTests {
    @Test("run sends READY=1 to NOTIFY_SOCKET once its page is served, and the page answers then")
    func readyOnceServing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let socketPath = folder.path + "/notify"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in socketPath.utf8.enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let port = try PostgresCluster.freePort()
        let process = Process()
        process.executableURL = Fixtures.kioskBinary
        process.arguments = ["run", "--data", folder.path + "/data", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = socketPath
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        let message = try await offPool { () -> String in
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
        }
        #expect(message == "READY=1")
        let (_, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }
}
