import Foundation

/// Photos the counter's photo rule accepts, for tests that register an item with a photo (a ring without a
/// number needs one) or send one to `POST /v1/photos`.
public enum SamplePhoto {
    /// A well-formed baseline JPEG: SOI, APP0, a frame header (1 × 1, one component), a scan of `padding` bytes,
    /// EOI. Another `padding` gives other bytes, so another photo.
    public static func jpeg(padding: Int = 100) -> Data {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let sof0: [UInt8] = [0xFF, 0xC0, 0x00, 0x0B, 8, 0, 1, 0, 1, 1, 1, 0x11, 0]
        let sos: [UInt8] = [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0]
        let scan = (0..<padding).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }.map { $0 == 0xFF ? 0x00 : $0 }
        return Data([0xFF, 0xD8] + app0 + sof0 + sos + scan + [0xFF, 0xD9])
    }
}
