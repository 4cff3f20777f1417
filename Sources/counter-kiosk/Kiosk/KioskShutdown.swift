import Foundation
import Logging
import ServiceLifecycle

/// How the kiosk stops on SIGTERM or Ctrl+C: each part is asked to finish (the engine first, so open pages'
/// event streams end), and a part still running after ``gracePeriod`` is cancelled, so the kiosk always stops
/// well within systemd's stop timeout. The log says when stopping began and when each part stopped, and warns
/// when one had to be cancelled: a hang then names itself.
enum KioskShutdown {
    static let gracePeriod: Duration = .seconds(5)

    /// Runs the services as one group until a signal stops them.
    static func run(_ services: [(name: String, service: any Service)], logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: Logged(name: $0.name, base: $0.service, logger: logger)) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracePeriod
        try await ServiceGroup(configuration: configuration).run()
    }

    /// A service that logs its own stop.
    struct Logged: Service {
        let name: String
        let base: any Service
        let logger: Logger

        func run() async throws {
            let asked = Clock()
            defer {
                if let since = asked.since, since > KioskShutdown.gracePeriod {
                    logger.warning("\(name) did not stop within \(KioskShutdown.gracePeriod) and was cancelled")
                } else if asked.since != nil {
                    logger.info("\(name) stopped")
                }
            }
            try await withGracefulShutdownHandler {
                try await base.run()
            } onGracefulShutdown: {
                asked.start()
                logger.info("stopping \(name)")
            }
        }
    }

    /// When this part was asked to stop.
    final class Clock: @unchecked Sendable {
        // Guarded by the lock: set by the shutdown handler, read by the service's own task.
        private let lock = NSLock()
        private var started: ContinuousClock.Instant?
        func start() { lock.withLock { started = .now } }
        var since: Duration? { lock.withLock { started.map { .now - $0 } } }
    }
}
