import Counter
import Foundation
import Hummingbird

/// A photo sent as a request's body, to the page's `/api/photos` or a program's `/v1/photos`.
enum PhotoUpload {
    /// The body, at most `limits.maxBytesPerPhoto` bytes; a larger one is refused as the archive would refuse
    /// it (413 `photo.tooLarge`, with the size the client announced), before it is all read.
    static func body(_ request: inout Request, limits: PhotoLimits) async throws -> Data {
        let limit = limits.maxBytesPerPhoto
        do {
            return Data(try await request.collectBody(upTo: limit).readableBytesView)
        } catch {
            let sent = request.headers[.contentLength].flatMap { Int($0) } ?? limit + 1
            throw KioskError(PhotoStore.PhotoError.tooLarge(bytes: sent, limitMegabytes: limits.maxMegabytesPerPhoto))
        }
    }
}
