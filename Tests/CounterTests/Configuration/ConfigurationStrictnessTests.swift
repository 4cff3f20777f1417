import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

/// Issue 12 (7): a typo was silently ignored (a legally wrong setup), a huge sessionMinutes crashed every
/// start, and register.url took plain http to any host.
@Suite("Configuration: unknown keys, bounds, TLS")
struct ConfigurationStrictnessTests {
    func decode(_ json: String) throws(ConfigurationError) -> CounterConfiguration {
        try ConfigurationLoader.decode(Data(json.utf8), file: "config.json")
    }

    @Test("An unknown key is an error naming it, its line and the closest known key", arguments: [
        (#"{"register": {"urll": "https://dor.example"}}"#, "register.urll", "url"),
        ("{\n  \"holdingPeriod\": {\"lenght\": 3, \"unit\": \"days\"}\n}", "holdingPeriod.lenght", "length"),
        (#"{"tills": [{"name": "kassa-1", "scaners": []}]}"#, "tills[0].scaners", "scanners"),
        (#"{"tills": [{"name": "kassa-1", "documentReader": {"spec": "stdin", "profiel": "x"}}]}"#, "tills[0].documentReader.profiel", "profile"),
        (#"{"shopp": {}}"#, "shopp", "shop"),
        (#"{"kiosk": {"colour": "red"}}"#, "kiosk.colour", nil),
    ])
    func unknownKey(json: String, key: String, suggestion: String?) {
        #expect {
            _ = try decode(json)
        } throws: { error in
            guard case .unknownSetting(_, let line, let found, let suggested) = (error as? ConfigurationError)?.reason else { return false }
            return found == key && suggested == suggestion && line != nil
        }
        if let suggestion {
            do { _ = try decode(json) } catch { #expect(error.description.contains("did you mean \(suggestion)?")) }
        }
    }

    @Test("Every key the configuration writes is one it reads (the schema cannot drift from the types)")
    func schemaParity() throws {
        var config = CounterConfiguration.defaults
        config.shop.branch = "2"
        config.register = .init(url: "https://dor.example", token: "t", clientCertificate: "c.pem", clientKey: "k.pem", caCertificate: "ca.pem")
        config.stolenGoodsCheck = .init(url: "https://sh.example", applicationID: "a", apiKey: "k")
        config.kiosk.tlsCertificate = "s.pem"
        config.kiosk.tlsKey = "s.key"
        config.scanners = ["stdin"]
        config.tills = [TillConfiguration(name: "kassa-1", scanners: [.init(spec: "stdin"), .init(spec: "serial:/dev/ttyS0", profile: "newland")],
                                          documentReader: .init(spec: "serial:/dev/ttyS1", profile: "thales-cr5400"))]
        let data = try JSONEncoder().encode(config)
        #expect(try decode(String(decoding: data, as: UTF8.self)) == config)
    }

    @Test("Numbers have bounds: a sessionMinutes that crashed every start is refused by the same check the technician page uses")
    func bounds() {
        for json in [#"{"kiosk": {"sessionMinutes": 153722867280912931}}"#, #"{"kiosk": {"sessionMinutes": 0}}"#,
                     #"{"kiosk": {"language": "de"}}"#, #"{"checks": {"hotlistMaxAgeHours": 0}}"#] {
            #expect(throws: ConfigurationError.self, "\(json)") { try decode(json) }
        }
        #expect((try? decode(#"{"kiosk": {"sessionMinutes": 480}}"#))?.kiosk.sessionMinutes == 480)
    }

    @Test("register.url and stolenGoodsCheck.url must be https, except to this machine")
    func tls() {
        for url in ["http://dor.example/api", "http://192.168.1.10:8080", "ftp://x", "dor.example"] {
            #expect(throws: ConfigurationError.self, "\(url)") { try decode(#"{"register": {"url": "\#(url)"}}"#) }
            #expect(throws: ConfigurationError.self, "\(url)") { try decode(#"{"stolenGoodsCheck": {"url": "\#(url)"}}"#) }
        }
        for url in ["https://dor.example/api", "http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000"] {
            #expect((try? decode(#"{"register": {"url": "\#(url)"}}"#))?.register.url == url, "\(url)")
        }
    }
}
