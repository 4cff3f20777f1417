import Foundation
import Testing

/// `counter-kiosk id parse` end to end: exit codes and the JSON object.
@Suite("id parse command")
struct IDParseCommandTests {
    @Test("Exit code 0 valid, 1 parsed but invalid, 2 unreadable; JSON fields as documented")
    func exitCodes() async throws {
        let bin = Fixtures.kioskBinary
        let td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        let valid = try await runProcess(bin, ["id", "parse", "--json", "--today", "2026-11-22"], input: Data(td3.utf8))
        #expect(valid.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(valid.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "TD3")
        #expect((object["fields"] as? [String: Any])?["surname"] as? String == "ERIKSSON")
        #expect(object["expired"] as? Bool == true)
        let invalid = try await runProcess(bin, ["id", "parse", "--json", "--today", "2026-11-22"],
                                     input: Data(td3.replacingOccurrences(of: "7408122", with: "7408123").utf8))
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("Geboortedatum: controlecijfer klopt niet"))
        let unreadable = try await runProcess(bin, ["id", "parse", "--json"], input: Data("hello\n".utf8))
        #expect(unreadable.status == 2)
        #expect(unreadable.stdout.contains("\"format\":null"))
    }

    @Test("A raw Access-IS frame with a Dutch ID card: BSN gone from the output")
    func frameWithBSN() async throws {
        let l1 = "I<NLDIXR12PN741999999990<<<<<8"  // BSN 999999990 + fillers + its check digit
        let result = try await runProcess(Fixtures.kioskBinary, ["id", "parse", "--json", "--today", "2026-11-22"],
                                    input: Data([0x1C, 0x02] + Array((l1 + "\r8503143M3106309NLD<<<<<<<<<<<0\rDE<VRIES<<JAN<<<<<<<<<<<<<<<<<\r").utf8) + [0x03, 0x1D]))
        #expect(result.stdout.contains("\"bsnRedacted\":true"))
        #expect(!result.stdout.contains("999999990"))
        #expect(result.stdout.contains("\"documentNumber\":\"IXR12PN74\""))
    }
}
