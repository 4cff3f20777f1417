import Foundation
import Testing
@testable import IDScan

/// ICAO Doc 9303 part 11's worked examples, byte by byte: basic access control, secure messaging, and PACE
/// with generic mapping on brainpoolP256r1 (ECDH) and on RFC 5114's 1024-bit group (DH). Values from the
/// specification's appendices; the emulated card's tests check the same code against a card written from it.
@Suite("Chip: ICAO 9303 part 11 worked examples")
struct ChipVectorTests {
    static func hex(_ s: String) -> [UInt8] { hexBytes(s) }

    // MARK: BAC (appendix D)

    static let bacKeys = (encryption: hex("AB94FDECF2674FDFB9B391F85D7F76F2"), mac: hex("7962D9ECE03D1ACD4C76089DCE131543"))

    @Test("BAC keys from the MRZ information L898902C<3 6908061 9406236")
    func bacKeys() throws {
        let information = BAC.mrzInformation(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        #expect(information == "L898902C<369080619406236")
        let keys = try BAC.keys(mrzInformation: information)
        #expect(keys.encryption == Self.bacKeys.encryption)
        #expect(keys.mac == Self.bacKeys.mac)
    }

    @Test("BAC mutual authentication: EXTERNAL AUTHENTICATE data, the chip's answer, session keys and SSC")
    func bacAuthentication() throws {
        let challenge = Self.hex("4608F91988702212"), nonce = Self.hex("781723860C06C226")
        let terminalKey = Self.hex("0B795240CB7049B01C19B33E32804F0B")
        let data = try BAC.authenticationData(challenge: challenge, terminalNonce: nonce, terminalKey: terminalKey, keys: Self.bacKeys)
        #expect(data == Self.hex("72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7"))
        let answer = Self.hex("46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449")
        let session = try BAC.session(answer: answer, challenge: challenge, terminalNonce: nonce, terminalKey: terminalKey, keys: Self.bacKeys)
        #expect(session.encryptionKey == Self.hex("979EC13B1CBFE9DCD01AB0FED307EAE5"))
        #expect(session.macKey == Self.hex("F1CB1F1FB5ADF208806B89DC579DC1F8"))
        #expect(session.ssc == Self.hex("887022120C06C226"))
        // A flipped bit in the chip's answer is refused.
        var bad = answer
        bad[3] ^= 1
        #expect(throws: ChipReadFailure.accessDenied) {
            try BAC.session(answer: bad, challenge: challenge, terminalNonce: nonce, terminalKey: terminalKey, keys: Self.bacKeys)
        }
    }

    @Test("3DES secure messaging: SELECT EF.COM protected, and the chip's answer checked")
    func secureMessaging() throws {
        var sm = SecureMessaging(cipher: .tripleDES, encryptionKey: Self.hex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
                                 macKey: Self.hex("F1CB1F1FB5ADF208806B89DC579DC1F8"), ssc: Self.hex("887022120C06C226"))
        let protected = try sm.protect(.selectFile(0x011E))
        #expect(protected.bytes == Self.hex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"))
        // The answer of appendix D: 99 02 90 00, 8E 08 FA855A5D4C50A8ED.
        let answer = try sm.unprotect(ResponseAPDU(data: Self.hex("990290008E08FA855A5D4C50A8ED"), sw: 0x9000))
        #expect(answer.sw == 0x9000)
        #expect(answer.data.isEmpty)
        // READ BINARY of the first four bytes, and the answer 60 14 5F 01.
        let read = try sm.protect(.readBinary(offset: 0, length: 4))
        #expect(read.bytes == Self.hex("0CB000000D9701048E08ED6705417E96BA5500"))
        let data = try sm.unprotect(ResponseAPDU(
            data: Self.hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), sw: 0x9000))
        #expect(data.data == Self.hex("60145F01"))
        // The same answer again (a replay) fails: the counter moved on.
        #expect(throws: SecureMessaging.Failure.badMAC) {
            try sm.unprotect(ResponseAPDU(data: Self.hex("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED"), sw: 0x9000))
        }
    }

    // MARK: PACE, ECDH generic mapping on brainpoolP256r1 (appendix G.1)

    static let ecdhOID = ASN1ObjectIdentifier("0.4.0.127.0.7.2.2.4.2.2")

    @Test("PACE ECDH-GM: K_π from the MRZ, the nonce, the mapped generator, the shared secret, keys and tokens")
    func paceECDH() throws {
        let password = PACE.Password.mrz("T22000129364081251010318")
        #expect(password.secret == Self.hex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"))
        let kPi = try PACE.passwordKey(password, cipher: .aes128)
        #expect(kPi == Self.hex("89DED1B26624EC1E634C1989302849DD"))
        let s = try PACE.decryptNonce(Self.hex("95A3A016522EE98D01E76CB6B98B42C3"), passwordKey: kPi, cipher: .aes128)
        #expect(s == Self.hex("3F00C4D39D153F2B2A214A078D899B22"))

        let domain = try #require(PACE.Domain(standardized: 13))
        let mappingKey = Self.hex("7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99")
        #expect(try PACE.publicKey(domain, privateKey: mappingKey) == Self.hex("""
            047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D
            """))
        let chipMapping = Self.hex("04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54")
        let mapped = try PACE.mapGenerator(domain, nonce: s, terminalKey: mappingKey, chipMappingKey: chipMapping)
        #expect(mapped == Self.hex("""
            048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522
            """))

        let ephemeral = Self.hex("A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595")
        let terminalPublic = try PACE.publicKey(domain, privateKey: ephemeral, generator: mapped)
        #expect(terminalPublic == Self.hex("""
            042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462
            """))
        let chipPublic = Self.hex("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
        let k = try PACE.sharedSecret(domain, privateKey: ephemeral, chipKey: chipPublic)
        #expect(k == Self.hex("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"))
        let kMac = try ChipCrypto.deriveKey(k, counter: 2, for: .aes128)
        #expect(try ChipCrypto.deriveKey(k, counter: 1, for: .aes128) == Self.hex("F5F0E35C0D7161EE6724EE513A0D9A7F"))
        #expect(kMac == Self.hex("FE251C7858B356B24514B3BD5F4297D1"))
        #expect(try PACE.token(macKey: kMac, cipher: .aes128, protocolID: Self.ecdhOID, publicKey: chipPublic, domain: domain)
                == Self.hex("C2B0BD78D94BA866"))
        #expect(try PACE.token(macKey: kMac, cipher: .aes128, protocolID: Self.ecdhOID, publicKey: terminalPublic, domain: domain)
                == Self.hex("3ABB9674BCE93C08"))
    }

    @Test("A point that is not on the curve is refused, never multiplied")
    func pointNotOnCurve() throws {
        let domain = try #require(PACE.Domain(standardized: 13))
        var bad = Self.hex("049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094")
        bad[40] ^= 1
        #expect(throws: ChipCrypto.Failure.self) { try PACE.sharedSecret(domain, privateKey: [1, 2, 3], chipKey: bad) }
    }

    // MARK: PACE, DH generic mapping (appendix G.2)

    static let dhOID = ASN1ObjectIdentifier("0.4.0.127.0.7.2.2.4.1.2")

    @Test("PACE DH-GM: the nonce, the mapped generator, the shared secret, keys and tokens")
    func paceDH() throws {
        let kPi = Self.hex("89DED1B26624EC1E634C1989302849DD")
        let s = try PACE.decryptNonce(Self.hex("854D8DF5827FA6852D1A4FA701CDDDCA"), passwordKey: kPi, cipher: .aes128)
        #expect(s == Self.hex("FA5B7E3E49753A0DB9178B7B9BD898C8"))
        let domain = try #require(PACE.Domain(standardized: 0))
        let t = Self.hex("5265030F751F4AD18B08AC565FC7AC952E41618D")
        #expect(try PACE.publicKey(domain, privateKey: t) == Self.hex("""
            23FB3749EA030D2A25B278D2A562047ADE3F01B74F17A15402CB7352CA7D2B3EB71C343DB13D1DEBCE9A3666DBCFC920\
            B49174A602CB47965CAA73DC702489A44D41DB914DE9613DC5E98C94160551C0DF86274B9359BC0490D01B03AD54022D\
            CB4F57FAD6322497D7A1E28D46710F461AFE710FBBBC5F8BA166F4311975EC6C
            """))
        let chipMapping = Self.hex("""
            78879F57225AA8080D52ED0FC890A4B25336F699AA89A2D3A189654AF70729E623EA5738B26381E4DA19E004706FACE7\
            B235C2DBF2F38748312F3C98C2DD4882A41947B324AA1259AC22579DB93F7085655AF30889DBB845D9E6783FE42C9F24\
            49400306254C8AE8EE9DD812A804C0B66E8CAFC14F84D8258950A91B44126EE6
            """)
        let mapped = try PACE.mapGenerator(domain, nonce: s, terminalKey: t, chipMappingKey: chipMapping)
        #expect(mapped == Self.hex("""
            7C9CBFE98F9FBDDA8D143506FA7D9306F4CB17E3C71707AFF5E1C1A12370249684D64EE37AF44B8DBD9D45BF6023919C\
            BAA027AB97ACC771666C8E98FF483301BFA4872DEDE9034EDFACB70814166B7F360676829B826BEA57291B5AD69FBC84\
            EF1E779032A305803F74341793E869742D401325B37EE8565FFCDEE618342DC5
            """))
        let ephemeral = Self.hex("89CCD99B0E8D3B1F11E1296DCA68EC53411CF2CA")
        let chipPublic = Self.hex("""
            075693D9AE941877573E634B6E644F8E60AF17A0076B8B123D9201074D36152BD8B3A213F53820C42ADC79AB5D0AEEC3\
            AEFB91394DA476BD97B9B14D0A65C1FC71A0E019CB08AF55E1F729005FBA7E3FA5DC41899238A250767A6D46DB974064\
            386CD456743585F8E5D90CC8B4004B1F6D866C79CE0584E49687FF61BC29AEA1
            """)
        let k = try PACE.sharedSecret(domain, privateKey: ephemeral, chipKey: chipPublic)
        #expect(k == Self.hex("""
            6BABC7B3A72BCD7EA385E4C62DB2625BD8613B24149E146A629311C4CA6698E38B834B6A9E9CD7184BA8834AFF5043D4\
            36950C4C1E7832367C10CB8C314D40E5990B0DF7013E64B4549E2270923D06F08CFF6BD3E977DDE6ABE4C31D55C0FA2E\
            465E553E77BDF75E3193D3834FC26E8EB1EE2FA1E4FC97C18C3F6CFFFE2607FD
            """))
        let kMac = try ChipCrypto.deriveKey(k, counter: 2, for: .aes128)
        #expect(try ChipCrypto.deriveKey(k, counter: 1, for: .aes128) == Self.hex("2F7F46ADCC9E7E521B45D192FAFA9126"))
        #expect(kMac == Self.hex("805A1D27D45A5116F73C54469462B7D8"))
        #expect(try PACE.token(macKey: kMac, cipher: .aes128, protocolID: Self.dhOID, publicKey: chipPublic, domain: domain)
                == Self.hex("B46DD9BD4D98381F"))
        let terminalPublic = Self.hex("""
            00907D89E2D425A178AA81AF4A7774EC8E388C115CAE67031E85EECE520BD911551B9AE4D04369F29A02626C86FBC674\
            7CC7BC352645B6161A2A42D44EDA80A08FA8D61B76D3A154AD8A5A51786B0BC07147057871A922212C5F67F431731722\
            36B7747D1671E6D692A3C7D40A0C3C5CE397545D015C175EB5130551EDBC2EE5D4
            """)
        #expect(try PACE.token(macKey: kMac, cipher: .aes128, protocolID: Self.dhOID, publicKey: terminalPublic, domain: domain)
                == Self.hex("917F37B5C0E6D8D1"))
    }
}

/// DG2 faces: a JPEG is shown as it is; a JPEG 2000 (many states' choice) is decoded and shown as PNG.
@Suite("Chip: the face for the clerk's comparison")
struct ChipFaceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("chip")

    @Test("A JPEG 2000 face (JP2 file) becomes a PNG of the same size; a JPEG stays as it is; garbage gives none")
    func jpeg2000() throws {
        let jp2 = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("face.jp2")))
        // DG2 around it: the image is found by its signature inside the ISO/IEC 19794-5 record.
        let dg2 = TLV(tag: 0x75, value: TLV(tag: 0x5F2E, value: Array("FAC\u{0}010\u{0}".utf8) + [UInt8](repeating: 0, count: 40) + jp2).bytes).bytes
        let face = try #require(ChipDocument.face(dg2: dg2))
        #expect(face.format == .jpeg2000)
        let png = try #require(face.displayable())
        #expect(png.format == .png)
        #expect(Array(png.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: 60 × 80, 8 bits, RGB.
        #expect(Array(png.bytes[16..<24]) == [0, 0, 0, 60, 0, 0, 0, 80])
        #expect(png.bytes[24] == 8 && png.bytes[25] == 2)
        let jpeg = ChipDocument.FaceImage(format: .jpeg, bytes: [0xFF, 0xD8, 0xFF, 0xE0])
        #expect(jpeg.displayable()?.bytes == jpeg.bytes)
        #expect(ChipDocument.FaceImage(format: .jpeg2000, bytes: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 1, 2, 3]).displayable() == nil)
    }
}
