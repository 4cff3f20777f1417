import Foundation

/// What the technician's page learns of one scan: the device, its kind and the length — never the text.
/// A document reader's bytes hold the seller's MRZ, and a barcode may be a serial tied to a seller.
package struct ScannerActivity: Sendable, Codable, Hashable {
    package var device: String
    package var till: String
    /// `barcode` or `documentReader`.
    package var kind: String
    package var profile: String?
    package var length: Int
    package var complete: Bool
    package var at: Date
}

/// The scanners the engine reads, with what the technician's page shows of each.
package actor ScannerBoard {
    /// One scanner's state.
    package struct Status: Sendable, Codable, Hashable {
        package var spec: String
        package var till: String
        package var kind: String
        package var profile: String?
        /// `reading` while the source runs.
        package var state: String
        package var scans: Int
        package var incomplete: Int
        package var lastScanAt: Date?
        package var lastLength: Int?
    }

    private var statuses: [String: Status] = [:]
    private var order: [String] = []

    package init() {}

    func add(_ status: Status) {
        if statuses[status.spec] == nil { order.append(status.spec) }
        statuses[status.spec] = status
    }

    func noted(_ spec: String, complete: Bool, length: Int, at date: Date) -> Status? {
        if complete { statuses[spec]?.scans += 1 } else { statuses[spec]?.incomplete += 1 }
        statuses[spec]?.lastScanAt = date
        statuses[spec]?.lastLength = length
        return statuses[spec]
    }

    func stopped(_ spec: String) { statuses[spec]?.state = "stopped" }

    /// Every scanner, in the configured order.
    package func list() -> [Status] { order.compactMap { statuses[$0] } }
}
