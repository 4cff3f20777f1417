import CChipCrypto

/// What a chip read yields for the counter, and nothing more: the verdict, the chip's MRZ (with any BSN
/// removed by the MRZ parser), the document signer's issuer and serial (what the register keeps), and the face
/// image for the clerk's comparison. Raw data groups are hashed and dropped here: DG11 (which on Dutch
/// documents to 2021 holds the BSN) never leaves this initializer.
public struct ChipDocument: Sendable {
    public var verdict: ChipVerdict
    public var access: ChipReader.Access?
    /// The MRZ as the chip stores it (DG1), parsed; nil when the chip was not read.
    public var mrz: MRZResult?
    /// Fields in which the chip and the printed MRZ differ.
    public var differences: [MRZField]
    /// The data groups whose hashes were checked against EF.SOD.
    public var checkedDataGroups: [Int]
    /// The document signer certificate's issuer and serial number, when the SOD could be opened.
    public var signerIssuer: String?
    public var signerSerial: String?
    /// The face (DG2) to show the clerk. Never stored, logged or sent anywhere but the counter's screen.
    public var face: FaceImage?

    /// A face image as the chip holds it.
    public struct FaceImage: Sendable {
        public enum Format: String, Sendable { case jpeg = "image/jpeg", jpeg2000 = "image/jp2", png = "image/png" }
        public var format: Format
        public var bytes: [UInt8]

        public init(format: Format, bytes: [UInt8]) { (self.format, self.bytes) = (format, bytes) }

        /// The face as a browser shows it: a JPEG as it is, a JPEG 2000 decoded (OpenJPEG) and written as PNG.
        /// Nil when a JPEG 2000 does not decode.
        public func displayable() -> FaceImage? {
            guard format == .jpeg2000 else { return self }
            var png: UnsafeMutablePointer<UInt8>?
            var length = 0
            guard bytes.withUnsafeBufferPointer({ chip_jpeg2000_to_png($0.baseAddress, $0.count, &png, &length) }) == 1, let png else {
                return nil
            }
            defer { chip_free(png) }
            return FaceImage(format: .png, bytes: Array(UnsafeBufferPointer(start: png, count: length)))
        }
    }

    /// No chip, or an unreadable one.
    public init(failure verdict: ChipVerdict) {
        self.verdict = verdict
        differences = []
        checkedDataGroups = []
    }

    /// Passive authentication and the comparison with the printed MRZ.
    /// - Parameters:
    ///   - files: the read, consumed here.
    ///   - printed: the MRZ read from the data page (nil when only the CAN was given: then nothing is compared).
    ///   - trusted: the CSCA certificates imported from master lists (DER).
    public init(_ files: ChipReader.Files, printed: MRZResult?, trusted: [[UInt8]], today: MRZParser.Today) {
        access = files.access
        differences = []
        checkedDataGroups = []
        mrz = Self.mrz(dg1: files.dg1, today: today)
        face = files.dg2.flatMap(Self.face)

        var sod = files.sod
        if let outer = TLV.all(sod)?.first, outer.tag == 0x77 { sod = outer.value }
        let signed = SignedData(der: sod, trusted: trusted)
        signerIssuer = signed.signerIssuer.isEmpty ? nil : signed.signerIssuer
        signerSerial = signed.signerSerial.isEmpty ? nil : signed.signerSerial

        var hashesHold = false
        if signed.outcome != .malformed, let lds = LDSSecurityObject(der: signed.content) {
            let read: [(Int, [UInt8]?)] = [(1, files.dg1), (2, files.dg2), (11, files.dg11), (14, files.dg14), (15, files.dg15)]
            hashesHold = true
            for case let (number, bytes?) in read {
                guard let expected = lds.hashes[number], let actual = try? ChipCrypto.digest(lds.digest, bytes),
                      ConstantTime.equal(actual, expected)
                else { hashesHold = false; continue }
                checkedDataGroups.append(number)
            }
        }
        if let printed, printed.format != nil, let mrz {
            differences = Self.differences(chip: mrz, printed: printed)
        }
        if mrz == nil || !differences.isEmpty {
            verdict = mrz == nil ? .signatureInvalid : .differsFromPrintedMRZ
        } else if signed.outcome == .malformed || signed.outcome == .badSignature || !hashesHold {
            verdict = .signatureInvalid
        } else if signed.outcome == .unknownIssuer {
            verdict = .unknownIssuer
        } else {
            verdict = .genuine
        }
    }

    /// DG1: 61 { 5F1F MRZ }, the lines written end to end.
    static func mrz(dg1: [UInt8], today: MRZParser.Today) -> MRZResult? {
        guard let outer = TLV.all(dg1)?.first, outer.tag == 0x61, let inner = TLV.all(outer.value),
              let field = inner.first(where: { $0.tag == 0x5F1F })
        else { return nil }
        let text = String(decoding: field.value, as: UTF8.self)
        let width: Int
        switch text.count {
        case 90: width = 30
        case 88: width = 44
        case 72: width = 36
        case 30: width = 30
        default: return nil
        }
        let characters = Array(text)
        let lines = stride(from: 0, to: characters.count, by: width).map { String(characters[$0..<min($0 + width, characters.count)]) }
        return MRZParser.parse(lines: lines, today: today)
    }

    /// The fields a forger would change, compared as parsed (after the print's OCR repairs).
    static func differences(chip: MRZResult, printed: MRZResult) -> [MRZField] {
        let (c, p) = (chip.fields, printed.fields)
        var out: [MRZField] = []
        if c.documentCode != p.documentCode { out.append(.documentCode) }
        if c.issuingState != p.issuingState { out.append(.issuingState) }
        if c.documentNumber != p.documentNumber { out.append(.documentNumber) }
        if c.surname != p.surname { out.append(.surname) }
        if c.givenNames != p.givenNames { out.append(.givenNames) }
        if c.birthDate?.raw != p.birthDate?.raw { out.append(.birthDate) }
        if c.sex != p.sex { out.append(.sex) }
        if c.expiryDate?.raw != p.expiryDate?.raw { out.append(.expiryDate) }
        return out
    }

    /// DG2's image: the JPEG or JPEG 2000 inside the ISO/IEC 19794-5 record.
    static func face(dg2: [UInt8]) -> FaceImage? {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF], jp2: [UInt8] = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]
        let codestream: [UInt8] = [0xFF, 0x4F, 0xFF, 0x51]
        for (marker, format) in [(jpeg, FaceImage.Format.jpeg), (jp2, .jpeg2000), (codestream, .jpeg2000)] {
            if let start = firstIndex(of: marker, in: dg2) { return FaceImage(format: format, bytes: Array(dg2[start...])) }
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}
