import Foundation
import Logging
import PostgresNIO
import Testing
@testable import CounterCore
@testable import CounterDevices

/// What PostgreSQL adds to the register (issue 15): tills writing at once, branches side by side, and the
/// database keeping the register's rules whoever connects.
@Suite("The register on PostgreSQL: tills, branches, the database's own rules")
struct PostgresRegisterStoreTests {
    /// The SQLSTATE of a refused statement.
    static func state(of body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as PSQLError {
            return error.serverInfo?[.sqlState]
        } catch {
            return "\(error)"
        }
    }

    @Test("Eight tills registering at once on one branch get 1…400 without a gap; another branch counts on its own")
    func concurrentTills() async throws {
        try await PostgresCluster.withClient { client, _ in
            let deventer = try await PostgresFixtures.store(client)
            let zwolle = try await PostgresFixtures.store(client, branch: PostgresFixtures.otherBranch)
            let numbers = try await withThrowingTaskGroup(of: (String, [Int]).self) { group in
                for till in 0..<8 {
                    group.addTask {
                        var mine: [Int] = []
                        for i in 0..<50 {
                            let intake = Fixtures.intake(clerk: "till-\(till)", serial: "SN-\(till)-\(i)", paymentMethod: .card)
                            mine.append(try await deventer.append(intake, at: Fixtures.tuesday).entryNumber)
                        }
                        return (deventer.branchID, mine)
                    }
                }
                group.addTask {
                    var mine: [Int] = []
                    for i in 0..<20 {
                        mine.append(try await zwolle.append(Fixtures.intake(serial: "ZW-\(i)", paymentMethod: .card), at: Fixtures.tuesday).entryNumber)
                    }
                    return (zwolle.branchID, mine)
                }
                return try await group.reduce(into: [String: [Int]]()) { $0[$1.0, default: []] += $1.1 }
            }
            #expect(numbers[deventer.branchID]?.sorted() == Array(1...400))
            #expect(numbers[zwolle.branchID] == Array(1...20))
            let verified = try await deventer.verify()
            #expect(verified.isIntact && verified.entryCount == 400)
            #expect(try await zwolle.verify().entryCount == 20)
            // Each branch's chain starts at the beginning, and its entries carry its own shop id.
            #expect(try await zwolle.entry(number: 1)?.previousHash == RegisterEntry.genesisHash)
            #expect(try await zwolle.entry(number: 1)?.shopID == "12345678/000087654321")
            #expect(try await deventer.outboxSummary(now: Fixtures.tuesday).queued == 400)
        }
    }

    @Test("Two tills paying one seller €2 000 cash each at the same moment: exactly one is registered")
    func concurrentCash() async throws {
        try await PostgresCluster.withClient { client, _ in
            let store = try await PostgresFixtures.store(client)
            var twoThousand = Fixtures.intake()
            twoThousand.priceCents = 200_000
            let intake = twoThousand
            let now = Date(timeIntervalSince1970: 1_780_000_000)
            let results = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<2 {
                    group.addTask { (try? await store.append(intake, at: now)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await store.entryCount() == 1)
        }
    }

    @Test("Two upload workers claiming at once never get the same job, and together get every job")
    func skipLocked() async throws {
        try await PostgresCluster.withClient { client, _ in
            let store = try await PostgresFixtures.store(client)
            for i in 0..<40 { _ = try await store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            let claims = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var mine: [Int] = []
                        while true {
                            let jobs = try await store.claimDueJobs(now: Fixtures.tuesday, answerBy: Fixtures.tuesday.addingTimeInterval(60), limit: 3)
                            if jobs.isEmpty { return mine }
                            mine += jobs.map(\.entryNumber)
                        }
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(Set(claims[0]).isDisjoint(with: claims[1]))
            #expect((claims[0] + claims[1]).sorted() == Array(1...40))
        }
    }

    @Test("A till's role appends but cannot change or delete; the owner's cannot either; no entry out of turn")
    func databaseKeepsTheRules() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let owner = try await PostgresFixtures.store(client)
            _ = try await owner.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday)
            try await client.query("CREATE ROLE till_deventer_1 LOGIN IN ROLE counter_kiosk")
            let tillClient = cluster.client(user: "till_deventer_1")
            try await cluster.running(tillClient) { tillClient in
                let till = PostgresRegisterStore(client: tillClient, settings: owner.settings, logger: PostgresFixtures.logger)
                // Everything a till does is allowed…
                #expect(try await till.append(Fixtures.intake(serial: "SN-2", paymentMethod: .card), at: Fixtures.tuesday).entryNumber == 2)
                let jobs = try await till.claimDueJobs(now: Fixtures.tuesday, answerBy: Fixtures.tuesday.addingTimeInterval(9), limit: 5)
                try await till.recordAnswers(jobs.map { .acknowledged(id: $0.id, reference: nil) }, now: Fixtures.tuesday)
                try await till.appendAuditEvent(.signInOK, actor: "Anna", subject: nil, detail: "", at: Fixtures.tuesday)
                // …and changing the register is not (42501: insufficient privilege).
                #expect(await Self.state { try await tillClient.query("UPDATE entry SET clerk = 'X' WHERE entry_number = 1") } == "42501")
                #expect(await Self.state { try await tillClient.query("DELETE FROM entry_item") } == "42501")
                #expect(await Self.state { try await tillClient.query("DELETE FROM audit_event") } == "42501")
                #expect(await Self.state { try await tillClient.query("TRUNCATE upload_job CASCADE") } == "42501")
                // Its one UPDATE on jobs changes statuses only, and an acknowledged job not at all (23000: the trigger).
                #expect(await Self.state { try await tillClient.query("UPDATE upload_job SET payload = 'x'::bytea") } == "23000")
                #expect(await Self.state { try await tillClient.query("UPDATE upload_job SET status = 'queued'") } == "23000")
            }
            // The owner of the tables is held by the triggers.
            #expect(await Self.state { try await client.query("UPDATE entry SET clerk = 'X' WHERE entry_number = 1") } == "23000")
            #expect(await Self.state { try await client.query("DELETE FROM entry WHERE entry_number = 2") } == "23000")
            #expect(await Self.state { try await client.query("TRUNCATE audit_event") } == "23000")
            #expect(await Self.state { try await client.query("UPDATE seller_identity SET identity = 'x'::bytea") } == "23000")
            #expect(await Self.state { try await client.query("UPDATE branch_counter SET last_number = 9") } == "23000")
            // An entry that is not the branch's next on its head is refused, whoever writes it.
            #expect(await Self.state {
                try await client.query("""
                    INSERT INTO entry (branch_id, entry_number, recorded_at, day, clerk, price_cents, content, previous_hash, hash)
                    VALUES ('12345678/000012345678', 4, 'x', '2025-11-18', 'X', 0, 'x'::bytea, 'x', 'y')
                    """)
            } == "23000")
            // Erasing an identity is the one change it allows.
            try await client.query("""
                UPDATE seller_identity SET identity = NULL, salt = NULL, seller_key = NULL, erased_on = '2032-01-01'
                WHERE entry_number = 1
                """)
            #expect(try await owner.entry(number: 1)?.seller == nil)
            #expect(try await owner.verify().firstProblem == .identityErasedWithoutEvent(entryNumber: 1))
        }
    }

    @Test("verify finds what was changed behind the triggers' back: an item row, a seller key, an identity, a column, the content")
    func verifyFindsTampering() async throws {
        try await PostgresCluster.withClient { client, _ in
            let store = try await PostgresFixtures.store(client)
            for i in 1...3 { _ = try await store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            #expect(try await store.verify().isIntact)
            // Only the tables' owner can switch the triggers off; what it then does still shows.
            try await client.query("ALTER TABLE entry_item DISABLE TRIGGER USER")
            try await client.query("UPDATE entry_item SET identifier = 'SN-X' WHERE entry_number = 3")
            #expect(try await store.verify().firstProblem == .indexAltered(entryNumber: 3, column: "entry_item"))
            try await client.query("ALTER TABLE seller_identity DISABLE TRIGGER USER")
            try await client.query("UPDATE seller_identity SET seller_key = 'someone-else' WHERE entry_number = 2")
            #expect(try await store.verify().firstProblem == .indexAltered(entryNumber: 2, column: "seller_identity.seller_key"))
            try await client.query("""
                UPDATE seller_identity SET identity = convert_to(replace(convert_from(identity, 'UTF8'), 'Jansen', 'Pietersen'), 'UTF8')
                WHERE entry_number = 2
                """)
            #expect(try await store.verify().firstProblem == .identityAltered(entryNumber: 2))
            try await client.query("ALTER TABLE entry DISABLE TRIGGER USER")
            try await client.query("UPDATE entry SET clerk = 'Kees' WHERE entry_number = 1")
            #expect(try await store.verify().firstProblem == .indexAltered(entryNumber: 1, column: "clerk"))
            try await client.query("UPDATE entry SET clerk = 'Anna', content = content || ' '::bytea WHERE entry_number = 1")
            #expect(try await store.verify().firstProblem == .contentAltered(entryNumber: 1))
        }
    }

    @Test("A branch cut short or rewritten consistently on the server (triggers off, counter moved back) is caught by a PC's anchor")
    func anchorOutsideTheServer() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await PostgresCluster.withClient { client, _ in
            _ = try await PostgresFixtures.store(client)
            let anchor = RegisterAnchor(path: PostgresRegisterStore.anchorPath(folder: folder.path, branchID: PostgresFixtures.branch.id))
            let store = PostgresRegisterStore(client: client, settings: RegisterSettings(shopID: PostgresFixtures.branch.id,
                                                                                       sellerKeySecret: Fixtures.secret),
                                              logger: PostgresFixtures.logger, anchor: anchor)
            var third: RegisterEntry?
            for i in 1...3 { third = try await store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            #expect(anchor.latest() == RegisterAnchor.Head(entryNumber: 3, hash: third!.hash))
            #expect(try await store.verify().isIntact)
            // The tables' owner removes entry 3 and moves the counter back: the chain on the server is whole again.
            for table in ["entry", "entry_item", "seller_identity", "upload_job", "branch_counter"] {
                try await client.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DISABLE TRIGGER USER"))
            }
            try await client.query("DELETE FROM upload_job WHERE entry_number = 3")
            try await client.query("DELETE FROM entry_item WHERE entry_number = 3")
            try await client.query("DELETE FROM seller_identity WHERE entry_number = 3")
            try await client.query("DELETE FROM item_key WHERE entry_number = 3")
            try await client.query("DELETE FROM seller_search WHERE entry_number = 3")
            try await client.query("DELETE FROM entry WHERE entry_number = 3")
            try await client.query("""
                UPDATE branch_counter SET last_number = 2, last_hash = (SELECT hash FROM entry WHERE entry_number = 2)
                """)
            let unwitnessed = PostgresRegisterStore(client: client, settings: store.settings, logger: PostgresFixtures.logger)
            #expect(try await unwitnessed.verify().isIntact)
            #expect(try await store.verify().firstProblem == .entriesMissing(anchored: 3, present: 2))
            // Another entry 3 in its place: the number is there, but it is not the entry this PC registered.
            for table in ["entry", "entry_item", "seller_identity", "upload_job", "branch_counter"] {
                try await client.query(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ENABLE TRIGGER USER"))
            }
            _ = try await unwitnessed.append(Fixtures.intake(serial: "SN-OTHER", paymentMethod: .card), at: Fixtures.tuesday)
            #expect(try await store.verify().firstProblem == .anchorMismatch(entryNumber: 3))
        }
    }

    @Test("An identity emptied without an erasure day is altered, not erased; erased with a day it wants its purge event")
    func identityEmptied() async throws {
        try await PostgresCluster.withClient { client, _ in
            let store = try await PostgresFixtures.store(client)
            for i in 1...2 { _ = try await store.append(Fixtures.intake(serial: "SN-\(i)", paymentMethod: .card), at: Fixtures.tuesday) }
            try await client.query("ALTER TABLE seller_identity DISABLE TRIGGER USER")
            try await client.query("UPDATE seller_identity SET identity = NULL, salt = NULL WHERE entry_number = 2")
            #expect(try await store.verify().firstProblem == .identityAltered(entryNumber: 2))
            // A day set, with the identity still there: an erasure no purge accounts for.
            try await client.query("UPDATE seller_identity SET erased_on = '2032-01-01' WHERE entry_number = 1")
            #expect(try await store.verify().firstProblem == .identityErasedWithoutEvent(entryNumber: 1))
        }
    }

    @Test("A till of a branch the database does not know is told so, and writes nothing")
    func unknownBranch() async throws {
        try await PostgresCluster.withClient { client, _ in
            let known = try await PostgresFixtures.store(client)
            let stranger = PostgresRegisterStore(
                client: client, settings: RegisterSettings(shopID: "87654321/000000000001", sellerKeySecret: Fixtures.secret),
                logger: PostgresFixtures.logger)
            await #expect(throws: RegisterStoreError.unknownBranch("87654321/000000000001")) {
                try await stranger.append(Fixtures.intake(), at: Fixtures.tuesday)
            }
            #expect(try await known.entryCount() == 0)
        }
    }

    @Test("Two kiosk processes of a branch: each sees the other's entries and hotlist reload within 2 s, and none of another branch")
    func branchEvents() async throws {
        try await PostgresCluster.withClient { clientA, cluster in
            let tillA = try await PostgresFixtures.store(clientA)
            let zwolle = try await PostgresFixtures.store(clientA, branch: PostgresFixtures.otherBranch)
            // The second process: a client (connection pool) of its own.
            try await cluster.running(cluster.client()) { clientB in
                let tillB = PostgresRegisterStore(client: clientB, settings: tillA.settings, logger: PostgresFixtures.logger)
                let seen = try await tillB.withBranchEvents { events in
                    let sent = Task {
                        _ = try await zwolle.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday)
                        _ = try await tillA.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday)
                        try await tillA.publish(.hotlistReloaded)
                    }
                    defer { sent.cancel() }
                    let started = ContinuousClock.now
                    let seen = try await withDeadline(.seconds(5)) {
                        var seen: [BranchEvent] = []
                        for try await event in events {
                            seen.append(event)
                            if seen.count == 2 { break }
                        }
                        return seen
                    }
                    #expect(ContinuousClock.now - started < .seconds(2))
                    return seen
                }
                #expect(seen.map(\.kind) == [.entryRegistered, .hotlistReloaded])
                #expect(seen.first?.entryNumber == 1)
                #expect(seen.allSatisfy { $0.origin == tillA.processID && $0.branchID == tillA.branchID })
                #expect(tillA.processID != tillB.processID)
            }
        }
    }

    @Test("Tills opened on a branch share its seller key: a seller's cash at one till counts at the other")
    func sharedSellerKey() async throws {
        try await PostgresCluster.withClient { client, cluster in
            try await PostgresRegisterStore.migrate(client, logger: PostgresFixtures.logger)
            try await PostgresFixtures.branch.add(to: client, logger: PostgresFixtures.logger)
            let config = {
                var config = CounterConfiguration.defaults
                config.shop = Fixtures.shop
                return config
            }()
            let tillA = try await PostgresRegisterStore.open(client: client, configuration: config, branchID: Fixtures.shopID,
                                                             logger: PostgresFixtures.logger, workerName: "till-1")
            try await cluster.running(cluster.client()) { otherClient in
                let tillB = try await PostgresRegisterStore.open(client: otherClient, configuration: config, branchID: Fixtures.shopID,
                                                                 logger: PostgresFixtures.logger, workerName: "till-2")
                #expect(tillA.settings.sellerKeySecret == tillB.settings.sellerKeySecret)
                #expect(tillA.settings.sellerKeySecret.count == 32 && tillA.settings.sellerKeySecret != Fixtures.secret)
                var intake = Fixtures.intake()
                intake.priceCents = 200_000
                let now = Date(timeIntervalSince1970: 1_780_000_000)
                _ = try await tillA.append(intake, at: now)
                await #expect(throws: IntakeError.self) { try await tillB.append(intake, at: now.addingTimeInterval(60)) }
            }
            await #expect(throws: RegisterStoreError.unknownBranch("12345678/000000000404")) {
                try await PostgresRegisterStore.open(client: client, configuration: config, branchID: "12345678/000000000404",
                                                     logger: PostgresFixtures.logger)
            }
        }
    }

    @Test("The head office's role reads every branch and writes nothing; the branches' seller keys stay hidden from it")
    func headOfficeRole() async throws {
        try await PostgresCluster.withClient { client, cluster in
            let deventer = try await PostgresFixtures.store(client)
            let zwolle = try await PostgresFixtures.store(client, branch: PostgresFixtures.otherBranch)
            _ = try await deventer.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday)
            _ = try await zwolle.append(Fixtures.intake(paymentMethod: .card), at: Fixtures.tuesday)
            try await client.query("CREATE ROLE head_office_anna LOGIN IN ROLE counter_head_office")
            try await cluster.running(cluster.client(user: "head_office_anna")) { office in
                var perBranch: [String: Int] = [:]
                for try await (branch, count) in try await office.query("SELECT branch_id, count(*) FROM entry GROUP BY branch_id")
                    .decode((String, Int).self) {
                    perBranch[branch] = count
                }
                #expect(perBranch == [deventer.branchID: 1, zwolle.branchID: 1])
                #expect(await Self.state { try await office.query("SELECT seller_key_secret FROM branch") } == "42501")
                #expect(await Self.state { try await office.query("SELECT id, municipality FROM branch") } == nil)
                #expect(await Self.state {
                    try await office.query("INSERT INTO audit_event (branch_id, at, at_ms, actor, action, detail) VALUES ('x', 'x', 0, 'x', 'x', 'x')")
                } == "42501")
                #expect(await Self.state { try await office.query("UPDATE upload_job SET status = 'queued'") } == "42501")
            }
        }
    }
}
