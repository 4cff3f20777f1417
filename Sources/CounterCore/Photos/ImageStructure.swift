/// Whether a file is a photo in structure, not only in its first bytes: a JPEG's segments lead to a frame
/// header (SOFn) before the scan, a PNG starts with a sane IHDR and ends with IEND, a WebP's RIFF size is
/// the file's. Linear in the file, reading each byte at most once.
///
/// Why: a file with only a JPEG header and 15 MB of anything behind it was accepted as a photo.
enum ImageStructure {
    /// The media type when `b` is a well-formed JPEG, PNG or WebP; nil otherwise.
    static func mediaType(_ b: [UInt8]) -> String? {
        if isJPEG(b) { return "image/jpeg" }
        if isPNG(b) { return "image/png" }
        if isWebP(b) { return "image/webp" }
        return nil
    }

    static func isJPEG(_ b: [UInt8]) -> Bool {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return false }
        var i = 2
        var sawFrame = false
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return false }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xD9 { return false }  // end of image before any scan
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue }  // no length
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            guard length >= 2, i + 2 + length <= b.count else { return false }
            if marker == 0xDA {  // start of scan: the entropy-coded data follows, to the end
                return sawFrame && b.count - (i + 2 + length) >= 2
            }
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                // Frame header: precision, height, width, components.
                guard length >= 8 else { return false }
                let height = Int(b[i + 5]) << 8 | Int(b[i + 6]), width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                guard width > 0, height > 0 else { return false }
                sawFrame = true
            }
            i += 2 + length
        }
        return false
    }

    static func isPNG(_ b: [UInt8]) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard b.count >= 8 + 25 + 12, b.starts(with: signature) else { return false }
        func u32(_ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
        guard u32(8) == 13, Array(b[12..<16]) == Array("IHDR".utf8) else { return false }
        let width = u32(16), height = u32(20)
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 16 else { return false }
        // Walk the chunks to IEND, which must end the file.
        var i = 8
        while i + 12 <= b.count {
            let length = u32(i)
            guard length <= b.count - i - 12 else { return false }
            let type = Array(b[(i + 4)..<(i + 8)])
            i += 12 + length
            if type == Array("IEND".utf8) { return i == b.count }
        }
        return false
    }

    static func isWebP(_ b: [UInt8]) -> Bool {
        guard b.count >= 20, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) else { return false }
        let size = Int(b[4]) | Int(b[5]) << 8 | Int(b[6]) << 16 | Int(b[7]) << 24
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        return size + 8 == b.count && ["VP8 ", "VP8L", "VP8X"].contains(chunk)
    }
}
