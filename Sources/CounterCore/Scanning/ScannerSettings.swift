/// How a source frames and decodes scans; a device profile (`ScannerProfile`) supplies these per model.
public struct ScannerSettings: Sendable, Hashable {
    /// Silence that ends a scan without a suffix, in seconds.
    public var gap: Double
    /// Keyboard wedges: the layout the scanner is programmed for (not the desktop's layout).
    public var layout: KeyboardLayout
    /// Keyboard wedges: a character the scanner sends instead of GS (0x1D); it is turned back into GS.
    public var gsSubstitute: Character?
    /// Keyboard wedges: whether Tab ends a scan, like Enter does.
    public var tabEndsScan: Bool
    /// How long to wait between attempts to reopen a device that went away, in seconds.
    public var retryInterval: Double
    /// A scan longer than this is delivered as it is, so a stuck key cannot grow it without end.
    public var maximumLength: Int
    /// Serial sources: whether CR, LF and TAB end a scan. Document readers send several lines in one read
    /// (often inside a frame); for them the bytes are delivered unsplit, ended by the gap.
    public var splitsAtLineEnds: Bool = true

    public init(gap: Double = 0.03, layout: KeyboardLayout = .us, gsSubstitute: Character? = nil,
                tabEndsScan: Bool = true, retryInterval: Double = 0.25, maximumLength: Int = 8192,
                splitsAtLineEnds: Bool = true) {
        self.splitsAtLineEnds = splitsAtLineEnds
        self.gap = gap
        self.layout = layout
        self.gsSubstitute = gsSubstitute
        self.tabEndsScan = tabEndsScan
        self.retryInterval = retryInterval
        self.maximumLength = maximumLength
    }
}
