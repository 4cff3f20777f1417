import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// Stop Heling's partner interface: `GET …/GetSearchItems?ApplicationID=&SearchTerm=[&SearchMerk=]&Hmac=`.
///
/// `Hmac` is the upper-case hex HMAC-MD5, keyed with the police-issued API key, of the search term + today's
/// date as `yyyyMMdd` in Europe/Amsterdam + the application id. The answer is a JSON array of records
/// (Dutch keys, `MatchType` e.g. `PARTIAL HIT`), or an object on error. Results are cached for a bounded time.
public actor StopHelingClient: StolenGoodsService {
    public nonisolated let sourceName = "stopheling"
    let baseURL: String
    let applicationID: String
    let apiKey: String
    let timeout: TimeAmount
    let cacheLifetime: TimeInterval
    let cacheLimit: Int
    let clock: @Sendable () -> Date
    private var cache: [String: (Date, [StolenRecord])] = [:]
    private let http: HTTPClient

    /// - Parameters:
    ///   - baseURL: the interface's base, e.g. `https://…/api`; `/GetSearchItems` is appended.
    ///   - applicationID: the partner's application id.
    ///   - apiKey: the partner's key (sent in a header, never logged).
    ///   - timeout: for one search; no answer in time is "not checked", never "clear".
    ///   - cacheLifetime: how long an answer is reused (Bike Index uses 24 h; the default is 1 h).
    ///   - cacheLimit: at most this many answers are kept.
    ///   - clock: the time now (injected for tests).
    public init(baseURL: String, applicationID: String, apiKey: String, timeout: TimeAmount = .seconds(5),
                cacheLifetime: TimeInterval = 3600, cacheLimit: Int = 10_000, clock: @escaping @Sendable () -> Date = Date.init) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.applicationID = applicationID
        self.apiKey = apiKey
        self.timeout = timeout
        self.cacheLifetime = cacheLifetime
        self.cacheLimit = cacheLimit
        self.clock = clock
        self.http = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    deinit { try? http.syncShutdown() }

    /// The day's signature: upper-case hex HMAC-MD5(key: apiKey, message: term + yyyyMMdd + applicationID).
    public static func signature(term: String, date: Date, applicationID: String, apiKey: String) -> String {
        let day = CalendarDate(date, in: .amsterdam)
        let message = term + String(format: "%04d%02d%02d", day.year, day.month, day.day) + applicationID
        let mac = HMAC<Insecure.MD5>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(apiKey.utf8)))
        return mac.map { String(format: "%02X", $0) }.joined()
    }

    /// The request URL for a term (the signature included; the API key itself never is).
    public func requestURL(term: String, brand: String?, at date: Date) -> String {
        var items = [("ApplicationID", applicationID), ("SearchTerm", term)]
        if let brand, !brand.isEmpty { items.append(("SearchMerk", brand)) }
        items.append(("Hmac", Self.signature(term: term, date: date, applicationID: applicationID, apiKey: apiKey)))
        let query = items.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        return "\(baseURL)/GetSearchItems?\(query)"
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    public func search(serial: String, brand: String?) async throws(NotCheckedReason) -> [StolenRecord] {
        let now = clock()
        let cacheKey = SerialKey.exact(serial) + "|" + (brand ?? "").uppercased()
        if let (at, records) = cache[cacheKey], now.timeIntervalSince(at) < cacheLifetime { return records }
        let records: [StolenRecord]
        do {
            var request = HTTPClientRequest(url: requestURL(term: serial, brand: brand, at: now))
            request.method = .GET
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 4 << 20)
            guard response.status.code == 200 else { throw NotCheckedReason.serviceError("HTTP \(response.status.code)") }
            records = try Self.parse(Data(body.readableBytesView))
        } catch let reason as NotCheckedReason {
            throw reason
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout
        } catch {
            throw .offline
        }
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[cacheKey] = (now, records)
        return records
    }

    /// A JSON array of records, or an object (an error).
    static func parse(_ data: Data) throws(NotCheckedReason) -> [StolenRecord] {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { throw .serviceError("unreadable answer") }
        guard let array = json as? [[String: Any]] else {
            let message = (json as? [String: Any])?["Message"] as? String ?? "error"
            throw .serviceError(String(message.prefix(80)))
        }
        return array.map { r in
            func s(_ k: String) -> String? { (r[k] as? String).flatMap { $0.isEmpty ? nil : $0 } }
            return StolenRecord(
                serial: s("Uniek_nummer") ?? s("Serienummer") ?? s("Motor_serienr") ?? s("Chassis_graveer") ?? "",
                brand: s("Merk"), model: s("Type"), object: s("Object"), reportedOn: s("Datum_diefstal") ?? s("Registratiedatum"),
                source: "stopheling", matchType: s("MatchType") ?? "HIT")
        }
    }
}

extension StopHelingClient: CustomStringConvertible {
    /// Never shows the API key.
    public nonisolated var description: String { "StopHelingClient(\(baseURL), application \(applicationID), key ••••)" }
}

extension StopHelingClient {
    /// The client the shop's configuration describes, or nil when no remote check is configured.
    public static func configured(_ settings: CounterConfiguration.StolenGoodsCheck) -> StopHelingClient? {
        guard let url = settings.url, let app = settings.applicationID, let key = settings.apiKey else { return nil }
        return StopHelingClient(baseURL: url, applicationID: app, apiKey: key)
    }
}
