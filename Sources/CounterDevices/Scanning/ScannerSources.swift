import CounterCore

/// The one place that builds a scanner source from a spec.
public enum ScannerSources {
    /// Starts reading the device a spec names, with the framing and layout settings given.
    public static func start(_ spec: ScannerSpec, settings: ScannerSettings = ScannerSettings()) -> any ScannerSource {
        switch spec {
        case .serial(let path, let baud):
            SerialScanner(path: path, baud: baud, gap: settings.gap, retryInterval: settings.retryInterval,
                          splitsAtLineEnds: settings.splitsAtLineEnds)
        case .stdin: SerialScanner(path: nil, gap: settings.gap, splitsAtLineEnds: settings.splitsAtLineEnds)
        case .evdev(let path): EvdevScanner(path: path, settings: settings)
        case .hidraw(let path): HidrawScanner(path: path, settings: settings)
        case .usb(let vendorID, let productID): USBScanner(vendorID: vendorID, productID: productID, settings: settings)
        }
    }
}

/// The engine's way to the devices (``CounterEngine/Parts/devices``): evdev, hidraw, libusb and serial scanners.
public struct DeviceScanners: ScannerDevices {
    public init() {}

    public func start(_ spec: ScannerSpec, settings: ScannerSettings) -> any ScannerSource {
        ScannerSources.start(spec, settings: settings)
    }
}
