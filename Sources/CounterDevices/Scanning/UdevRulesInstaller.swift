import CounterCore
import Foundation

/// Installs Counter's udev rules (``CounterUdevRules``) and asks udev to apply them to plugged-in devices.
public struct UdevRulesInstaller: Sendable {
    /// Why the rules could not be installed, with what to do.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case notPermitted(folder: String)
        case writeFailed(path: String, reason: String)

        public var description: String {
            switch self {
            case .notPermitted(let f):
                "No permission to write to \(f): run this as root (sudo counter-kiosk scanners install-udev)"
            case .writeFailed(let p, let reason): "Could not write \(p): \(reason)"
            }
        }
    }

    public var rulesFolder: String
    /// Where to look for `udevadm`; nil skips reloading (tests).
    public var udevadmSearchPath: [String]?

    public init(rulesFolder: String = "/etc/udev/rules.d",
                udevadmSearchPath: [String]? = ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]) {
        self.rulesFolder = rulesFolder
        self.udevadmSearchPath = udevadmSearchPath
    }

    /// Writes the rules file, then runs `udevadm control --reload` and `udevadm trigger` if udevadm exists
    /// and we are root. Returns what was done, one line each, for the technician.
    public func install() throws(Failure) -> [String] {
        let path = rulesFolder + "/" + CounterUdevRules.fileName
        let fm = FileManager.default
        if !fm.fileExists(atPath: rulesFolder) {
            do { try fm.createDirectory(atPath: rulesFolder, withIntermediateDirectories: true) } catch {
                throw fm.isWritableFile(atPath: (rulesFolder as NSString).deletingLastPathComponent)
                    ? .writeFailed(path: rulesFolder, reason: "\(error.localizedDescription)") : .notPermitted(folder: rulesFolder)
            }
        }
        guard fm.isWritableFile(atPath: rulesFolder) else { throw .notPermitted(folder: rulesFolder) }
        do { try CounterUdevRules.text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
        var done = ["wrote \(path)"]
        guard let searchPath = udevadmSearchPath else { return done }
        guard let udevadm = searchPath.map({ $0 + "/udevadm" }).first(where: { fm.isExecutableFile(atPath: $0) }) else {
            done.append("udevadm not found: the rules apply after the next boot, or replug the scanners once udev runs")
            return done
        }
        guard getuid() == 0 else {
            done.append("not root: udev was not reloaded; run `sudo udevadm control --reload && sudo udevadm trigger`")
            return done
        }
        for args in [["control", "--reload"], ["trigger", "--action=add", "--subsystem-match=input", "--subsystem-match=hidraw",
                                                 "--subsystem-match=tty", "--subsystem-match=usb"]] {
            let status = Self.run(udevadm, args)
            done.append("udevadm \(args.joined(separator: " ")): " + (status == 0 ? "ok" : "failed (exit \(status)); is systemd-udevd running?"))
        }
        done.append("group: the kiosk user must be in group 'counter' (groupadd --system counter; usermod -aG counter USER)")
        return done
    }

    private static func run(_ tool: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
