import ArgumentParser
import Counter
import Foundation
import Hummingbird
import Logging
import RegisterSimulator

/// `register-sim`: a stand-in register on 127.0.0.1 for tests and demonstrations.
struct RegisterSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register-sim",
        abstract: "Run a register simulator (docs/register-api.yaml) on 127.0.0.1, with fault injection.",
        discussion: """
            The first line on standard output is `listening on http://127.0.0.1:PORT`. What it accepts is kept in \
            DIR/register-sim.sqlite; GET /sim/entries lists it with how often each key was received.
            """)

    @Option(help: "Port on 127.0.0.1; 0 picks a free one.")
    var port: Int = 0

    @Option(help: ArgumentHelp("Folder for the simulator's own database.", valueName: "dir"))
    var data: String

    @Option(help: "Require this bearer token.")
    var token: String?

    @Option(help: "Share of requests answered HTTP 500/503 without storing (0–1).")
    var failRate: Double = 0

    @Option(name: .customLong("latency-ms"), help: "Milliseconds to wait before handling each request.")
    var latencyMs: Int = 0

    @Option(help: "Share of requests never answered (0–1).")
    var timeoutRate: Double = 0

    @Option(help: "Share of batches stored and then left unanswered, the connection closed (0–1).")
    var dropAfterCommit: Double = 0

    @Option(help: ArgumentHelp("Reject entries containing this payload field (with a leading !, entries missing it).",
                               valueName: "name"))
    var rejectField: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        for (name, rate) in [("--fail-rate", failRate), ("--timeout-rate", timeoutRate), ("--drop-after-commit", dropAfterCommit)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        if latencyMs < 0 { throw ValidationError("--latency-ms must not be negative") }
    }

    func run() async throws {
        let faults = SimulatorFaults(failRate: failRate, latencyMilliseconds: latencyMs, timeoutRate: timeoutRate,
                                     dropAfterCommitRate: dropAfterCommit, rejectField: rejectField)
        let simulator: RegisterSimulator
        do {
            simulator = try RegisterSimulator(settings: .init(port: port, dataFolder: data, token: token, faults: faults))
        } catch {
            throw CLIError("Cannot open the simulator's database in \(data): \(error)")
        }
        var logger = Logger(label: "register-sim")
        logger.logLevel = .warning
        let app = simulator.application(logger: logger) { port in
            // Written straight to the descriptor: a pipe's stdout buffer would hold the line back from the test.
            FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
        }
        try await app.runService()
    }
}
