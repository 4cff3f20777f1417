import IDScan

/// The rules a barcode scan must pass before it may become an item: the counter's BSN safety and junk
/// filter. One place, used by `ScanRouter` for every caller (kiosk, headless, CLI, embedders).
///
/// Why: an item's serial is shown on the counter, stored in the register, uploaded, and sent to Stop Heling
/// as a search term. A document reader wired as a keyboard, a clerk scanning the MRZ with the barcode
/// scanner, or the QR code on the back of a Dutch ID card (which holds the BSN; the AP told parcel points in
/// May 2025 not to read it) would otherwise put a BSN on all of those paths. law-2026.md: never store the BSN.
package enum ScanSafety {
    /// The longest payload an identifier can come in: a GS1 Digital Link URI or a GS1 DataMatrix with
    /// several AIs stays well under this; longer scans are junk (a stuck key, a pasted document).
    package static let maximumLength = 512
    /// The shortest identifier worth checking.
    package static let minimumLength = 3

    /// Why `bytes` (one scan, without the scanner's suffix) may not become an item, or nil when it may.
    ///
    /// - Parameters:
    ///   - raw: the scan's bytes (an AIM prefix is the scanner's, and is judged apart).
    ///   - typed: true when a person typed the value by hand on an item: a genuine nine-digit
    ///     serial can then be entered (and is checked); the MRZ rule still applies.
    package static func refusal(for raw: [UInt8], typed: Bool = false) -> ScanRefusal? {
        // The AIM prefix is the scanner's, not the item's; judged on the bytes the interpreter reads.
        let bytes = ScanPayload(raw).data
        if bytes.contains(where: { ($0 < 0x20 && $0 != 0x1D) || $0 == 0x7F }) {
            // Control bytes may be an MRZ frame from a reader; refuse them as such when they look like one.
            return ScanRefusal(looksLikeMRZ(bytes) ? .documentUnreadable : .controlCharacters, length: raw.count)
        }
        if looksLikeMRZ(bytes) { return ScanRefusal(.documentUnreadable, length: raw.count) }
        if !typed && BSN.containsCandidate(bytes) { return ScanRefusal(.bsn, length: raw.count) }
        if bytes.count < minimumLength { return ScanRefusal(.tooShort, length: raw.count) }
        if bytes.count > maximumLength { return ScanRefusal(.tooLong, length: raw.count) }
        return nil
    }

    /// Text a person typed as an identifier.
    package static func refusal(forTyped text: String) -> ScanRefusal? {
        refusal(for: Array(text.utf8), typed: true)
    }

    /// An MRZ line or a piece of one: a run of at least 6 MRZ characters (`A–Z 0–9 <`) with a `<<` filler,
    /// or 10 or more MRZ characters with a `<` in them. Serial numbers, IMEIs, GTINs and GS1 strings have no
    /// `<`; a filler dropped or an OCR stray does not save a real MRZ line from this.
    package static func looksLikeMRZ<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var run = 0, fillers = 0, doubleFiller = false
        var previous: UInt8 = 0
        for raw in bytes {
            let b = raw >= 0x61 && raw <= 0x7A ? raw - 0x20 : raw
            let mrz = (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x3C
            if mrz {
                run += 1
                if b == 0x3C { fillers += 1; if previous == 0x3C { doubleFiller = true } }
                if (run >= 6 && doubleFiller) || (run >= 10 && fillers > 0) { return true }
            } else if b == 0x20 || b == 0x5F {
                continue  // OCR readers pad with spaces or `_`
            } else {
                run = 0; fillers = 0; doubleFiller = false
            }
            previous = b
        }
        return false
    }
}
