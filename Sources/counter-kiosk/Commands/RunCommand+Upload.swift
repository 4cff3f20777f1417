import Counter
import Foundation
import Logging

extension RunCommand {
    /// Starts the upload worker in the background when a register URL is set (`--register` or config.json);
    /// never in training mode, whose practice entries must not reach the register.
    @discardableResult
    static func startUploadWorker(config: CounterConfiguration, store: SQLiteRegisterStore, registerURL: String?,
                                  training: Bool, logger: Logger) -> Task<Void, Never>? {
        guard !training else {
            print("  upload:        off (training mode)")
            return nil
        }
        let gateway: HTTPRegisterGateway?
        do { gateway = try HTTPRegisterGateway.configured(config.register, urlOverride: registerURL) } catch {
            // The counter keeps working with a broken upload setting: entries queue safely until it is fixed.
            print("  upload:        OFF — \(error.description)")
            return nil
        }
        guard let gateway else {
            print("  upload:        off (no register URL; entries wait in the queue)")
            return nil
        }
        print("  upload:        on, \(config.register.batchSize) per batch")
        let worker = UploadWorker(store: store, gateway: gateway, settings: .init(config.register), logger: logger)
        return Task { await worker.run() }
    }
}
