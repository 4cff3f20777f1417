import Foundation
import Hummingbird

/// The UI's files, from memory.
struct AssetRoutes: Sendable {
    let assets: AssetCatalog

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ -> Response in asset("index.html", request: request) }
        router.get("/index.html") { request, _ -> Response in asset("index.html", request: request) }
        router.get("/assets/:name") { request, context -> Response in
            asset(context.parameters.get("name") ?? "", request: request)
        }
    }

    func asset(_ name: String, request: Request) -> Response {
        guard let asset = assets[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Not found\n")))
        }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: "no-cache"])
        }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "no-cache"],
            body: .init(byteBuffer: asset.body))
    }
}
