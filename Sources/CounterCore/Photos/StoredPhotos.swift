import Foundation

/// The rule that a photo an intake names is a photo the shop holds.
///
/// Why: an item without a serial number is registered on its photo (the description must identify the good,
/// art. 437 lid 1 onder d Sr; the shop's `requirePhotoWithoutSerial`). In an intake a photo is only a reference
/// (the SHA-256 of its bytes), and a hash the register never saw would stand in for a photo nobody took: a
/// ring "without a number" would pass with none. So at registration, whoever sends the intake (the page, the
/// CLI, another program), every reference must name a photo in the shop's archive with exactly those bytes.
package enum StoredPhotos {
    /// Refuses `intake` when one of its photos is not in `archive` as referenced (missing, altered, unreadable),
    /// or when there is no archive to hold it: a photo that cannot be shown to exist is not evidence.
    /// - Throws: ``IntakeError`` `intake.photoNotStored`, naming the item's photos (`items[0].photos`).
    package static func require(_ intake: Intake, in archive: (any PhotoArchive)?) async throws(IntakeError) {
        for (index, item) in intake.items.enumerated() {
            for photo in item.photos {
                guard let archive else { throw .photoNotStored("items[\(index)].photos") }
                do { _ = try await archive.photo(photo) } catch { throw .photoNotStored("items[\(index)].photos") }
            }
        }
    }
}
