import Counter
import Foundation

/// The scanners the kiosk reads, with what the technician's page shows of each: state, scan count, last scan.
///
/// Every spec kind (serial, stdin, evdev, hidraw, usb) is started by ``ScannerSources``, with the settings of
/// the device profile that matches it (``ScannerProfiles``).
actor ScannerHub {
    struct Status: Codable, Sendable {
        var spec: String
        /// `reading`.
        var state: String
        var scans: Int
        var incomplete: Int
        var lastScanAt: Date?
        var lastLength: Int?
    }

    private var statuses: [String: Status] = [:]
    private var order: [String] = []
    private var readers: [any ScannerSource] = []

    /// Starts reading every spec; each complete scan goes to `processor`.
    func start(_ specs: [ScannerSpec], processor: ScanProcessor, events: KioskEvents) {
        for spec in specs {
            let name = spec.description
            order.append(name)
            let reader = ScannerSources.start(spec, settings: ScannerProfiles.settings(for: spec))
            readers.append(reader)
            statuses[name] = Status(spec: name, state: "reading", scans: 0, incomplete: 0)
            Task {
                for await event in reader.events {
                    await self.noted(name, event)
                    await events.publish(KioskEvent(type: "scanner", payload: self.statuses[name], audience: ["technician"]))
                    if event.isComplete { await processor.handle(event) }
                }
            }
        }
    }

    private func noted(_ name: String, _ event: ScanEvent) {
        if event.isComplete { statuses[name]?.scans += 1 } else { statuses[name]?.incomplete += 1 }
        statuses[name]?.lastScanAt = Date()
        statuses[name]?.lastLength = event.bytes.count
    }

    func list() -> [Status] { order.compactMap { statuses[$0] } }

    func stopAll() {
        for reader in readers { reader.stop() }
    }
}
