/// Text made safe for an HTML page: for the printable pages of the kiosk and the manual register form.
package enum HTMLText {
    /// Escapes `text` for element content and attribute values. Control characters (a scanner's CR, GS, …)
    /// are dropped except newlines: they have no business on paper.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if ch.value < 0x20 && ch != "\n" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
