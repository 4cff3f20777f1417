import Foundation
import Testing
@testable import CounterCore
@testable import CounterDevices

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
            guard case .syntax(let file, let line, _) = error.reason else { Issue.record("wrong error \(error)"); return }
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

@Suite("Configuration: register upload")
struct RegisterConfigurationTests {
    @Test("A register section with only a URL keeps the documented defaults")
    func defaults() throws {
        let config = try ConfigurationLoader.decode(Data(#"{"register": {"url": "https://dor.example"}}"#.utf8), file: "c.json")
        #expect(config.register.url == "https://dor.example")
        #expect(config.register.backlogAlarmHours == 24)
        #expect(config.register.batchSize == 100)
        #expect(config.register.requestTimeoutSeconds == 30)
        #expect(config.register.attemptTimeoutSeconds == 120)
        #expect(config.register.retryMinSeconds == 5 && config.register.retryMaxSeconds == 900)
        let settings = UploadWorker.Settings(config.register)
        #expect(settings.backlogAlarmAge == 24 * 3600)
    }

    @Test("Out-of-range or inconsistent upload settings name the setting and its line",
          arguments: [
            ("{\n  \"register\": {\n    \"batchSize\": 0\n  }\n}\n", "register.batchSize", 3),
            ("{\n  \"register\": {\n    \"url\": \"ftp://x\"\n  }\n}\n", "register.url", 3),
            ("{\n  \"register\": {\n    \"backlogAlarmHours\": -1\n  }\n}\n", "register.backlogAlarmHours", 3),
            ("{\n  \"register\": {\n    \"clientCertificate\": \"/etc/c.pem\"\n  }\n}\n", "register.clientKey", 2),
          ])
    func invalid(text: String, key: String, line: Int) {
        do {
            _ = try ConfigurationLoader.decode(Data(text.utf8), file: "c.json")
            Issue.record("expected an error")
        } catch {
            guard case .invalidSetting(_, let l, let k, _) = error.reason else { Issue.record("wrong error \(error)"); return }
            #expect(k == key)
            #expect(l == line)
        }
    }
}
