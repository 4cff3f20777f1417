/// Reads just enough of a HID report descriptor to tell a HID POS scanner from other HID devices.
package enum HIDReportDescriptor {
    /// True when the descriptor opens an application collection with Usage Page 0x8C (Bar Code Scanner),
    /// Usage 0x02 (Bar Code Scanner), as HID POS scanners declare.
    package static func declaresBarCodeScanner(_ descriptor: [UInt8]) -> Bool {
        var usagePage: UInt32 = 0
        var usages: [UInt32] = []
        var i = 0
        while i < descriptor.count {
            let prefix = descriptor[i]
            if prefix == 0xFE {  // long item: size in the next byte
                guard i + 1 < descriptor.count else { return false }
                i += 3 + Int(descriptor[i + 1])
                continue
            }
            let size = [0, 1, 2, 4][Int(prefix & 0x03)]
            guard i + size < descriptor.count else { return false }
            var value: UInt32 = 0
            for k in 0..<size { value |= UInt32(descriptor[i + 1 + k]) << (8 * k) }
            switch prefix & 0xFC {
            case 0x04: usagePage = value                  // Usage Page (global)
            case 0x08: usages.append(size == 4 ? value : (usagePage << 16) | value)  // Usage (local)
            case 0xA0:                                     // Collection
                if value == 0x01 && usages.contains(0x008C_0002) { return true }
                usages.removeAll()
            case 0x80, 0x90, 0xB0: usages.removeAll()      // Input, Output, Feature end the local items
            default: break
            }
            i += 1 + size
        }
        return false
    }
}
