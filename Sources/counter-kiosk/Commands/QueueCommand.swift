import ArgumentParser
import Counter
import Foundation
import Logging

/// `queue`: the upload queue to the register.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "The upload queue to the register: status, retry, manual export, drain.",
        subcommands: [QueueStatusCommand.self, QueueRetryCommand.self, QueueExportCommand.self, QueueDrainCommand.self])
}

/// `queue status`: counts per status and the age of the oldest waiting entry.
struct QueueStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "How many entries are queued, sent, acknowledged and rejected.",
        discussion: "With --json: {\"queued\", \"sent\", \"acknowledged\", \"rejected\", \"oldestQueuedAgeSeconds\"}.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let now = Date()
        let (summary, rejected) = try await databaseOptions.withRegister(dataOptions) { _, outbox in
            (try await outbox.outboxSummary(now: now), try await outbox.jobs(statuses: [.rejected], limit: 20))
        }
        if json {
            print(Self.json(summary))
            return
        }
        print("""
            queued:        \(summary.queued)
            sent:          \(summary.sent)   (waiting for the register's answer)
            acknowledged:  \(summary.acknowledged)
            rejected:      \(summary.rejected)
            oldest waiting: \(summary.oldestQueuedAgeSeconds.map(Self.age) ?? "none")
            """)
        for job in rejected {
            print("  rejected \(job.kind.rawValue) \(job.entryNumber): \(job.lastError ?? "")")
        }
        if summary.rejected > 0 {
            print("Fix a rejected entry with a correction entry, then: counter-kiosk queue retry")
        }
    }

    /// Always all five keys; `oldestQueuedAgeSeconds` is null when nothing waits.
    static func json(_ s: UploadOutbox.Summary) -> String {
        let object: [String: Any] = [
            "queued": s.queued, "sent": s.sent, "acknowledged": s.acknowledged, "rejected": s.rejected,
            "oldestQueuedAgeSeconds": s.oldestQueuedAgeSeconds.map { $0 as Any } ?? NSNull(),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func age(_ seconds: Int) -> String {
        seconds < 120 ? "\(seconds) s" : seconds < 7200 ? "\(seconds / 60) min" : "\(seconds / 3600) h \(seconds / 60 % 60) min"
    }
}

/// `queue retry`: rejected and backed-off entries go back to the queue now.
struct QueueRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue rejected entries and entries waiting out a retry delay again, now.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let now = Date()
        let count = try await databaseOptions.withRegister(dataOptions) { _, outbox in try await outbox.retryJobsNow(now: now) }
        print("\(count) entries queued again; the upload worker sends them on its next round.")
    }
}

/// `queue export`: waiting entries as the DOR portal's fields, for typing them in by hand.
struct QueueExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write waiting entries for manual entry in the DOR portal (text and printable HTML).",
        discussion: """
            Writes dor-invoer.txt and dor-invoer.html (mode 0600: they hold sellers' details) to --output \
            (default DATA/manual-export). Their upload jobs stay queued: the worker still sends them when the \
            register answers again, and the register's idempotency keys make that harmless.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: ArgumentHelp("Folder for the files.", valueName: "dir"))
    var output: String?

    @Flag(help: "Also write rejected entries.")
    var includeRejected = false

    func run() async throws {
        let statuses: [UploadOutbox.Status] = includeRejected ? [.queued, .sent, .rejected] : [.queued, .sent]
        // The data folder's queue, or the branch's on PostgreSQL (--database or database.url).
        let (config, jobs) = try await databaseOptions.withRegister(dataOptions) { config, store in
            (config, try await store.jobs(statuses: statuses, limit: .max))
        }
        let gateway = ManualRegisterGateway(folder: output ?? dataOptions.folder.path + "/manual-export")
        let export: ManualRegisterGateway.Export
        do { export = try gateway.export(jobs.map(\.upload), shopName: config.shop.name) } catch {
            throw CLIError("Cannot write the export to \(gateway.folder): \(error.localizedDescription)")
        }
        print("\(export.count) entries written:\n  \(export.textPath)\n  \(export.htmlPath)")
        for key in export.unreadable { printError("could not read the job \(key); enter it from `counter-kiosk log`") }
    }
}

/// `queue drain`: send until nothing waits, then stop (for scripts, tests and catching up by hand).
struct QueueDrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain", abstract: "Upload everything waiting, then print the queue status as JSON.",
        discussion: "Exit code 0 when nothing is queued or sent any more; 1 when --timeout passed first.")

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: ArgumentHelp("Register URL, overriding config.json.", valueName: "url"))
    var register: String?

    @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    func run() async throws {
        let (register, deadline) = (register, timeout.map { Date().addingTimeInterval($0) })
        let summary = try await databaseOptions.withRegister(dataOptions) { config, outbox in
            let gateway: HTTPRegisterGateway
            do {
                guard let configured = try HTTPRegisterGateway.configured(config.register, urlOverride: register) else {
                    throw CLIError("No register URL: set register.url in config.json or pass --register URL.")
                }
                gateway = configured
            } catch let error as RegisterGatewayError {
                throw CLIError(error.description)
            }
            var logger = Logger(label: "counter-kiosk.upload")
            logger.logLevel = .warning
            let worker = UploadWorker(store: outbox, gateway: gateway, settings: .init(config.register), logger: logger)
            return try await worker.drain(deadline: deadline)
        }
        print(QueueStatusCommand.json(summary))
        if summary.queued + summary.sent > 0 { throw ExitCode(1) }
    }
}
