import Counter
import Foundation
import Logging
import RegisterSimulator

extension RunCommand {
    /// The upload worker, when a register URL is set (`--register` or config.json); the engine runs it.
    ///
    /// In training mode practice entries must never reach the real register: they go to a register simulator
    /// run in this process (its data in `trainingFolder/register-sim`), so staff see queued → acknowledged as
    /// in the shop, and the owner's upload page can be practised too.
    static func uploadWorker(config: CounterConfiguration, store: any RegisterOutbox, registerURL: String?,
                             training trainingFolder: DataFolder?, logger: Logger) async -> UploadWorker? {
        if let trainingFolder {
            do {
                let simulator = try await RegisterSimulator(
                    settings: .init(dataFolder: trainingFolder.path + "/register-sim")).start(logger: logger)
                var practice = config.register
                (practice.url, practice.token) = (simulator.url, nil)
                (practice.clientCertificate, practice.clientKey, practice.caCertificate) = (nil, nil, nil)
                guard let gateway = try HTTPRegisterGateway.configured(practice) else { return nil }
                print("  upload:        practice register simulator on \(simulator.url) (training mode)")
                return UploadWorker(store: store, gateway: gateway, settings: .init(practice), logger: logger)
            } catch {
                print("  upload:        off (training mode; the practice register could not start: \(error))")
                return nil
            }
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
        return UploadWorker(store: store, gateway: gateway, settings: .init(config.register), logger: logger)
    }
}
