import CLibUSB
import CounterCore
import Foundation

/// Reads a HID POS scanner with libusb (`usb:VID:PID`), for devices the kernel has no HID binding for.
///
/// Finds the first device with the VID:PID, detaches the kernel driver (usbhid) from the interface if one is bound,
/// claims the interface and reads its interrupt IN endpoint; reports are parsed and joined as for hidraw
/// (``HIDPOSReport``, ``HIDPOSAssembler``). The interface is the one given, else the first HID interface that is
/// not a boot keyboard, else the first HID interface. Needs write access to `/dev/bus/usb/BBB/DDD` (the udev
/// rule in hardware/udev gives it). Prefer ``HidrawScanner`` where a hidraw node exists.
public final class USBScanner: ScannerSource {
    public let device: String
    public let vendorID: UInt16
    public let productID: UInt16
    public let interfaceNumber: Int?
    public let settings: ScannerSettings
    public let events: AsyncStream<ScanEvent>
    private let continuation: AsyncStream<ScanEvent>.Continuation
    private let stopFlag = StopFlag()
    private let problemBox = ProblemBox()

    public init(vendorID: UInt16, productID: UInt16, interfaceNumber: Int? = nil, settings: ScannerSettings = ScannerSettings()) {
        self.vendorID = vendorID
        self.productID = productID
        self.interfaceNumber = interfaceNumber
        self.settings = settings
        self.device = "usb:" + String(format: "%04x:%04x", vendorID, productID)
        (events, continuation) = AsyncStream.makeStream(of: ScanEvent.self, bufferingPolicy: .unbounded)
        ReaderThread.start(device: device) { [self] in self.readLoop() }
    }

    public func stop() { stopFlag.set() }

    /// Why the device is not being read right now (not found, no permission, claim failed), or nil.
    public var problem: USBScannerError? { problemBox.value }

    /// An open, claimed device.
    struct Connection {
        let handle: OpaquePointer
        let interface: Int32
        let endpoint: UInt8
    }

    private func connect(_ context: OpaquePointer?) -> Result<Connection, USBScannerError> {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { return .failure(.library(function: "libusb_get_device_list", code: Int32(count))) }
        defer { libusb_free_device_list(list, 1) }
        for i in 0..<Int(count) {
            guard let dev = list[i] else { continue }
            var desc = libusb_device_descriptor()
            guard libusb_get_device_descriptor(dev, &desc) == 0, desc.idVendor == vendorID, desc.idProduct == productID else { continue }
            guard let (interface, endpoint) = Self.hidInterface(dev, wanted: interfaceNumber) else {
                return .failure(.noHIDInterface(device: device))
            }
            var handle: OpaquePointer?
            let opened = libusb_open(dev, &handle)
            guard opened == 0, let handle else {
                return .failure(opened == Int32(LIBUSB_ERROR_ACCESS.rawValue) ? .noPermission(device: device) : .library(function: "libusb_open", code: opened))
            }
            // Detach by hand rather than with libusb's auto-detach: that uses USBDEVFS_DISCONNECT_CLAIM, which
            // umockdev's usbdevfs emulation does not answer, and a device with no driver needs no detach.
            if libusb_kernel_driver_active(handle, interface) == 1 {
                let detached = libusb_detach_kernel_driver(handle, interface)
                guard detached == 0 else {
                    libusb_close(handle)
                    return .failure(.library(function: "libusb_detach_kernel_driver", code: detached))
                }
            }
            let claimed = libusb_claim_interface(handle, interface)
            guard claimed == 0 else {
                libusb_close(handle)
                return .failure(claimed == Int32(LIBUSB_ERROR_BUSY.rawValue) ? .busy(device: device) : .library(function: "libusb_claim_interface", code: claimed))
            }
            return .success(Connection(handle: handle, interface: interface, endpoint: endpoint))
        }
        return .failure(.notFound(device: device))
    }

    /// The interface to claim and its interrupt IN endpoint.
    static func hidInterface(_ dev: OpaquePointer, wanted: Int?) -> (Int32, UInt8)? {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        guard libusb_get_active_config_descriptor(dev, &config) == 0 || libusb_get_config_descriptor(dev, 0, &config) == 0,
              let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        var candidates: [(number: Int32, endpoint: UInt8, bootKeyboard: Bool)] = []
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[i]
            guard interface.num_altsetting > 0 else { continue }
            let alt = interface.altsetting[0]
            guard alt.bInterfaceClass == UInt8(LIBUSB_CLASS_HID.rawValue) else { continue }
            for e in 0..<Int(alt.bNumEndpoints) {
                let ep = alt.endpoint[e]
                if ep.bEndpointAddress & 0x80 != 0 && ep.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_INTERRUPT.rawValue) {
                    candidates.append((Int32(alt.bInterfaceNumber), ep.bEndpointAddress, alt.bInterfaceSubClass == 1 && alt.bInterfaceProtocol == 1))
                    break
                }
            }
        }
        if let wanted { return candidates.first { $0.number == wanted }.map { ($0.number, $0.endpoint) } }
        let chosen = candidates.first { !$0.bootKeyboard } ?? candidates.first
        return chosen.map { ($0.number, $0.endpoint) }
    }

    private func readLoop() {
        var context: OpaquePointer?
        guard libusb_init(&context) == 0 else {
            problemBox.value = .library(function: "libusb_init", code: -1)
            continuation.finish()
            return
        }
        defer { libusb_exit(context) }
        var assembler = HIDPOSAssembler(device: device)
        var buffer = [UInt8](repeating: 0, count: HidrawScanner.reportSize)
        while !stopFlag.isSet {
            let connection: Connection
            switch connect(context) {
            case .failure(let error):
                problemBox.value = error
                usleep(useconds_t(settings.retryInterval * 1e6))
                continue
            case .success(let c): connection = c
            }
            problemBox.value = nil
            while !stopFlag.isSet {
                var transferred: Int32 = 0
                let rc = libusb_interrupt_transfer(connection.handle, connection.endpoint, &buffer, Int32(buffer.count), &transferred, 100)
                if rc == Int32(LIBUSB_ERROR_TIMEOUT.rawValue) { continue }
                if rc != 0 {
                    problemBox.value = rc == Int32(LIBUSB_ERROR_NO_DEVICE.rawValue) ? .notFound(device: device) : .library(function: "libusb_interrupt_transfer", code: rc)
                    break
                }
                guard let report = try? HIDPOSReport(parsing: buffer[0..<Int(transferred)]) else { continue }
                if let event = assembler.add(report, at: ScanClock.now()) { continuation.yield(event) }
            }
            if let cut = assembler.abandon() { continuation.yield(cut) }
            libusb_release_interface(connection.handle, connection.interface)
            libusb_close(connection.handle)
            if !stopFlag.isSet { usleep(useconds_t(settings.retryInterval * 1e6)) }
        }
        continuation.finish()
    }
}

/// The last problem a reader thread saw, for status displays.
final class ProblemBox: @unchecked Sendable {
    // Guarded by the lock: written by the reader thread, read by anyone.
    private let lock = NSLock()
    private var stored: USBScannerError?
    var value: USBScannerError? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
