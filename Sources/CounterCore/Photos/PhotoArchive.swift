import Foundation

/// Where item photos are kept, by the SHA-256 of their bytes (``PhotoReference``): the data folder on this PC
/// (``PhotoStore``), or the branch's register on PostgreSQL (``PostgresPhotoArchive``), so every till and the
/// owner's pages of a branch see the photos taken at any of them.
///
/// Both take a photo by the same rule (``PhotoStore/inspect(_:limits:)``: a well-formed JPEG, PNG or WebP of at
/// most ``PhotoLimits/maxMegabytesPerPhoto``), count it against one shop day's quota, and give back the bytes
/// only as they were stored (their hash checked).
package protocol PhotoArchive: Sendable {
    var limits: PhotoLimits { get }
    /// Stores a photo (idempotent: the same bytes give the same reference) and returns its reference.
    /// - Parameters:
    ///   - data: the photo's bytes.
    ///   - day: the shop day the photo counts against (the engine's clock).
    func store(_ data: Data, day: CalendarDate) async throws(PhotoStore.PhotoError) -> PhotoReference
    /// The photo's bytes, checked against its hash.
    func photo(_ reference: PhotoReference) async throws(PhotoStore.PhotoError) -> Data
}

extension PhotoStore: PhotoArchive {
    package func store(_ data: Data, day: CalendarDate) async throws(PhotoError) -> PhotoReference {
        try await putOffPool(data, day: day)
    }

    package func photo(_ reference: PhotoReference) async throws(PhotoError) -> Data {
        try data(for: reference)
    }
}

extension DataFolder {
    /// The photos that go with `store`: the branch's database when the register is on PostgreSQL, else this data
    /// folder's `photos`.
    package func photoArchive(for store: any RegisterStorage, limits: PhotoLimits) -> any PhotoArchive {
        if let branch = store as? PostgresRegisterStore {
            return PostgresPhotoArchive(client: branch.client, branchID: branch.branchID, limits: limits, logger: branch.logger)
        }
        return PhotoStore(folder: photosPath, limits: limits)
    }
}
