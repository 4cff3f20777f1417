import Crypto
import Foundation

/// The code that opens the shop's backups: 25 symbols of Crockford's base32 (125 random bits), shown once
/// when backups are set up (`counter-kiosk backup init`) and kept on paper by the owner.
///
/// Printed in five groups of five (`7K2QD-…`). Read back forgivingly: case, spaces and dashes do not matter,
/// and the letters people confuse with digits (O, I, L) are read as the digits (Crockford's rule). A code
/// typed wrong is caught by the key check of ``BackupKey``, never by decrypting garbage.
package struct RecoveryCode: Sendable, Equatable, CustomStringConvertible {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let length = 25

    /// The 25 symbols, upper case, without separators.
    package let symbols: String

    /// A new random code.
    package static func generate() -> RecoveryCode {
        var generator = SystemRandomNumberGenerator()
        return RecoveryCode(unchecked: String((0..<length).map { _ in alphabet[Int(generator.next() % 32)] }))
    }

    private init(unchecked symbols: String) { self.symbols = symbols }

    /// Reads a code as a person typed or a file holds it; nil when it is not one.
    package init?(reading text: String) {
        var symbols = ""
        for character in text.uppercased() {
            switch character {
            case " ", "-", "\t", "\n", "\r": continue
            case "O": symbols.append("0")
            case "I", "L": symbols.append("1")
            default:
                guard Self.alphabet.contains(character) else { return nil }
                symbols.append(character)
            }
        }
        guard symbols.count == Self.length else { return nil }
        self.symbols = symbols
    }

    /// Five groups of five, as shown and printed.
    package var description: String {
        stride(from: 0, to: Self.length, by: 5).map { start in
            let from = symbols.index(symbols.startIndex, offsetBy: start)
            return String(symbols[from..<symbols.index(from, offsetBy: 5)])
        }.joined(separator: "-")
    }

    /// Reads the code from the first line of a file that only its owner may read (as an SSH key): a code in a
    /// file others can read is refused, so a timer's code file is never left open by mistake.
    package static func read(file path: String) throws -> RecoveryCode {
        var info = stat()
        guard stat(path, &info) == 0 else { throw BackupError.codeFileUnreadable(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw BackupError.codeFileOpen(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw BackupError.codeFileUnreadable(path: path) }
        let firstLine = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let code = RecoveryCode(reading: firstLine) else { throw BackupError.notARecoveryCode }
        return code
    }

    /// Writes the code to a new file, mode 0600; an existing file is never overwritten.
    package func write(file path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw errno == EEXIST ? BackupError.codeFileExists(path: path) : BackupError.codeFileUnreadable(path: path)
        }
        defer { close(fd) }
        let line = Array((description + "\n").utf8)
        guard line.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress, $0.count) }) == line.count, fsync(fd) == 0 else {
            throw BackupError.writeFailed(path: path)
        }
    }
}
