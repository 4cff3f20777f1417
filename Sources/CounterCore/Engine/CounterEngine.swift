import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// The counter: the register, the checks and one ``CounterSession`` per till, with all background work.
///
/// Built from the configuration, like postgres-nio's `PostgresClient`, and run as a swift-service-lifecycle
/// `Service`: ``run()`` owns the upload worker, every till's scanner sources, the hotlist watcher and the
/// alert watcher, and returns promptly on graceful shutdown (SIGTERM). The kiosk, `run --headless`, the CLI
/// and other shop software all register through the engine's sessions, so the rules live here once.
public final class CounterEngine: Service, Sendable {
    /// What the engine is built from.
    public struct Parts: Sendable {
        /// The register's storage: the data folder's SQLite file, or a branch on a PostgreSQL server.
        package var store: any RegisterStorage
        public var staff: StaffDirectory
        public var checker: StolenGoodsChecker
        public var tills: [TillConfiguration]
        public var uploadWorker: UploadWorker?
        public var training: Bool
        public var clock: @Sendable () -> Date
        /// How devices are matched to profiles (sysfs; a folder tree in tests).
        package var discovery: ScannerDiscovery
        /// The items' photos, erased with the identity after retention (nil: none kept).
        package var photos: PhotoStore?
        /// Where the counter's photos are kept (the data folder's, or the branch's on PostgreSQL): an intake's photo
        /// references must name photos in it (`StoredPhotos`). Nil: an intake that names a photo is refused.
        package var photoArchive: (any PhotoArchive)?
        /// Document chips (issue 17): the tills' PC/SC readers and the trusted CSCAs; nil: none.
        public var chip: ChipAccess?
        /// What reads the tills' scanner devices: CounterDevices' `DeviceScanners` (evdev, hidraw, libusb, serial);
        /// nil: none are read (an embedder that sends scans itself with ``CounterSession/scan(_:from:at:)``).
        public var devices: (any ScannerDevices)?

        /// The parts of an engine over the data folder's SQLite register.
        public init(store: SQLiteRegisterStore, staff: StaffDirectory, checker: StolenGoodsChecker,
                    tills: [TillConfiguration], uploadWorker: UploadWorker? = nil, training: Bool = false,
                    clock: @escaping @Sendable () -> Date = { Date() }, chip: ChipAccess? = nil,
                    devices: (any ScannerDevices)? = nil) {
            self.init(storage: store, staff: staff, checker: checker, tills: tills, uploadWorker: uploadWorker,
                      training: training, clock: clock, chip: chip, devices: devices)
        }

        /// The parts of an engine over a branch's register on a PostgreSQL server.
        public init(store: PostgresRegisterStore, staff: StaffDirectory, checker: StolenGoodsChecker,
                    tills: [TillConfiguration], uploadWorker: UploadWorker? = nil, training: Bool = false,
                    clock: @escaping @Sendable () -> Date = { Date() }, chip: ChipAccess? = nil,
                    devices: (any ScannerDevices)? = nil) {
            self.init(storage: store, staff: staff, checker: checker, tills: tills, uploadWorker: uploadWorker,
                      training: training, clock: clock, chip: chip, devices: devices)
        }

        /// The parts over either backend (the kiosk picks one at run time). The storage protocol is the package's:
        /// an embedder's storage could not keep the register's invariants, so it gets the two backends above.
        package init(storage store: any RegisterStorage, staff: StaffDirectory, checker: StolenGoodsChecker,
                    tills: [TillConfiguration], uploadWorker: UploadWorker? = nil, training: Bool = false,
                    clock: @escaping @Sendable () -> Date = { Date() }, discovery: ScannerDiscovery = ScannerDiscovery(),
                    photos: PhotoStore? = nil, photoArchive: (any PhotoArchive)? = nil, chip: ChipAccess? = nil,
                    devices: (any ScannerDevices)? = nil) {
            self.devices = devices
            self.photos = photos
            self.photoArchive = photoArchive ?? photos
            self.chip = chip
            self.store = store
            self.staff = staff
            self.checker = checker
            self.tills = tills.isEmpty ? [TillConfiguration(name: TillConfiguration.defaultName)] : tills
            self.uploadWorker = uploadWorker
            self.training = training
            self.clock = clock
            self.discovery = discovery
        }

        /// The register when it is the data folder's SQLite file, with what only that file keeps yet (sales,
        /// police orders, photos' metadata, search, exports); nil on PostgreSQL.
        package var file: SQLiteRegisterStore? { store as? SQLiteRegisterStore }
    }

    /// One device the engine reads, resolved from the configuration.
    struct Reader: Sendable {
        var till: String
        var spec: ScannerSpec
        var origin: ScanOrigin
        var settings: ScannerSettings
    }

    public let parts: Parts
    private let sessions: [String: CounterSession]
    public let tillNames: [String]
    /// Alerts (late hits, rejected uploads) and registrations, for the owner's pages.
    public let ownerEvents: EventHub
    /// Scanner activity (device, kind, length), for the technician's page.
    public let technicianEvents = EventHub()
    package let scanners = ScannerBoard()
    let alertsSeen = SeenAlerts()
    let readers: [Reader]
    let logger: Logger

    /// Builds the engine; nothing runs until ``run()``.
    /// - Throws: ``CounterError`` when a till's device spec cannot be read.
    public init(_ parts: Parts, logger: Logger = Logger(label: "counter")) throws {
        var parts = parts
        // A written police notice (art. 437 lid 1 onder e Sr) is a hit at every till: a checker given without the
        // register's notices follows them from here (an embedder cannot leave them out).
        if parts.checker.watchList == nil { parts.checker = parts.checker.watching(parts.store) }
        self.parts = parts
        self.logger = logger
        let ownerEvents = EventHub()
        self.ownerEvents = ownerEvents
        var dependencies = CounterSession.Dependencies(
            store: parts.store, staff: parts.staff, checker: parts.checker, training: parts.training, clock: parts.clock,
            ownerEvents: ownerEvents)
        dependencies.chip = parts.chip
        dependencies.photos = parts.photoArchive
        var sessions: [String: CounterSession] = [:]
        var readers: [Reader] = []
        for till in parts.tills {
            sessions[till.name] = CounterSession(till: till.name, dependencies: dependencies, chipReader: till.chipReader)
            let devices = till.scanners.map { ($0, false) } + (till.documentReader.map { [($0, true)] } ?? [])
            for (device, isReader) in devices {
                let spec: ScannerSpec
                do { spec = try ScannerSpec(parsing: device.spec) } catch {
                    throw CounterError(.intakeInvalid, parameters: ["detail": error.description], field: "tills.\(till.name)")
                }
                let profile = ScannerProfiles.profile(for: spec, named: device.profile, discovery: parts.discovery)
                let document = isReader || profile?.kind == .document
                var settings = profile?.settings ?? ScannerSettings()
                if document { settings.splitsAtLineEnds = false }
                let stream: Bool = switch spec {
                case .serial, .stdin: document
                default: false
                }
                readers.append(Reader(
                    till: till.name, spec: spec,
                    origin: ScanOrigin(device: spec.description, kind: document ? .documentReader : .barcode,
                                       profile: profile?.id, isStream: stream),
                    settings: settings))
            }
        }
        self.sessions = sessions
        self.tillNames = parts.tills.map(\.name)
        self.readers = readers
    }

    /// The day log of `day` (shop time) as the owner sees it: the entries, their latest checks, the totals per
    /// clerk and the register's head.
    public func dailyLog(on day: CalendarDate) async throws -> DailyLog { try await DailyLog.of(day, in: parts.store) }

    /// The session of a till.
    public func session(_ till: String) throws(CounterError) -> CounterSession {
        guard let session = sessions[till] else { throw CounterError(.unknownTill, parameters: ["till": till]) }
        return session
    }

    /// The first configured till (a shop with one till).
    public var defaultSession: CounterSession { sessions[tillNames[0]]! }

    /// A session of its own for one caller that is not a till: `intake add`, a script, an embedder's batch.
    public func detachedSession(name: String) -> CounterSession {
        var dependencies = CounterSession.Dependencies(
            store: parts.store, staff: parts.staff, checker: parts.checker, training: parts.training, clock: parts.clock,
            ownerEvents: ownerEvents)
        // The same photo archive as the tills': an intake from the CLI or a program names photos in it too.
        dependencies.photos = parts.photoArchive
        return CounterSession(till: name, dependencies: dependencies)
    }

    /// Runs the background work until graceful shutdown or cancellation.
    public func run() async throws {
        for reader in readers {
            await scanners.add(.init(spec: reader.spec.description, till: reader.till, kind: reader.origin.kind.rawValue,
                                     profile: reader.origin.profile, state: "reading", scans: 0, incomplete: 0))
        }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                if let worker = self.parts.uploadWorker { group.addTask { await worker.run() } }
                for reader in self.readers { group.addTask { await self.read(reader) } }
                group.addTask { await self.tickTills() }
                group.addTask { await self.watchHotlist() }
                group.addTask { await self.watchAlerts() }
                group.addTask { await self.followBranch() }
                group.addTask { await self.followPoliceNotices() }
                group.addTask { await self.verifyInBackground() }
                group.addTask { await self.purgeDaily() }
                await group.waitForAll()
            }
        }
        for session in sessions.values { session.finishEvents() }
        ownerEvents.finish()
        technicianEvents.finish()
    }

    /// Reads one device into its till until cancelled.
    func read(_ reader: Reader) async {
        guard let session = sessions[reader.till], let devices = parts.devices else { return }
        let source = devices.start(reader.spec, settings: reader.settings)
        await withTaskCancellationHandler {
            for await event in source.events {
                let status = await scanners.noted(reader.spec.description, complete: event.isComplete,
                                                  length: event.bytes.count, at: parts.clock())
                technicianEvents.publish(CounterEvent(.scanner, status))
                technicianEvents.publish(CounterEvent(.scan, ScannerActivity(
                    device: reader.spec.description, till: reader.till, kind: reader.origin.kind.rawValue,
                    profile: reader.origin.profile, length: event.bytes.count, complete: event.isComplete,
                    at: parts.clock())))
                // A scan cut short by an unplug is never used.
                guard event.isComplete else { continue }
                await session.scan(event.bytes, from: reader.origin, at: event.lastByteAt)
            }
        } onCancel: {
            source.stop()
        }
        await scanners.stopped(reader.spec.description)
    }

    /// Times out half document reads a few times a second.
    func tickTills() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            for session in sessions.values { await session.tick() }
        }
    }

    /// Notices a new hotlist within half a second (the checker reopens the file on its next lookup anyway),
    /// re-checks the items still on hold against it, and tells the pages how old the list is.
    func watchHotlist() async {
        var seen = parts.checker.hotlist.map { ($0.createdAt, $0.rowCount) }
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(500))
            let list = parts.checker.hotlist
            let now = list.map { ($0.createdAt, $0.rowCount) }
            guard now?.0 != seen?.0 || now?.1 != seen?.1 else { continue }
            seen = now
            do {
                let found = try await LateHits.scan(store: parts.store, checker: parts.checker, now: parts.clock())
                logger.info("hotlist reloaded", metadata: ["rows": "\(list?.rowCount ?? 0)", "lateHits": "\(found)"])
            } catch {
                logger.error("late-hit check failed", metadata: ["error": "\(error)"])
            }
            let status = defaultSession.hotlistStatus()
            ownerEvents.publish(CounterEvent(.hotlist, status))
        }
    }

    /// The full verify of the register, once at start (the store checked the anchored head when it opened),
    /// with every index of the file checked too: nobody waits for this one. Off the cooperative pool. A register
    /// that fails refuses new entries from then on, and the owner's pages are told.
    func verifyInBackground() async {
        let store = parts.store
        let started = Date()
        if let file = parts.file {
            _ = try? await file.verifyOffPool(fileCheck: .pagesAndIndexes)
        } else if let problem = try? await store.verify().firstProblem {
            store.markDamaged(problem)
        }
        if store.damage == nil, let worker = parts.uploadWorker { _ = await worker.checkAcknowledgedHead() }
        if let problem = store.damage {
            logger.critical("register cannot prove it is whole", metadata: ["problem": "\(problem)"])
            ownerEvents.publish(CounterEvent(.registerDamaged, ["problem": problem.description]))
        } else {
            logger.info("register verified", metadata: ["seconds": "\(Int(Date().timeIntervalSince(started)))"])
        }
    }

    /// The daily job: once a shop day (at start, and when the day turns), tells the owner which police hold
    /// orders ended, and erases the identities and photos past `retention.identityYears` (``purge(at:actor:)``,
    /// the same call as `counter-kiosk purge`, on either backend). A failure is logged and tried again the next minute.
    func purgeDaily() async {
        var done: CalendarDate?
        while !Task.isCancelled {
            let now = parts.clock()
            if done != CalendarDate(now) {
                do {
                    try await daily(at: now)
                    done = CalendarDate(now)
                } catch {
                    logger.error("daily job failed", metadata: ["error": "\(error)"])
                }
            }
            try? await Task.sleep(for: .seconds(60))
        }
    }

    /// One day's work of the daily job (what ``purgeDaily()`` runs when the shop day turns). The alerts reach
    /// the owner's pages through ``watchAlerts()``.
    func daily(at now: Date) async throws {
        let today = CalendarDate(now)
        let store = parts.store
        let report = try await purge(at: now, actor: "retention")
        if !report.erased.isEmpty || !report.kept.isEmpty {
            logger.notice("identities erased after retention", metadata: [
                "erased": "\(report.erased.count)", "keptForPolice": "\(report.kept.count)", "photos": "\(report.photos.count)"])
        }
        try await store.tellEndedHoldOrders(today: today, at: now)
        // Bill 36 036 makes the DOR mandatory from its date: without an upload the owner is told every day.
        let rules = store.settings.law.rules(on: today)
        if rules.requiresDORUpload && parts.uploadWorker == nil && !parts.training {
            try await store.raiseAlert(.dorUploadRequired, itemID: nil, entryNumber: nil, .alertDORRequired,
                                       ["from": ShopFormat.dutch.date(store.settings.law.from ?? today)], at: now)
        }
    }

    /// Erases now what is past retention on the engine's clock: the data folder's file on a thread of NIO's
    /// blocking pool (with the folder's photos), or the branch on PostgreSQL (its photos are in its database).
    package func purge(at now: Date, actor: String) async throws -> PurgeReport {
        guard let file = parts.file else {
            return try await parts.store.purge(today: CalendarDate(now), at: now, actor: actor, photos: nil)
        }
        let photos = parts.photos
        return try await NIOThreadPool.singleton.runIfActive {
            try file.purge(today: CalendarDate(now), at: now, actor: actor, photos: photos)
        }
    }

    /// Pushes every new owner alert (a late hit found by any process, a rejected upload) to the owner's
    /// pages within a second; on PostgreSQL an alert of another process comes at once (``followBranch()``).
    func watchAlerts() async {
        while !Task.isCancelled {
            await publishNewAlerts()
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Publishes each open alert the pages were not told of yet. The first call only learns what exists.
    func publishNewAlerts() async {
        guard let alerts = try? await parts.store.alerts(includeAcknowledged: false) else { return }
        for alert in await alertsSeen.unseen(alerts) { ownerEvents.publish(CounterEvent(.alert, alert)) }
    }
}

/// The alerts the owner's pages were told of, so each is told once however it is noticed.
actor SeenAlerts {
    private var known: Set<Int>?

    /// The alerts not seen before; none on the first call (those existed before the engine started).
    func unseen(_ alerts: [OwnerAlert]) -> [OwnerAlert] {
        guard var seen = known else {
            known = Set(alerts.map(\.id))
            return []
        }
        let new = alerts.filter { seen.insert($0.id).inserted }
        known = seen
        return new
    }
}
