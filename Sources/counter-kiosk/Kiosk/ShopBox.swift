import Counter
import NIOConcurrencyHelpers

/// The shop as the pages and prints show it now: set at start from config.json, replaced when the owner sets
/// the shop up on the first-start page (the store's shop id changes with it, ``ShopSetup/apply``).
final class ShopBox: Sendable {
    private let box: NIOLockedValueBox<CounterConfiguration.Shop>

    init(_ shop: CounterConfiguration.Shop) { box = NIOLockedValueBox(shop) }

    var shop: CounterConfiguration.Shop {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}
