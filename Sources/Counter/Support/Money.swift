import Foundation

/// Euro amounts as the shop writes them: `€ 1.234,50` in Dutch, `125.00` in CSV.
public enum Money {
    /// `1234,50` style with a decimal comma and thousands dots.
    public static func dutch(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let abs = Swift.abs(cents)
        var euros = String(abs / 100)
        var grouped = ""
        while euros.count > 3 {
            grouped = "." + euros.suffix(3) + grouped
            euros = String(euros.dropLast(3))
        }
        return "€ \(sign)\(euros)\(grouped),\(String(format: "%02d", abs % 100))"
    }

    /// `1234.50`: a plain decimal for spreadsheets and JSON consumers.
    public static func plain(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(Swift.abs(cents) / 100).\(String(format: "%02d", Swift.abs(cents) % 100))"
    }
}
