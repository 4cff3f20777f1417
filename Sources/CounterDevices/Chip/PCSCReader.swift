import CPCSCLite
import CounterCore
import Foundation
import IDScan
import NIOPosix

/// A PC/SC reader through pcsc-lite (pcscd): contactless readers and document readers with RFID (DESKO Penta,
/// Access-IS ATOM) show up as PC/SC readers. Calls block, so they run on NIOThreadPool, never on the
/// concurrency pool. One value is one connection to the card on one reader.
public final class PCSCReader: ChipReaderConnection, @unchecked Sendable {
    // Guarded by `lock`: the handles are used by one call at a time.
    private let lock = NSLock()
    private var context: SCARDCONTEXT = 0
    private var card: SCARDHANDLE = 0
    private var protocolID: DWORD = 0
    /// The reader's name as pcscd gives it ("Virtual PCD 00 00", "DESKO GmbH PENTA Scanner …").
    public let name: String

    /// Why a PC/SC call failed, with pcsc-lite's code.
    public typealias Failure = ChipReaderFailure

    /// The readers pcscd knows now (empty when pcscd runs without readers; throws when it does not run).
    public static func readers() async throws -> [String] {
        try await NIOThreadPool.singleton.runIfActive {
            var context: SCARDCONTEXT = 0
            var rv = SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context)
            guard rv == SCARD_S_SUCCESS else { throw Failure.from(rv) }
            defer { SCardReleaseContext(context) }
            var length: DWORD = 0
            rv = SCardListReaders(context, nil, nil, &length)
            if rv == LONG(bitPattern: UInt(0x8010_002E)) { return [] }
            guard rv == SCARD_S_SUCCESS else { throw Failure.from(rv) }
            var buffer = [CChar](repeating: 0, count: Int(length))
            rv = SCardListReaders(context, nil, &buffer, &length)
            guard rv == SCARD_S_SUCCESS else { throw Failure.from(rv) }
            return Self.multiString(buffer)
        }
    }

    static func multiString(_ buffer: [CChar]) -> [String] {
        buffer.split(separator: 0).map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }

    /// Connects to the card on `reader` (the first reader when nil), waiting up to `wait` for one to be laid on it.
    public static func connect(reader: String? = nil, wait: Duration = .zero) async throws -> PCSCReader {
        let names = try await readers()
        let chosen: String
        if let reader {
            guard let match = names.first(where: { $0 == reader }) ?? names.first(where: { $0.hasPrefix(reader) }) else {
                throw Failure(kind: .noReader, code: 0)
            }
            chosen = match
        } else {
            guard let first = names.first else { throw Failure(kind: .noReader, code: 0) }
            chosen = first
        }
        let deadline = ContinuousClock.now + wait
        while true {
            do {
                return try await NIOThreadPool.singleton.runIfActive { try PCSCReader(reader: chosen) }
            } catch let failure as Failure where failure.kind == .noCard && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    private init(reader: String) throws {
        name = reader
        var rv = SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &context)
        guard rv == SCARD_S_SUCCESS else { throw Failure.from(rv) }
        rv = SCardConnect(context, reader, DWORD(SCARD_SHARE_EXCLUSIVE), DWORD(SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1), &card, &protocolID)
        guard rv == SCARD_S_SUCCESS else {
            SCardReleaseContext(context)
            throw Failure.from(rv)
        }
    }

    deinit { release() }

    /// Ends the connection and resets the card (so the next read starts from a powered-up chip with no session).
    public func disconnect() async {
        try? await NIOThreadPool.singleton.runIfActive { self.release() }
    }

    private func release() {
        lock.lock()
        defer { lock.unlock() }
        if card != 0 { SCardDisconnect(card, DWORD(SCARD_RESET_CARD)) }
        if context != 0 { SCardReleaseContext(context) }
        (card, context) = (0, 0)
    }

    public func transmit(_ command: [UInt8]) async throws -> [UInt8] {
        try await NIOThreadPool.singleton.runIfActive { try self.transmitBlocking(command) }
    }

    func transmitBlocking(_ command: [UInt8]) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        guard card != 0 else { throw Failure(kind: .noCard, code: 0) }
        var answer = [UInt8](repeating: 0, count: 65538)
        var length = DWORD(answer.count)
        var pci = SCARD_IO_REQUEST(dwProtocol: protocolID, cbPciLength: DWORD(MemoryLayout<SCARD_IO_REQUEST>.size))
        let rv = SCardTransmit(card, &pci, command, DWORD(command.count), nil, &answer, &length)
        guard rv == SCARD_S_SUCCESS else {
            var failure = Failure.from(rv)
            if failure.kind == .other { failure.kind = .transmit }
            throw failure
        }
        return Array(answer.prefix(Int(length)))
    }
}

extension ChipReaderFailure {
    /// The failure pcsc-lite's return code `code` means.
    static func from(_ code: LONG) -> ChipReaderFailure {
        let kind: Kind = switch UInt32(truncatingIfNeeded: code) {
        case 0x8010_001D, 0x8010_002E: .noService          // SCARD_E_NO_SERVICE, SCARD_E_NO_READERS_AVAILABLE
        case 0x8010_0009, 0x8010_0017: .noReader            // SCARD_E_UNKNOWN_READER, SCARD_E_READER_UNAVAILABLE
        case 0x8010_000C, 0x8010_0069, 0x8010_0066, 0x8010_0067, 0x8010_0068: .noCard  // no card, removed, unresponsive
        default: .other
        }
        return ChipReaderFailure(kind: kind, code: Int64(code))
    }
}

extension ChipAccess {
    /// PC/SC readers through pcscd and the data folder's imported master lists.
    public static func pcsc(cscaFolder: String, required: Bool) -> ChipAccess {
        ChipAccess(connect: { reader in try await PCSCReader.connect(reader: reader, wait: .seconds(2)) },
                   trusted: { CSCAStore(folder: cscaFolder).certificates() }, required: required)
    }
}
