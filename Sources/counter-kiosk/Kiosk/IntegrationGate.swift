import Counter
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// The check every machine-API route (`/v1`) starts with: an integration's token in the `Authorization`
/// header, looked up afresh each time (a revoked token is refused at its next request), and the integration's
/// request rate.
///
/// Why not the page's gate: a program has no cookie, PIN or CSRF token; its token is its whole credential, so it
/// is never accepted in a URL (URLs end up in proxy and shell logs), and each integration has a rate of its own
/// so a runaway POS cannot starve the counter. The host guard and TLS rules are the page's (``KioskServer``).
struct IntegrationGate: Sendable {
    let staff: StaffDirectory
    let limiter: RateLimiter

    /// The integration a request comes from.
    /// - Throws: ``KioskError`` 400 (a token in the URL), 401 (none, unknown or revoked), 429 (over its rate).
    func integration(_ request: Request) async throws -> StaffAccount {
        if Self.hasTokenInURL(request) { throw KioskError(CounterError(.apiTokenInURL)) }
        guard let header = request.headers[.authorization] else { throw Self.unauthorized(.apiTokenMissing) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Self.unauthorized(.apiTokenMissing) }
        guard let account = try await staff.integration(presenting: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw Self.unauthorized(.apiTokenRefused)
        }
        if let wait = limiter.admit(account.name) {
            var error = KioskError(CounterError(.apiRateLimited, parameters: ["seconds": String(wait)]))
            error.headers[.retryAfter] = String(wait)
            throw error
        }
        return account
    }

    static func unauthorized(_ code: CounterMessages.Code) -> KioskError {
        var error = KioskError(CounterError(code))
        error.headers[.wwwAuthenticate] = #"Bearer realm="counter""#
        return error
    }

    /// A token-like value anywhere in the query string (`?token=ctr_…`, `?access_token=…`).
    static func hasTokenInURL(_ request: Request) -> Bool {
        guard let query = request.uri.query, !query.isEmpty else { return false }
        let lowered = (query.removingPercentEncoding ?? query).lowercased()
        return lowered.contains(IntegrationToken.prefix) || lowered.contains("token=") || lowered.contains("authorization=")
    }
}

/// A token bucket per integration: `burst` requests at once, refilled at `perSecond`.
final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var at: Double
    }

    let perSecond: Double
    let burst: Double
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])
    private let clock: @Sendable () -> Double

    init(perSecond: Double, burst: Int, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.perSecond = perSecond
        self.burst = Double(burst)
        self.clock = clock
    }

    /// Nil when the request may go ahead (it is counted); otherwise the whole seconds to wait.
    func admit(_ key: String) -> Int? {
        let now = clock()
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, at: now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.at) * perSecond)
            bucket.at = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
        }
    }
}
