/// Why the kiosk server cannot start, in words a technician can act on.
enum KioskStartError: Error, CustomStringConvertible {
    /// A host other than this machine without a certificate: the shop LAN would see PINs in clear text.
    case lanWithoutTLS(host: String)
    /// The certificate or key file cannot be used.
    case tlsFiles(certificate: String, key: String, detail: String)

    var description: String {
        switch self {
        case .lanWithoutTLS(let host):
            "Serving on \(host) makes the kiosk reachable from other machines, so it must use HTTPS: set "
                + "kiosk.tlsCertificate and kiosk.tlsKey (PEM files) in config.json, or serve on 127.0.0.1."
        case .tlsFiles(let certificate, let key, let detail):
            "Cannot use the TLS certificate \(certificate) with key \(key): \(detail). "
                + "Both must be readable PEM files, and the key must belong to the certificate."
        }
    }
}
