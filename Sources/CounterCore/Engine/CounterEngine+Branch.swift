import Foundation
import Logging

extension CounterEngine {
    /// On PostgreSQL, where several kiosk processes share a branch: follows the branch's events (LISTEN/NOTIFY,
    /// `BranchEvent`) until cancelled, so each process learns within a second what another did:
    /// - a list imported for the branch (`hotlist import`) is taken into this process's data folder, and the
    ///   hotlist watcher then re-checks held goods and tells the pages;
    /// - an alert raised anywhere in the branch reaches this process's owner pages at once;
    /// - an entry registered at another till refreshes the owner's day log;
    /// - a written police notice added or withdrawn at another till is checked against at this one.
    ///
    /// At start (and after a lost connection) it takes the branch's newest list, so a till that was off during
    /// an import catches up. A lost connection is retried every few seconds; the 1-second alert poll and the
    /// file watch carry on meanwhile.
    func followBranch() async {
        guard let branch = parts.store as? PostgresRegisterStore else { return }
        while !Task.isCancelled {
            do {
                try await branch.withBranchEvents { events in
                    // Listening first, then catching up: an import in between is not missed.
                    await self.takeBranchHotlist(branch)
                    await self.refreshNotices(branch)
                    for try await event in events {
                        switch event.kind {
                        case .hotlistReloaded:
                            await self.takeBranchHotlist(branch)
                        case .alertRaised:
                            await self.publishNewAlerts()
                        case .policeNoticesChanged:
                            await self.refreshNotices(branch)
                        case .entryRegistered:
                            guard event.origin != branch.processID, let number = event.entryNumber else { continue }
                            self.ownerEvents.publish(CounterEvent(.registered, ElsewhereRegistered(entryNumber: number)))
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("branch events lost; listening again shortly", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(3))
        }
    }

    /// Reloads the branch's written police notices every ``PoliceNoticeWatch/refreshInterval`` (besides when told
    /// of a change), so a lost event costs at most that long; a copy that cannot be reloaded for
    /// ``PoliceNoticeWatch/maximumAge`` makes the counter's checks "not checked".
    func followPoliceNotices() async {
        guard let branch = parts.store as? PostgresRegisterStore else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(PoliceNoticeWatch.refreshInterval))
            await refreshNotices(branch)
        }
    }

    func refreshNotices(_ branch: PostgresRegisterStore) async {
        do {
            try await branch.refreshNotices()
        } catch {
            logger.error("could not read the police's written notices", metadata: ["error": "\(error)"])
        }
    }

    /// An entry registered by another process of the branch, as the owner's pages learn of it.
    struct ElsewhereRegistered: Encodable {
        var entryNumber: Int
        var elsewhere = true
    }

    /// Puts the branch's newest list in this process's data folder when it differs from the one there.
    func takeBranchHotlist(_ branch: PostgresRegisterStore) async {
        do {
            guard let (id, content) = try await branch.newestHotlist() else { return }
            if try parts.checker.hotlistSource.install(content) {
                logger.info("took the branch's stolen-goods list", metadata: ["list": "\(id)", "bytes": "\(content.count)"])
            }
        } catch {
            logger.error("could not take the branch's stolen-goods list", metadata: ["error": "\(error)"])
        }
    }
}
