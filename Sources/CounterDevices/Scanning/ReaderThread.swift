import CounterCore
import Foundation

/// The thread a scanner source reads on: its blocking read loop (poll(2), read(2), libusb transfers) runs
/// here, never on the concurrency pool, so a slow device cannot hold up anything else.
enum ReaderThread {
    /// Starts `loop` on a new thread named `scanner DEVICE` (as `top -H` and crash reports show it).
    static func start(device: String, _ loop: @escaping @Sendable () -> Void) {
        let thread = Thread(block: loop)
        thread.name = "scanner \(device)"
        thread.start()
    }
}
