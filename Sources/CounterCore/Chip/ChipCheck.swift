import IDScan

/// The counter's chip check, one rule for the kiosk, the CLI and embedders: read the chip through a transport,
/// authenticate it passively against the imported CSCAs, compare it with the printed MRZ, and give the verdict
/// with only what the register may keep (issue 17, art. 437 Sr "vergewissen"; the AP treats reading an ID like
/// copying it, so nothing beyond the verdict and the signer is kept).
public enum ChipCheck {
    /// What the register keeps of a chip check: the verdict and the document signer certificate's issuer and
    /// serial number. No chip data, no face, no BSN.
    public struct Record: Sendable, Hashable, Codable {
        public var verdict: ChipVerdict
        public var signerIssuer: String?
        public var signerSerial: String?
        /// The owner who let the document through when `ChipRule` needed it, and why.
        public var owner: String?
        public var reason: String?

        public init(verdict: ChipVerdict, signerIssuer: String? = nil, signerSerial: String? = nil, owner: String? = nil,
                    reason: String? = nil) {
            (self.verdict, self.signerIssuer, self.signerSerial, self.owner, self.reason) = (verdict, signerIssuer, signerSerial, owner, reason)
        }
    }

    /// Reads and judges one document. Failures are verdicts, never thrown: a chip that cannot be read is
    /// "unreadable", no card is "no chip"; neither is ever "genuine".
    /// - Parameters:
    ///   - printed: the data page's MRZ (access key and comparison); nil with only a CAN.
    ///   - transport: the connection to the card.
    ///   - can: the card access number, when given.
    ///   - trusted: the CSCA certificates (DER) passive authentication trusts.
    ///   - today: the day, for the document's expiry.
    ///   - includeFace: read DG2 (the face) for the clerk to compare.
    public static func check(transport: any ChipTransport, printed: MRZResult?, can: String?, trusted: [[UInt8]],
                             today: MRZParser.Today, includeFace: Bool = true) async -> ChipDocument {
        let information = printed.flatMap(mrzInformation)
        guard information != nil || can != nil else { return ChipDocument(failure: .unreadable) }
        do {
            let files = try await ChipReader(transport: transport).read(mrzInformation: information, can: can, includeFace: includeFace)
            return ChipDocument(files, printed: printed, trusted: trusted, today: today)
        } catch let failure as ChipReaderFailure where failure.kind == .noCard {
            return ChipDocument(failure: .noChip)
        } catch {
            return ChipDocument(failure: .unreadable)
        }
    }

    /// The BAC/PACE MRZ information from a parsed data page (document number, birth and expiry dates).
    public static func mrzInformation(_ result: MRZResult) -> String? {
        guard let number = result.fields.documentNumber, let birth = result.fields.birthDate?.raw,
              let expiry = result.fields.expiryDate?.raw, !number.isEmpty
        else { return nil }
        return BAC.mrzInformation(documentNumber: number, birthDate: birth, expiryDate: expiry)
    }

    /// What the register keeps of a read.
    public static func record(_ document: ChipDocument) -> Record {
        Record(verdict: document.verdict, signerIssuer: document.signerIssuer, signerSerial: document.signerSerial)
    }
}
