import Foundation

/// What the technician's page learns of one scan: the device, its kind and the length — never the text.
/// A document reader's bytes hold the seller's MRZ, and a barcode may be a serial tied to a seller.
public struct ScannerActivity: Sendable, Codable, Hashable {
    public var device: String
    public var till: String
    /// `barcode` or `documentReader`.
    public var kind: String
    public var profile: String?
    public var length: Int
    public var complete: Bool
    public var at: Date
}

/// The scanners the engine reads, with what the technician's page shows of each.
public actor ScannerBoard {
    /// One scanner's state.
    public struct Status: Sendable, Codable, Hashable {
        public var spec: String
        public var till: String
        public var kind: String
        public var profile: String?
        /// `reading` while the source runs.
        public var state: String
        public var scans: Int
        public var incomplete: Int
        public var lastScanAt: Date?
        public var lastLength: Int?
    }

    private var statuses: [String: Status] = [:]
    private var order: [String] = []

    public init() {}

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
    public func list() -> [Status] { order.compactMap { statuses[$0] } }
}
