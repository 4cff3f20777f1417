import CUMockdev
import Foundation

/// An umockdev testbed in this process: emulated sysfs and /dev nodes, seen by our own open/read/ioctl through
/// umockdev's LD_PRELOAD library. Only `scripts/test-devices.sh` runs the tests that use it (it sets
/// `COUNTER_DEVICE_TESTS=1` and the preload); under plain `swift test` they are skipped, and under the script
/// a missing preload fails them rather than skipping.
final class Testbed {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// True when the device tests were asked for (by scripts/test-devices.sh).
    static var requested: Bool { ProcessInfo.processInfo.environment["COUNTER_DEVICE_TESTS"] == "1" }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/devices")

    private let testbed: UnsafeMutablePointer<UMockdevTestbed>
    private let scratch: String

    init() throws {
        guard ProcessInfo.processInfo.environment["LD_PRELOAD"]?.contains("libumockdev-preload") == true else {
            throw Failure(description: "umockdev's preload is missing: run the device tests with scripts/test-devices.sh")
        }
        testbed = umockdev_testbed_new()
        // Only true once a testbed exists: it checks that /sys is redirected.
        guard umockdev_in_mock_environment() != 0 else {
            throw Failure(description: "umockdev_in_mock_environment() is false although the preload is set")
        }
        scratch = NSTemporaryDirectory() + "testbed-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(testbed))
        try? FileManager.default.removeItem(atPath: scratch)
    }

    /// The testbed's root folder (it holds `sys/` and `dev/`), for code that takes a sysfs root.
    var rootDirectory: String { String(cString: umockdev_testbed_get_root_dir(testbed)) }

    /// Adds devices from a fixture in umockdev's record format (Tests/Fixtures/devices/NAME).
    /// Devices (P: blocks) the testbed already has are left out, so fixtures sharing a USB parent combine:
    /// umockdev aborts the process on a duplicate.
    func addDevices(fixture name: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let blocks = text.components(separatedBy: "\n\n").filter { block in
            guard let line = block.split(separator: "\n").first(where: { $0.hasPrefix("P: ") }) else { return false }
            return !FileManager.default.fileExists(atPath: rootDirectory + "/sys" + line.dropFirst(3))
        }
        guard !blocks.isEmpty else { return }
        let kept = blocks.joined(separator: "\n\n") + "\n"
        try check { umockdev_testbed_add_from_string(testbed, kept, &$0) }
    }

    /// Replays evemu key events on an evdev node.
    func replayEvents(_ evemu: String, on node: String) throws {
        let file = try write(evemu, named: "events.evemu")
        try check { umockdev_testbed_load_evemu_events(testbed, node, file, &$0) }
    }

    /// Replays a script (`r DELAY DATA` lines) on a node read as a byte stream (hidraw, tty).
    func replayScript(_ script: String, on node: String) throws {
        let file = try write(script, named: "script.txt")
        try check { umockdev_testbed_load_script(testbed, node, file, &$0) }
    }

    /// Answers ioctls on a node from an ioctl record (usbdevfs URBs for libusb).
    func answerIoctls(_ text: String, on node: String) throws {
        let file = try write(text, named: "ioctl.txt")
        try check { umockdev_testbed_load_ioctl(testbed, node, file, &$0) }
    }

    /// Removes a device, as an unplug does (sysfs folder and /dev node).
    func remove(_ syspath: String) { umockdev_testbed_remove_device(testbed, syspath) }

    /// umockdev's script encoding: bytes below 32 as `^` + (b+64), `^` itself as ``^` ``.
    static func scriptData(_ bytes: [UInt8]) -> String {
        var out = ""
        for b in bytes {
            if b < 32 { out += "^" + String(UnicodeScalar(b + 64)) } else if b == 94 { out += "^`" } else { out += String(UnicodeScalar(b)) }
        }
        return out
    }

    private func write(_ text: String, named name: String) throws -> String {
        let path = scratch + "/" + UUID().uuidString + "-" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    private func check(_ call: (inout UnsafeMutablePointer<GError>?) -> gboolean) throws {
        var error: UnsafeMutablePointer<GError>?
        let ok = call(&error)
        if let error {
            let message = String(cString: error.pointee.message)
            g_error_free(error)
            throw Failure(description: "umockdev: \(message)")
        }
        guard ok != 0 else { throw Failure(description: "umockdev call failed") }
    }
}
