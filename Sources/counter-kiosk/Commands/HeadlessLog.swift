import Counter
import Foundation
import Logging
import ServiceLifecycle

/// `run --headless`: the engine reads the tills' scanners and checks as always; this logs what each scan
/// became (kind and check result), never the scanned text: it may be a serial tied to a seller, or an MRZ.
struct HeadlessLog: Service {
    let engine: CounterEngine
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for name in engine.tillNames {
                    guard let till = try? engine.session(name) else { continue }
                    group.addTask {
                        for await event in till.events() { log(name, event) }
                    }
                }
            }
        }
    }

    func log(_ till: String, _ event: CounterEvent) {
        let object = (try? JSONSerialization.jsonObject(with: event.json)) as? [String: Any] ?? [:]
        switch event.kind {
        case .item:
            let check = object["check"] as? [String: Any]
            logger.info("item", metadata: ["till": "\(till)", "kind": "\(object["kind"] ?? "?")",
                                           "check": "\(check?["status"] ?? "?")", "final": "\(check?["final"] ?? false)"])
        case .refused:
            logger.warning("scan refused", metadata: ["till": "\(till)", "code": "\(object["code"] ?? "?")",
                                                      "length": "\(object["length"] ?? 0)"])
        case .hit:
            logger.critical("HIT on the stolen-goods list: do not buy; the owner must decide", metadata: ["till": "\(till)"])
        case .document:
            logger.info("document read", metadata: ["till": "\(till)", "valid": "\(object["valid"] ?? false)"])
        default:
            break
        }
    }
}
