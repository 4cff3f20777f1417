/// Why a scan was refused before it could become an item. The scanned text is never kept with it: a refused
/// scan may be an MRZ line or a BSN, so only its length is known afterwards.
public struct ScanRefusal: Sendable, Hashable, Codable, Error {
    /// The rule that refused it.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// An MRZ line, a piece of one, or a document-reader read that did not assemble into a whole MRZ.
        case documentUnreadable
        /// A nine-digit number passing the BSN 11-test, alone or inside a payload (the QR code on the back
        /// of Dutch ID documents since 2021).
        case bsn
        /// Shorter than any identifier (fewer than 3 characters).
        case tooShort
        /// Longer than any valid identifier.
        case tooLong
        /// Control characters other than GS (a scanner set up wrongly, or line noise).
        case controlCharacters
    }

    public var reason: Reason
    /// How many bytes the refused scan had.
    public var length: Int

    public init(_ reason: Reason, length: Int) {
        self.reason = reason
        self.length = length
    }

    /// The message's key in ``CounterMessages``.
    public var messageCode: CounterMessages.Code {
        switch reason {
        case .documentUnreadable: .scanDocumentUnreadable
        case .bsn: .scanBSN
        case .tooShort: .scanTooShort
        case .tooLong: .scanTooLong
        case .controlCharacters: .scanControlCharacters
        }
    }
}
