/// What starts reading a scanner device from its spec: CounterDevices' `DeviceScanners` on Linux (evdev,
/// hidraw, libusb, serial), a fake source in tests (CounterTesting's `FakeScanners`).
///
/// Why a protocol: the engine (CounterCore) is platform-neutral and builds without libusb or Linux headers;
/// only a program that reads real devices links CounterDevices and passes it in ``CounterEngine/Parts/devices``.
public protocol ScannerDevices: Sendable {
    /// Starts reading the device `spec` names, with the framing and layout settings given.
    func start(_ spec: ScannerSpec, settings: ScannerSettings) -> any ScannerSource
}
