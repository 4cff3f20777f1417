import Foundation

/// Something pushed to the open pages: a scanned item, a check result, a document read, a raw scan for the
/// technician's console. Sent as one WebSocket text message `{"type": <type>, "data": <json>}`.
struct KioskEvent: Sendable {
    /// `item`, `check`, `document`, `scan`, `scanner`, `alert`.
    var type: String
    /// The event's JSON.
    var json: Data
    /// Which roles may see it: register data never reaches a technician's page.
    var audience: Set<String>

    init(type: String, payload: some Encodable, audience: Set<String> = ["staff", "owner"]) {
        self.type = type
        self.json = (try? KioskJSON.encoder.encode(payload)) ?? Data("{}".utf8)
        self.audience = audience
    }

    /// The event as the text of one WebSocket message. `type` is one of a fixed set of names, never input.
    var message: String {
        #"{"type":"\#(type)","data":\#(String(decoding: json, as: UTF8.self))}"#
    }
}
