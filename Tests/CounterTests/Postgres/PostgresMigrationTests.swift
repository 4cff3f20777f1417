import Foundation
import GRDB
import Logging
import PostgresNIO
import RegisterSimulator
import Testing
@testable import CounterCore
@testable import CounterDevices

/// `migrate-to-postgres` (issue 15): a shop's SQLite register moved to its branch on PostgreSQL, verified on
/// both sides, all or nothing.
@Suite("Moving a register from SQLite to PostgreSQL")
struct PostgresMigrationTests {
    static let tenant = (id: "goud-en-zo", name: "Goud & Zo")

    static func location(_ cluster: PostgresCluster) throws -> PostgresLocation {
        try PostgresLocation(url: "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable")
    }

    /// A register with three entries: one registered with a check and an audit event under a key, one correction,
    /// one acknowledged upload.
    static func sqliteRegister(in folder: TemporaryFolder) throws -> SQLiteRegisterStore {
        let store = try Fixtures.store(in: folder)
        let check = ItemCheck(itemID: "", checkedAt: Fixtures.tuesday, status: .clear, sources: ["hotlist 2025-11-18"])
        _ = try store.register(Fixtures.intake(serial: "SN-1"), at: Fixtures.tuesday, idempotencyKey: "till-1/1",
                               records: RegistrationRecords(checks: [0: check], audit: [AuditRecord(.intakeRegistered, actor: "Anna", subject: "{entry}")]))
        _ = try store.append(Fixtures.intake(serial: "SN-2", paymentMethod: .card), at: Fixtures.tuesday)
        var correction = Fixtures.intake(serial: "SN-2", paymentMethod: .card)
        correction.corrects = 2
        correction.correctionReason = "serienummer verkeerd"
        _ = try store.append(correction, at: Fixtures.tuesday.addingTimeInterval(60))
        let jobs = try store.claimDueJobs(now: Fixtures.tuesday, answerBy: Fixtures.tuesday.addingTimeInterval(9), limit: 1)
        try store.recordAnswers([.acknowledged(id: jobs[0].id, reference: "DOR-1")], now: Fixtures.tuesday)
        // What the kiosk keeps beside the register: an account, an acknowledged alert, a metal price (two audited).
        try store.insertStaffAccount(StaffAccount(name: "Anna", role: .staff, createdAt: Fixtures.tuesday),
                                     pinHash: StaffPINHash(pin: "1234", iterations: 100).encoded, onlyIntoEmpty: false, by: "cli")
        let alert = try store.raiseAlert(.lateHit, itemID: "1-1", entryNumber: 1, .alertLateHit, ["item": "1-1", "entry": "1"],
                                         at: Fixtures.tuesday)
        try store.acknowledgeAlert(alert, by: "Olga", note: "politie gebeld", at: Fixtures.tuesday)
        try store.setMetalPrice(MetalPrice(metal: .gold, centsPerGram: 6_500, day: CalendarDate(Fixtures.tuesday), setBy: "Olga"),
                                at: Fixtures.tuesday)
        // The sales register and the police's records (each audited): a sale, a lifted hold order, a written
        // notice, an answered information request.
        let later = Fixtures.tuesday.addingTimeInterval(40 * 86_400)
        _ = try store.recordSale(Sale(itemID: "1-1", soldOn: CalendarDate(later), buyerName: "K. Koper", buyerAddress: nil,
                                      priceCents: 10_000, paymentMethod: .card, clerk: "Piet"), at: later)
        let order = try store.addHoldOrder(itemID: "3-1", orderedOn: CalendarDate(later), until: CalendarDate(later.addingTimeInterval(5 * 86_400)),
                                           officer: "Agent 1", reference: "PL-1", by: "Olga", at: later)
        try store.liftHoldOrder(order.id, note: "vrijgegeven", by: "Olga", at: later)
        _ = try store.addPoliceNotice(reference: "PL-2", officer: "Agent 2", receivedOn: CalendarDate(later), identifier: "GONE-9",
                                      brand: nil, description: "", by: "Olga", at: later)
        let request = try store.addInformationRequest(reference: "PL-3", officer: "Agent 3", receivedOn: CalendarDate(later),
                                                      deadline: CalendarDate(later), selection: .init(identifier: "SN-1"),
                                                      by: "Olga", at: later)
        try store.answerInformationRequest(request.id, note: "per e-mail", by: "Olga", at: later)
        return store
    }

    @Test("Every entry moves with its identity, items, checks, keys, uploads and audit; both verify on one head")
    func moves() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try Self.sqliteRegister(in: folder)
        try await PostgresCluster.withClient { client, cluster in
            let report = try await PostgresRegisterStore.migrate(
                source, photos: nil, shop: Fixtures.shop, tenant: Self.tenant, to: try Self.location(cluster), password: nil,
                logger: PostgresFixtures.logger)
            let sourceHead = try source.head()
            #expect(report.entries == 3 && report.headHash == sourceHead?.hash)
            #expect(report.checks == 1 && report.intakeRequests == 1 && report.uploadJobs == 4 && report.auditEvents == 9)
            #expect(report.staffAccounts == 1 && report.alerts == 1 && report.metalPrices == 1)
            #expect(report.sales == 1 && report.holdOrders == 1 && report.policeNotices == 1 && report.informationRequests == 1)
            let moved = PostgresRegisterStore(client: client, settings: source.settings, logger: PostgresFixtures.logger)
            for number in 1...3 {
                let original = try source.entry(number: number)
                #expect(try await moved.entry(number: number) == original)
            }
            // The clerk signs in at a till of the branch with the PIN she had; the owner's alert and price came along.
            #expect(try await StaffDirectory(store: moved, iterations: 100).signIn(name: "anna", pin: "1234", at: Fixtures.tuesday).name == "Anna")
            let alerts = try await moved.alerts(includeAcknowledged: true)
            #expect(alerts.count == 1 && alerts.first?.acknowledgedBy == "Olga" && alerts.first?.entryNumber == 1)
            #expect(try await moved.metalPrices()[.gold]?.centsPerGram == 6_500)
            let originalChecks = try source.checks(itemID: "1-1")
            #expect(try await moved.checks(itemID: "1-1") == originalChecks)
            // The acknowledged upload stays acknowledged: only the other three are sent from the new register, the
            // sale under the key the register may have seen already.
            let summary = try await moved.outboxSummary(now: Fixtures.tuesday)
            #expect(summary.acknowledged == 1 && summary.queued == 3)
            let saleJob = try #require(try await moved.jobs(statuses: [.queued], limit: 10).first { $0.kind == .sale })
            #expect(saleJob.idempotencyKey == "\(Fixtures.shopID)/sale/1" && saleJob.saleID != nil)
            // The item stays sold; the police's records came along with what happened to them.
            let later = Fixtures.tuesday.addingTimeInterval(40 * 86_400)
            await #expect(throws: SaleError.alreadySold(itemID: "1-1")) {
                try await moved.recordSale(Sale(itemID: "1-1", soldOn: CalendarDate(later), buyerName: "Ander", buyerAddress: nil,
                                                clerk: "Piet"), at: later)
            }
            #expect(try await moved.holdOrders(runningOn: nil).map(\.liftedOn) == [CalendarDate(later)])
            #expect(try await moved.informationRequests(includeAnswered: true).map(\.answeredBy) == ["Olga"])
            try await moved.refreshNotices()
            #expect(try moved.notices(matching: "gone 9").map(\.reference) == ["PL-2"])
            // A retry of the first intake, now at a till on PostgreSQL, finds the entry it made.
            let retried = try await moved.register(Fixtures.intake(serial: "SN-1"), at: Fixtures.tuesday, idempotencyKey: "till-1/1",
                                                   records: RegistrationRecords())
            #expect(retried.replayed && retried.entry.entryNumber == 1)
            // And the register carries on where SQLite stopped.
            #expect(try await moved.append(Fixtures.intake(serial: "SN-4", paymentMethod: .card), at: Fixtures.tuesday).entryNumber == 4)
            #expect(try await moved.verify().entryCount == 4)
            // Moving it a second time is refused: the branch is no longer empty.
            await #expect(throws: PostgresRegisterStore.ImportRefusal.targetNotEmpty(entries: 4)) {
                try await moved.importRegister(from: source)
            }
        }
    }

    @Test("The photos the entries name move with them into the branch's database; one the folder lacks is reported")
    func photosMove() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try Fixtures.store(in: folder)
        let photos = PhotoStore(folder: folder.path + "/photos")
        let kept = try photos.put(Data(PhotoStoreTests.png()), day: CalendarDate(Fixtures.tuesday))
        let lost = PhotoReference(sha256: String(repeating: "b", count: 64), mediaType: "image/jpeg")
        for (serial, photo) in [("SN-1", kept), ("SN-2", lost), ("SN-3", kept)] {
            var intake = Fixtures.intake(serial: serial, paymentMethod: .card)
            intake.items[0].photos = [photo]
            _ = try source.append(intake, at: Fixtures.tuesday)
        }
        try await PostgresCluster.withClient { client, _ in
            let target = try await PostgresFixtures.store(client)
            let report = try await target.importRegister(from: source, photos: photos)
            #expect(report.entries == 3 && report.photos == 1 && report.photosMissing == [lost.sha256])
            let archive = PostgresPhotoArchive(client: client, branchID: target.branchID, limits: PhotoLimits(), logger: PostgresFixtures.logger)
            #expect(try await archive.photo(kept) == Data(PhotoStoreTests.png()))
        }
    }

    @Test("A register whose identities were erased after retention moves with its purge event, and verifies")
    func purgedMoves() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = try Self.sqliteRegister(in: folder)
        let years = Fixtures.tuesday.addingTimeInterval(20 * 365 * 86_400)
        let purged = try source.purge(today: CalendarDate(years), at: years, actor: "retention", photos: nil)
        #expect(purged.erased == [1, 2, 3] && purged.event != nil)
        try await PostgresCluster.withClient { client, _ in
            let target = try await PostgresFixtures.store(client)
            let report = try await target.importRegister(from: source)
            #expect(report.entries == 3 && report.registerEvents == 1)
            #expect(try await target.entry(number: 1)?.seller == nil)
            #expect(try await target.verify().isIntact)
            // Nothing is left to erase, and nothing is erased twice.
            #expect(try await target.purgePlan(today: CalendarDate(years)).erased.isEmpty)
        }
    }

    @Test("A register that does not verify is not moved, and nothing is written")
    func refusals() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let target = try await PostgresFixtures.store(client)
            // An altered entry: the copy would carry the damage.
            let damagedFolder = try TemporaryFolder()
            defer { damagedFolder.remove() }
            let damaged = try Self.sqliteRegister(in: damagedFolder)
            try await damaged.dbPool.writeWithoutTransaction { db in
                try db.execute(sql: "DROP TRIGGER entry_no_update")
                try db.execute(sql: "UPDATE entry SET clerk = 'Kees' WHERE entry_number = 2")
            }
            await #expect(throws: PostgresRegisterStore.ImportRefusal.sourceDamaged(.indexAltered(entryNumber: 2, column: "clerk"))) {
                try await target.importRegister(from: damaged)
            }
            #expect(try await target.entryCount() == 0)
            #expect(try await target.outboxSummary(now: Fixtures.tuesday).queued == 0)
        }
    }

    @Test("migrate-to-postgres from the command line: moved and verified; a password in the URL or another branch is refused")
    func commandLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Fixtures.setUpShop(in: folder)
        for _ in 0..<2 {
            let added = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
            #expect(added.status == 0, "\(added.stderr)")
        }
        try await PostgresCluster.withClient { client, cluster in
            let url = "postgres://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres?sslmode=disable"
            let withPassword = try await runProcess(Fixtures.kioskBinary, [
                "migrate-to-postgres", "--data", folder.path, "--branch", Fixtures.shopID,
                "--database", "postgres://\(cluster.user):geheim@127.0.0.1:\(cluster.port)/postgres"])
            #expect(withPassword.status == 1)
            #expect(withPassword.stderr.contains("not in the URL") && !withPassword.stderr.contains("geheim"))
            let otherBranch = try await runProcess(Fixtures.kioskBinary, [
                "migrate-to-postgres", "--data", folder.path, "--branch", "12345678/000000000099", "--database", url])
            #expect(otherBranch.status == 1 && otherBranch.stderr.contains("is not this shop"))
            let moved = try await runProcess(Fixtures.kioskBinary, [
                "migrate-to-postgres", "--data", folder.path, "--branch", Fixtures.shopID, "--database", url])
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout.contains("Moved 2 entries of branch \(Fixtures.shopID)"))
            #expect(moved.stdout.contains("Both registers verify and end on entry 2"))
            let store = PostgresRegisterStore(client: client, settings: RegisterSettings(shopID: Fixtures.shopID, sellerKeySecret: Data()),
                                              logger: PostgresFixtures.logger)
            #expect(try await store.entryCount() == 2)
            let again = try await runProcess(Fixtures.kioskBinary, [
                "migrate-to-postgres", "--data", folder.path, "--branch", Fixtures.shopID, "--database", url])
            #expect(again.status == 1 && again.stderr.contains("Nothing was moved") && again.stderr.contains("already holds 2 entries"))
            // The technician's commands work on the branch: verify, the queue's status, draining it to the register.
            let database = ["--database", url, "--branch", Fixtures.shopID]
            let verified = try await runProcess(Fixtures.kioskBinary, ["verify", "--data", folder.path] + database)
            #expect(verified.status == 0 && verified.stdout.contains("Register intact: 2 entries"), "\(verified.stderr)")
            #expect(verified.stdout.contains("the branch's counter on its last entry"))
            let status = try await runProcess(Fixtures.kioskBinary, ["queue", "status", "--json", "--data", folder.path] + database)
            #expect(status.stdout.contains("\"queued\":2"), "\(status.stdout) \(status.stderr)")
            let sim = try await RegisterSimulator(settings: .init(dataFolder: folder.path + "/sim")).start(logger: .quiet)
            let drained = try await runProcess(Fixtures.kioskBinary, ["queue", "drain", "--data", folder.path, "--register", sim.url,
                                                                      "--timeout", "30"] + database)
            await sim.stop()
            #expect(drained.status == 0 && drained.stdout.contains("\"acknowledged\":2"), "\(drained.stdout) \(drained.stderr)")
            #expect(try await store.outboxSummary(now: Date()).acknowledged == 2)
            // With database.url in config.json, the commands use the branch without being told.
            var config = try ConfigurationLoader.load(path: folder.path + "/config.json")
            config.database = .init(url: url)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(config).write(to: URL(fileURLWithPath: folder.path + "/config.json"))
            let configured = try await runProcess(Fixtures.kioskBinary, ["queue", "status", "--json", "--data", folder.path])
            #expect(configured.stdout.contains("\"acknowledged\":2"), "\(configured.stdout) \(configured.stderr)")
            // An intake from the command line goes through the engine onto the branch.
            let added = try await runProcess(Fixtures.kioskBinary, ["intake", "add", "--data", folder.path], input: try Fixtures.exampleJSON)
            #expect(added.status == 0 && added.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "3", "\(added.stderr)")
            #expect(try await store.entryCount() == 3)
            // Today's log, read from the branch: the two moved entries and the one just added.
            let log = try await runProcess(Fixtures.kioskBinary, ["log", "--format", "json", "--data", folder.path,
                                                                  "--date", CalendarDate(Date()).iso])
            #expect(log.status == 0 && log.stdout.contains("\"count\" : 3") && log.stdout.contains("\"entryNumber\" : 3"),
                    "\(log.stdout) \(log.stderr)")
            // The owner's search reads the branch too.
            let found = try await runProcess(Fixtures.kioskBinary, ["search", "--serial", "GS 7731 B", "--json", "--data", folder.path])
            #expect(found.status == 0 && found.stdout.contains("\"entryNumber\" : 1") && found.stdout.contains("\"entryNumber\" : 3"), "search: \(found.stdout) \(found.stderr)")
            // And the erasure after retention: nothing is due yet on the branch.
            let purge = try await runProcess(Fixtures.kioskBinary, ["purge", "--dry-run", "--data", folder.path])
            #expect(purge.status == 0 && purge.stdout.contains("Nothing would be erased"), "purge: \(purge.stdout) \(purge.stderr)")
            // A server that is not there is said at once, in words.
            let file = try await runProcess(Fixtures.kioskBinary, ["queue", "status", "--json", "--data", folder.path,
                                                                    "--database", "postgres://x@127.0.0.1:1/none?sslmode=disable"])
            #expect(file.status == 1 && file.stderr.contains("cannot be reached"), "\(file.stdout) \(file.stderr)")
        }
    }
}
