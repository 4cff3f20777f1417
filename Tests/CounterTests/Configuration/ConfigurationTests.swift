import Foundation
import Testing
@testable import Counter

@Suite("Configuration")
struct ConfigurationTests {
    @Test("No file means the documented defaults")
    func defaults() throws {
        let config = try ConfigurationLoader.load(path: "/nonexistent/config.json")
        #expect(config == .defaults)
        #expect(config.holdingPeriod == HoldingPolicy(length: 5, unit: .workingDays))
        #expect(config.kiosk.host == "127.0.0.1")
    }

    @Test("A partial file keeps defaults for what it leaves out")
    func partial() throws {
        let config = try ConfigurationLoader.decode(Data("""
            {"shop": {"name": "Goud & Zilver", "kvkNumber": "12345678", "municipality": "Deventer"},
             "holdingPeriod": {"length": 3, "unit": "days"}}
            """.utf8), file: "config.json")
        #expect(config.shop.shopID == "12345678")
        #expect(config.holdingPeriod.length == 3)
        #expect(config.kiosk.port == 8417)
    }

    @Test("A partial section keeps defaults for the keys it leaves out")
    func partialSection() throws {
        let config = try ConfigurationLoader.decode(Data(#"{"kiosk": {"port": 8500}}"#.utf8), file: "config.json")
        #expect(config.kiosk.port == 8500)
        #expect(config.kiosk.host == "127.0.0.1")
        #expect(config.kiosk.sessionMinutes == 15)
        #expect(throws: ConfigurationError.invalidSetting(
            file: "config.json", line: 1, key: "kiosk.port", detail: "must be between 1 and 65535")) {
            try ConfigurationLoader.decode(Data(#"{"kiosk": {"port": 99999}}"#.utf8), file: "config.json")
        }
        #expect(throws: ConfigurationError.invalidSetting(
            file: "config.json", line: 1, key: "kiosk.tlsKey",
            detail: "tlsCertificate and tlsKey go together: set both (PEM files) or neither")) {
            try ConfigurationLoader.decode(Data(#"{"kiosk": {"tlsCertificate": "/etc/counter/kiosk.pem"}}"#.utf8), file: "config.json")
        }
        #expect(CounterConfiguration.Kiosk.isLoopback("127.0.0.1") && CounterConfiguration.Kiosk.isLoopback("[::1]"))
        #expect(!CounterConfiguration.Kiosk.isLoopback("0.0.0.0") && !CounterConfiguration.Kiosk.isLoopback("192.168.1.20"))
    }

    @Test("A syntax error names the line")
    func syntaxError() {
        let text = "{\n  \"shop\": {\n    \"name\": \"X\",\n    \"kvkNumber\": \"1\"\n    \"municipality\": \"Y\"\n  }\n}\n"
        do {
            _ = try ConfigurationLoader.decode(Data(text.utf8), file: "config.json")
            Issue.record("expected an error")
        } catch {
            guard case .syntax(let file, let line, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "config.json")
            #expect(line == 5 || line == 4)
            #expect(error.description.contains("config.json, line"))
        }
    }

    @Test("A wrong value names the setting and its line")
    func wrongValue() {
        let text = "{\n  \"holdingPeriod\": {\n    \"length\": \"five\",\n    \"unit\": \"days\"\n  }\n}\n"
        #expect(throws: ConfigurationError.invalidSetting(file: "c.json", line: 3, key: "holdingPeriod.length", detail: "expected Int")) {
            try ConfigurationLoader.decode(Data(text.utf8), file: "c.json")
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.decode(Data("{\"holdingPeriod\": {\"length\": 5, \"unit\": \"weeks\"}}".utf8), file: "c.json")
        }
    }

    @Test("Secrets are masked for display")
    func masked() {
        var config = CounterConfiguration.defaults
        config.register.token = "s3cret-token"
        config.stolenGoodsCheck.apiKey = "police-key"
        let shown = "\(config.masked)"
        #expect(!shown.contains("s3cret-token"))
        #expect(!shown.contains("police-key"))
    }
}
