// The layout tables. Each string has one Unicode scalar per key position of the row (see the rows in
// KeyboardLayout.swift); "\u{0}" is a position without a symbol on that level, and a combining mark
// (U+0300–U+030F, U+0327) is a dead key. Checked against xkeyboard-config 2.35 (`us`, `nl`, `be`): the
// positions hardware.md lists were verified there with libxkbcommon.

extension KeyboardLayout {
    /// US (the factory default of nearly every scanner, and the recommended setting).
    public static let us = KeyboardLayout(name: "us", rows: [
        (numberRow, "`1234567890-=", "~!@#$%^&*()_+", nil),
        (topRow, "qwertyuiop[]\\", "QWERTYUIOP{}|", nil),
        (homeRow, "asdfghjkl;'", "ASDFGHJKL:\"", nil),
        (bottomRow, "<zxcvbnm,./", ">ZXCVBNM<>?", nil),
    ])

    /// Dutch (`nl`): letters and digits as US, but `-` and `/` swap places and `+ " & _ ( ) '` move.
    /// The apostrophe key is a dead acute, the key left of Enter a dead diaeresis/circumflex.
    public static let nl = KeyboardLayout(name: "nl", rows: [
        (numberRow, "@1234567890/°", "§!\"#$%&_()'?\u{303}",
         "¬¹²³¼½¾£{}°\\\u{327}"),
        (topRow, "qwertyuiop\u{308}*<", "QWERTYUIOP\u{302}|>", "\u{0}\u{0}€¶\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{303}\u{300}"),
        (homeRow, "asdfghjkl+\u{301}", "ASDFGHJKL±\u{300}", "\u{0}ß\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{301}'"),
        (bottomRow, "]zxcvbnm,.-", "[ZXCVBNM;:=", "|«»¢\u{0}\u{0}\u{0}µ\u{0}·\u{0}"),
    ])

    /// Belgian AZERTY (`be`): digits need Shift, A/Q, Z/W and M move, `@ # [ ] { } | \ ~` need AltGr.
    public static let be = KeyboardLayout(name: "be", rows: [
        (numberRow, "²&é\"'(§è!çà)-", "³1234567890°_",
         "\u{0}|@#\u{0}\u{0}^\u{0}\u{0}{}\u{0}\u{0}"),
        (topRow, "azertyuiop\u{302}$µ", "AZERTYUIOP\u{308}*£", "\u{0}\u{0}€\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}[]\u{300}"),
        (homeRow, "qsdfghjklmù", "QSDFGHJKLM%", "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{301}"),
        (bottomRow, "<wxcvbn,;:=", ">WXCVBN?./+", "\\\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{303}"),
    ])
}
