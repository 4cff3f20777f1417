import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// The HTTP gateway's client certificate and pinned CA against `openssl s_server` demanding a client
/// certificate. s_server's `-www` page is not our protocol, so a completed handshake shows as
/// "answer could not be read"; a refused one as "cannot be reached".
@Suite("HTTP gateway TLS", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct HTTPRegisterGatewayTLSTests {
    /// A CA, a server certificate for 127.0.0.1 and a client certificate, and a second, unrelated CA.
    static func makeCertificates(in dir: String) async throws {
        let script = """
            set -e
            cd "\(dir)"
            for ca in ca other; do openssl req -x509 -newkey rsa:2048 -nodes -keyout $ca.key -out $ca.pem -days 2 -subj "/CN=$ca"; done
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext
            for who in server client; do
              openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr -subj "/CN=$who"
              openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out $who.pem -days 2 -extfile san.ext
            done
            """
        let result = try await runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// `openssl s_server` requiring a client certificate signed by the CA; returns it and its port.
    static func startServer(in dir: String) throws -> (Process, Int) {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", dir + "/server.pem", "-key", dir + "/server.key",
                                 "-CAfile", dir + "/ca.pem", "-Verify", "1", "-www", "-quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Ready when it accepts a TCP connection.
            for _ in 0..<50 {
                usleep(100_000)
                if !process.isRunning { break }
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                close(fd)
                if connected == 0 { return (process, port) }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw CocoaError(.featureUnsupported)
    }

    @Test("Client certificate + pinned CA: handshake completes; without the certificate or with another CA it does not")
    func clientCertificate() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await Self.makeCertificates(in: folder.path)
        let (server, port) = try await offPool { try Self.startServer(in: folder.path) }
        // s_server ignores SIGTERM while it serves.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let url = "https://127.0.0.1:\(port)"
        let p = folder.path

        let good = try HTTPRegisterGateway(baseURL: url, token: "t", tls: .init(
            clientCertificate: p + "/client.pem", clientKey: p + "/client.key", caCertificate: p + "/ca.pem"),
            // Generous: on a loaded 2-core machine s_server's RSA handshake and page have taken over 5 s.
            timeout: .seconds(30))
        await #expect(throws: RegisterGatewayError.badAnswer("not an entry status")) {
            try await good.status(idempotencyKey: "12345678/000012345678/entry/1")
        }

        let noCertificate = try HTTPRegisterGateway(baseURL: url, token: "t", tls: .init(caCertificate: p + "/ca.pem"),
                                                    timeout: .seconds(5))
        await Self.expectUnreachable(noCertificate)

        let otherCA = try HTTPRegisterGateway(baseURL: url, token: "t", tls: .init(
            clientCertificate: p + "/client.pem", clientKey: p + "/client.key", caCertificate: p + "/other.pem"), timeout: .seconds(5))
        await Self.expectUnreachable(otherCA)
    }

    static func expectUnreachable(_ gateway: HTTPRegisterGateway) async {
        do {
            _ = try await gateway.status(idempotencyKey: "12345678/000012345678/entry/1")
            Issue.record("expected the TLS handshake to fail")
        } catch {
            guard case .unreachable = error.reason else { Issue.record("expected unreachable, got \(error)"); return }
        }
    }
}
