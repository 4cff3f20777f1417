import Foundation
import Logging
import PostgresNIO

/// A branch's item photos in its register's database (``PhotoArchive``): every till and the owner's pages of the
/// branch see the photos taken at any of them, and the database's backup keeps them with the register. The
/// same rule as the data folder's (``PhotoStore/inspect(_:limits:)``), and one shop day's quota for the whole
/// branch, counted under a lock so two tills cannot both pass it. (The server's free space is the server's: a
/// full disk refuses the write.)
package struct PostgresPhotoArchive: PhotoArchive {
    package let client: PostgresClient
    package let branchID: String
    package let limits: PhotoLimits
    let logger: Logger

    package init(client: PostgresClient, branchID: String, limits: PhotoLimits, logger: Logger) {
        self.client = client
        self.branchID = branchID
        self.limits = limits
        self.logger = logger
    }

    package func store(_ data: Data, day: CalendarDate) async throws(PhotoStore.PhotoError) -> PhotoReference {
        let reference = try PhotoStore.inspect(data, limits: limits)
        let (branchID, limits, logger) = (branchID, limits, logger)
        do {
            try await PostgresTransaction.run(client, logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("photo/" + branchID)))", logger: logger)
                if try await PostgresRegisterStore.exists(connection, """
                    SELECT 1 FROM photo WHERE branch_id = \(branchID) AND sha256 = \(reference.sha256)
                    """, logger) { return }
                let used = try await connection.query("""
                    SELECT COALESCE(sum(size), 0)::bigint FROM photo WHERE branch_id = \(branchID) AND day = \(day.iso)
                    """, logger: logger).decode(Int.self).first { _ in true } ?? 0
                guard used + data.count <= limits.maxBytesPerDay else {
                    throw PhotoStore.PhotoError.dailyQuotaReached(limitMegabytes: limits.maxBytesPerDay / 1_048_576)
                }
                try await connection.query("""
                    INSERT INTO photo (branch_id, sha256, media_type, size, day, bytes)
                    VALUES (\(branchID), \(reference.sha256), \(reference.mediaType), \(data.count), \(day.iso), \(data))
                    """, logger: logger)
            }
        } catch let error as PhotoStore.PhotoError {
            throw error
        } catch {
            throw .writeFailed(String(describing: error))
        }
        return reference
    }

    package func photo(_ reference: PhotoReference) async throws(PhotoStore.PhotoError) -> Data {
        let (branchID, logger) = (branchID, logger)
        let found: Data?
        do {
            found = try await PostgresTransaction.read(client, logger: logger) { connection in
                try await connection.query("""
                    SELECT bytes FROM photo WHERE branch_id = \(branchID) AND sha256 = \(reference.sha256)
                      AND media_type = \(reference.mediaType)
                    """, logger: logger).decode(Data.self).first { _ in true }
            }
        } catch {
            // The server cannot be read now: the photo is unreadable, as the page says.
            throw .missing(sha256: reference.sha256)
        }
        guard let found else { throw .missing(sha256: reference.sha256) }
        try PhotoStore.check(found, against: reference)
        return found
    }
}
