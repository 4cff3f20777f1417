import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The register over HTTP, as `docs/register-api.yaml` describes it: batches to `POST /v1/entries:batch`,
/// status by key from `GET /v1/entries/{idempotencyKey}`, a bearer token, and optionally a TLS client
/// certificate and a pinned CA (the DOR's scheme is not public; both are ready for it).
public final class HTTPRegisterGateway: RegisterGateway, CustomStringConvertible {
    let baseURL: String
    let token: String?
    let timeout: TimeAmount
    private let http: HTTPClient

    /// TLS files for a client certificate and a pinned CA, all PEM.
    public struct TLSFiles: Sendable, Hashable {
        public var clientCertificate: String?
        public var clientKey: String?
        /// When set, only servers whose certificate this CA signed are trusted.
        public var caCertificate: String?

        public init(clientCertificate: String? = nil, clientKey: String? = nil, caCertificate: String? = nil) {
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
            self.caCertificate = caCertificate
        }
    }

    /// - Parameters:
    ///   - baseURL: `https://host[:port][/prefix]`; `/v1/…` is appended.
    ///   - token: the shop's bearer token at the register (never logged or shown).
    ///   - timeout: for one request, from sending to the whole answer.
    ///   - tls: client certificate and CA for mutual TLS, when the register asks for it.
    /// - Throws: ``RegisterGatewayError/tlsSetup(_:)`` when a TLS file cannot be read.
    public init(baseURL: String, token: String?, tls: TLSFiles = TLSFiles(),
                timeout: TimeAmount = .seconds(30)) throws(RegisterGatewayError) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: min(timeout, .seconds(10)), read: timeout)
        configuration.tlsConfiguration = try Self.tlsConfiguration(tls)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit { try? http.syncShutdown() }

    static func tlsConfiguration(_ files: TLSFiles) throws(RegisterGatewayError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = files.caCertificate {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
            if let cert = files.clientCertificate, let key = files.clientKey {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } else if (files.clientCertificate == nil) != (files.clientKey == nil) {
                throw RegisterGatewayError.tlsSetup("a client certificate needs both the certificate and its key")
            }
        } catch let error as RegisterGatewayError {
            throw error
        } catch {
            throw .tlsSetup("\(error)")
        }
        return tls
    }

    public var description: String { "HTTPRegisterGateway(\(baseURL), token \(token == nil ? "none" : "••••"))" }

    public func upload(_ batch: [RegisterUpload]) async throws(RegisterGatewayError) -> [RegisterUploadResult] {
        guard !batch.isEmpty else { return [] }
        var entries: [RegisterWire.Entry] = []
        entries.reserveCapacity(batch.count)
        for upload in batch {
            guard let payload = try? JSONDecoder().decode(JSONValue.self, from: upload.payload) else {
                // Our own canonical JSON always decodes; a row that does not is damaged and must not block the rest.
                throw .badAnswer("job of entry \(upload.entryNumber) holds no valid JSON")
            }
            entries.append(.init(idempotencyKey: upload.idempotencyKey, entryNumber: upload.entryNumber,
                                 kind: upload.kind.rawValue, payload: payload))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body: Data
        do { body = try encoder.encode(RegisterWire.BatchRequest(entries: entries)) } catch {
            throw .badAnswer("request could not be encoded")
        }
        let (status, answer) = try await send(.POST, path: "/v1/entries:batch", body: body)
        // 200: at least one entry held; 422: every entry rejected. Both carry the per-entry results.
        guard status == 200 || status == 422,
              let response = try? JSONDecoder().decode(RegisterWire.BatchResponse.self, from: answer) else {
            if status == 200 { throw .badAnswer("not a batch result") }
            throw Self.failure(status: status, body: answer)
        }
        var results: [RegisterUploadResult] = []
        for r in response.results {
            let outcome: RegisterUploadResult.Outcome
            switch r.status {
            case "accepted": outcome = .accepted(reference: r.registerReference)
            case "duplicate": outcome = .duplicate(reference: r.registerReference)
            case "rejected": outcome = .rejected(reason: r.reason ?? "no reason given")
            default: throw .badAnswer("unknown result status \(r.status.prefix(20))")
            }
            results.append(RegisterUploadResult(idempotencyKey: r.idempotencyKey, outcome: outcome))
        }
        return results
    }

    public func status(idempotencyKey: String) async throws(RegisterGatewayError) -> RegisterEntryStatus? {
        let (status, answer) = try await send(.GET, path: "/v1/entries/" + RegisterWire.pathSegment(idempotencyKey), body: nil)
        if status == 404 { return nil }
        guard status == 200 else { throw Self.failure(status: status, body: answer) }
        guard let record = try? JSONDecoder().decode(RegisterEntryStatus.self, from: answer) else {
            throw .badAnswer("not an entry status")
        }
        return record
    }

    func send(_ method: HTTPMethod, path: String, body: Data?) async throws(RegisterGatewayError) -> (Int, Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await http.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), Data(bytes.readableBytesView))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: throw .timeout
            case .remoteConnectionClosed: throw .unreachable("connection closed before an answer")
            default: throw .unreachable("\(error)")
            }
        } catch {
            throw .unreachable(String("\(error)".prefix(160)))
        }
    }

    static func failure(status: Int, body: Data) -> RegisterGatewayError {
        if status == 401 || status == 403 { return .unauthorized(status) }
        let message = (try? JSONDecoder().decode(RegisterWire.Problem.self, from: body)).map { String($0.message.prefix(160)) }
        return .httpStatus(status, message ?? "")
    }
}

extension HTTPRegisterGateway {
    /// The gateway the shop's configuration describes (`urlOverride` from `--register`), or nil without a URL.
    public static func configured(_ settings: CounterConfiguration.Register,
                                  urlOverride: String? = nil) throws(RegisterGatewayError) -> HTTPRegisterGateway? {
        guard let url = urlOverride ?? settings.url else { return nil }
        return try HTTPRegisterGateway(
            baseURL: url, token: settings.token,
            tls: TLSFiles(clientCertificate: settings.clientCertificate, clientKey: settings.clientKey,
                          caCertificate: settings.caCertificate),
            timeout: .seconds(Int64(settings.requestTimeoutSeconds)))
    }
}
