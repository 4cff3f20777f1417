import CCounterSystem

/// The process's standard output, for programs that embed the engine.
package enum StandardOutput {
    /// Makes standard output line-buffered even when it is a file or a pipe (a log under systemd, a kiosk
    /// autostart), so each line shows when it is printed instead of when a buffer fills.
    package static func lineBuffered() { cstdio_line_buffer_stdout() }
}
