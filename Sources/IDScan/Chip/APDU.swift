/// An ISO/IEC 7816-4 command: short or extended length as its data and expected length need.
public struct CommandAPDU: Sendable, Hashable {
    public var cla: UInt8
    public var ins: UInt8
    public var p1: UInt8
    public var p2: UInt8
    public var data: [UInt8]
    /// Expected response length: nil for none, 0 for "as much as there is" (256, or 65536 extended).
    public var le: Int?

    public init(cla: UInt8 = 0x00, ins: UInt8, p1: UInt8, p2: UInt8, data: [UInt8] = [], le: Int? = nil) {
        (self.cla, self.ins, self.p1, self.p2, self.data, self.le) = (cla, ins, p1, p2, data, le)
    }

    /// Whether the command needs extended length fields.
    public var isExtended: Bool { data.count > 255 || (le ?? 0) > 256 }

    public var bytes: [UInt8] {
        var out = [cla, ins, p1, p2]
        let extended = isExtended
        if !data.isEmpty {
            if extended { out += [0x00, UInt8(data.count >> 8), UInt8(data.count & 0xFF)] } else { out.append(UInt8(data.count)) }
            out += data
        }
        if let le {
            if extended {
                if data.isEmpty { out.append(0x00) }
                let value = le >= 65536 ? 0 : le
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            } else {
                out.append(le >= 256 ? 0 : UInt8(le))
            }
        }
        return out
    }

    // The commands of ICAO Doc 9303 part 10 and 11.
    /// SELECT the eMRTD application by its AID.
    public static let selectApplication = CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x0C, data: [0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01])
    /// SELECT an elementary file by its identifier (no answer data).
    public static func selectFile(_ id: UInt16) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x0C, data: [UInt8(id >> 8), UInt8(id & 0xFF)])
    }
    /// READ BINARY of the selected file from an offset below 32 768.
    public static func readBinary(offset: Int, length: Int) -> CommandAPDU {
        CommandAPDU(ins: 0xB0, p1: UInt8((offset >> 8) & 0x7F), p2: UInt8(offset & 0xFF), le: length)
    }
    public static let getChallenge = CommandAPDU(ins: 0x84, p1: 0, p2: 0, le: 8)
}

/// A card's answer: data and the two status bytes.
public struct ResponseAPDU: Sendable, Hashable {
    public var data: [UInt8]
    public var sw: UInt16

    public init(data: [UInt8], sw: UInt16) { (self.data, self.sw) = (data, sw) }

    public init?(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        data = Array(bytes.dropLast(2))
        sw = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
    }

    public var bytes: [UInt8] { data + [UInt8(sw >> 8), UInt8(sw & 0xFF)] }
    public var isSuccess: Bool { sw == 0x9000 }
}
