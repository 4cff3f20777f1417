/// Chooses the reading settings for a configured scanner from the profiles.
package enum ScannerProfiles {
    /// The settings for the device a spec names: those of the profile matching its VID:PID (found in
    /// sysfs), else the defaults (US layout, 30 ms gap). stdin always gets the defaults.
    package static func settings(for spec: ScannerSpec, discovery: ScannerDiscovery = ScannerDiscovery()) -> ScannerSettings {
        guard spec != .stdin, let device = discovery.device(for: spec), let id = device.profile,
              let profile = discovery.catalog.profile(id: id) else { return ScannerSettings() }
        return profile.settings
    }

    /// The profile for the device a spec names: the one named, else the one matching its USB IDs.
    package static func profile(for spec: ScannerSpec, named: String? = nil,
                               discovery: ScannerDiscovery = ScannerDiscovery()) -> ScannerProfile? {
        if let named { return discovery.catalog.profile(id: named) }
        guard spec != .stdin, let device = discovery.device(for: spec), let id = device.profile else { return nil }
        return discovery.catalog.profile(id: id)
    }
}
