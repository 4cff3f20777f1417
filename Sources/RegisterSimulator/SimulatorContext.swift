import Hummingbird
import NIOCore

/// The request context of the simulator: Hummingbird's basic context plus the connection's channel, so a
/// fault can close the connection without an answer.
struct SimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
