/// Compares secrets (a PIN's hash, a key check, an authentication code) in time that does not depend on where they
/// differ, so a caller timing the answer learns nothing of how much was right. Used by the chip's MACs and
/// tokens and by the engine's PIN hashes, backup keys and manifests.
public enum ConstantTime {
    public static func equal(_ a: some Sequence<UInt8>, _ b: some Sequence<UInt8>) -> Bool {
        let a = Array(a), b = Array(b)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
