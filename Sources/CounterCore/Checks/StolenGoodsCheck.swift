import Foundation

/// The outcome of checking one serial against stolen-goods data.
///
/// A failed check is never `clear`: a timeout, an error, missing credentials or an offline service are
/// `notChecked` with the reason, and look different on screen.
public enum StolenGoodsCheck: Sendable, Hashable {
    /// The exact key is on a stolen-goods list: do not buy.
    case hit([StolenRecord])
    /// A loose-key match or a partial hit: look at the record before buying.
    case possibleMatch([StolenRecord])
    /// Nothing found in the sources that answered.
    case clear(sources: [String])
    /// The check could not be done.
    case notChecked(NotCheckedReason)

    /// The register's status for this result.
    public var status: ItemCheckStatus {
        switch self {
        case .hit: .hit
        case .possibleMatch: .possibleMatch
        case .clear: .clear
        case .notChecked: .notChecked
        }
    }

    /// The records found, if any.
    public var records: [StolenRecord] {
        switch self {
        case .hit(let r), .possibleMatch(let r): r
        default: []
        }
    }
}

/// Why a check could not be done. Messages in Dutch (default) and English; no credentials, no personal data.
public enum NotCheckedReason: Sendable, Hashable, CustomStringConvertible {
    case noHotlist
    case timeout
    case serviceError(String)
    case missingCredentials
    case offline
    case nothingToCheck
    /// Only for the immediate answer: the hotlist found nothing and the remote service has not answered yet.
    case awaitingRemote
    /// The local list is older than `checks.hotlistMaxAgeHours`: it cannot prove an item clear.
    case listTooOld(hours: Int)
    /// The entry was registered before the remote service answered.
    case remoteNotAnswered

    public var code: String {
        switch self {
        case .noHotlist: "noHotlist"
        case .timeout: "timeout"
        case .serviceError: "serviceError"
        case .missingCredentials: "missingCredentials"
        case .offline: "offline"
        case .nothingToCheck: "nothingToCheck"
        case .awaitingRemote: "awaitingRemote"
        case .listTooOld: "listTooOld"
        case .remoteNotAnswered: "remoteNotAnswered"
        }
    }

    public var dutch: String {
        switch self {
        case .noHotlist: "Geen lijst met gestolen goederen geladen: niet gecontroleerd."
        case .timeout: "Stop Heling antwoordde niet op tijd: niet gecontroleerd. Probeer opnieuw of controleer op stopheling.nl."
        case .serviceError(let s): "Stop Heling gaf een fout (\(s)): niet gecontroleerd."
        case .missingCredentials: "Geen inloggegevens voor Stop Heling ingesteld: niet gecontroleerd."
        case .offline: "Geen verbinding met Stop Heling: niet gecontroleerd."
        case .nothingToCheck: "Geen serienummer om te controleren."
        case .awaitingRemote: "Lokale lijst: geen melding. Stop Heling wordt nog gecontroleerd…"
        case .listTooOld(let hours): CounterMessages.text(.checkListTooOld, .nl, ["hours": "\(hours)"])
        case .remoteNotAnswered: CounterMessages.text(.checkRemoteNotAnswered, .nl)
        }
    }

    public var english: String {
        switch self {
        case .noHotlist: "No stolen-goods list loaded: not checked."
        case .timeout: "Stop Heling did not answer in time: not checked. Try again or check on stopheling.nl."
        case .serviceError(let s): "Stop Heling returned an error (\(s)): not checked."
        case .missingCredentials: "No Stop Heling credentials configured: not checked."
        case .offline: "No connection to Stop Heling: not checked."
        case .nothingToCheck: "No serial number to check."
        case .awaitingRemote: "Local list: nothing found. Stop Heling is still being checked…"
        case .listTooOld(let hours): CounterMessages.text(.checkListTooOld, .en, ["hours": "\(hours)"])
        case .remoteNotAnswered: CounterMessages.text(.checkRemoteNotAnswered, .en)
        }
    }

    public var description: String { english }
}

/// One stolen-goods record as a list or the remote service gives it.
public struct StolenRecord: Sendable, Hashable, Codable {
    public var serial: String
    public var brand: String?
    public var model: String?
    public var object: String?
    public var reportedOn: String?
    public var source: String?
    /// `EXACT`, `LOOSE`, or the remote service's match type (`PARTIAL HIT`).
    public var matchType: String

    public init(serial: String, brand: String? = nil, model: String? = nil, object: String? = nil,
                reportedOn: String? = nil, source: String? = nil, matchType: String) {
        self.serial = serial
        self.brand = brand
        self.model = model
        self.object = object
        self.reportedOn = reportedOn
        self.source = source
        self.matchType = matchType
    }
}
