// libFuzzer entry point over every decoder that reads bytes from outside the shop's control: scans
// (AIM, GS1 element strings, Digital Link, the BSN/MRZ safety rule), keyboard and HID POS reports from
// scanners, stolen-goods feeds (CSV and JSON lines), intake JSON, the configuration file, MRZ and reader
// frames, and the structure check of uploaded photos.
//
// Built by scripts/fuzz.sh together with a subset of Sources/CounterCore (the decoders and what they use) as
// one module, over IDScan built as a second module. One binary; the target is chosen with
// COUNTER_FUZZ_TARGET, so each target gets its own corpus, run time and figures.
//
// A decoder must run in time linear in its input: an input that takes longer than 100 ms (after a short
// warm-up) aborts with "SLOW INPUT", which libFuzzer records as a crash file and scripts/fuzz.sh counts
// as a timeout.

import Foundation
import IDScan

let target = ProcessInfo.processInfo.environment["COUNTER_FUZZ_TARGET"] ?? "scan"
nonisolated(unsafe) var executions = 0
let slowLimit = 0.100

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let started = DispatchTime.now().uptimeNanoseconds
    switch target {
    case "scan": fuzzScan(bytes)
    case "gs1": fuzzElementString(bytes)
    case "digital-link": fuzzDigitalLink(bytes)
    case "keyboard": fuzzKeyboard(bytes)
    case "hid-pos": fuzzHIDPOS(bytes)
    case "feed-csv": fuzzFeed(bytes, csv: true)
    case "feed-jsonl": fuzzFeed(bytes, csv: false)
    case "intake": fuzzIntake(bytes)
    case "config": fuzzConfiguration(bytes)
    case "mrz": fuzzMRZ(bytes)
    case "photo": fuzzPhoto(bytes)
    default: fatalError("unknown COUNTER_FUZZ_TARGET \(target)")
    }
    executions += 1
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    if executions > 64 && seconds > slowLimit {
        FileHandle.standardError.write(Data("SLOW INPUT: \(target) took \(Int(seconds * 1000)) ms for \(size) bytes\n".utf8))
        abort()
    }
    return 0
}

/// A scan as the router sees it: the safety rule, then the interpreter (AIM, GS1, Digital Link, plain).
func fuzzScan(_ bytes: [UInt8]) {
    let refusal = ScanSafety.refusal(for: bytes)
    let decoded = ScanInterpreter().decode(bytes)
    // What the safety rule lets through must not carry a BSN candidate into the serial.
    if refusal == nil, let serial = decoded.serialCandidate, ScanSafety.looksLikeMRZ(Array(serial.utf8)) {
        fatalError("an MRZ line passed the safety rule as a serial")
    }
    // With a GS substitute, as a keyboard-wedge scanner is configured.
    _ = ScanInterpreter(separatorSubstitute: UInt8(ascii: "^")).decode(bytes)
}

func fuzzElementString(_ bytes: [UInt8]) {
    if let parsed = try? GS1ElementString.parse(bytes[...], separators: [0x1D]) {
        // Every element's value comes from the input: it can never be longer than it.
        for element in parsed.elements where element.value.utf8.count > bytes.count {
            fatalError("element longer than its input")
        }
    }
}

func fuzzDigitalLink(_ bytes: [UInt8]) {
    let uri = Array("https://id.gs1.org/".utf8) + bytes
    _ = GS1DigitalLink.parse(uri[...])
    _ = GS1DigitalLink.parse(bytes[...])
}

/// Pairs of bytes as (key code, value) events, through the US and Dutch layouts.
func fuzzKeyboard(_ bytes: [UInt8]) {
    for layout in KeyboardLayout.all {
        var decoder = KeyboardDecoder(layout: layout, gsSubstitute: "^")
        var i = 0
        while i + 1 < bytes.count {
            _ = decoder.key(UInt16(bytes[i]), value: Int32(bytes[i + 1] % 3))
            i += 2
        }
    }
}

/// Bytes cut into reports of varying length (a length byte, 0–64, before each), through the report parser
/// and the assembler; the whole input also as a report descriptor.
func fuzzHIDPOS(_ bytes: [UInt8]) {
    _ = HIDReportDescriptor.declaresBarCodeScanner(bytes)
    var assembler = HIDPOSAssembler(device: "fuzz")
    var i = 0
    var time = 0.0
    while i < bytes.count {
        let n = Int(bytes[i] % 65)
        let report = bytes[min(bytes.count, i + 1)..<min(bytes.count, i + 1 + n)]
        time += Double(bytes[i] % 5) * 0.05
        if let parsed = try? HIDPOSReport(parsing: report) { _ = assembler.add(parsed, at: time) }
        i += 1 + n
    }
    _ = assembler.abandon()
}

func fuzzFeed(_ bytes: [UInt8], csv: Bool) {
    var skipped = 0
    var examples: [String] = []
    bytes.withUnsafeBytes { raw in
        _ = csv ? try? FeedParser.csv(raw, skipped: &skipped, examples: &examples, progress: { _ in })
                : try? FeedParser.jsonLines(raw, skipped: &skipped, examples: &examples, progress: { _ in })
    }
    if examples.count > 5 { fatalError("more than five examples kept") }
}

/// Intake JSON as `intake add` and the kiosk read it: decode, the text rule, then the legal checks.
func fuzzIntake(_ bytes: [UInt8]) {
    let validator = IntakeValidator()
    guard let intake = try? validator.decode(Data(bytes)) else { return }
    guard let clean = try? TextRule.clean(intake) else { return }
    for item in clean.items {
        if let serial = item.serialNumber, serial.unicodeScalars.contains(where: TextRule.isForbidden) {
            fatalError("a control character passed the text rule")
        }
    }
    _ = try? validator.validate(clean, today: CalendarDate(year: 2026, month: 12, day: 2)!)
}

func fuzzConfiguration(_ bytes: [UInt8]) {
    _ = try? ConfigurationLoader.decode(Data(bytes), file: "config.json")
}

/// The MRZ parser on the whole input, and the reader stream assembler fed piece by piece.
func fuzzMRZ(_ bytes: [UInt8]) {
    let result = MRZParser.parse(lines: MRZNormalizer.lines(from: bytes), today: (2026, 12, 2))
    if result.isValid && result.format == nil { fatalError("valid without a format") }
    var assembler = MRZStreamAssembler(timeout: 0.5)
    var time = 0.0
    var offset = 0
    while offset < bytes.count {
        let n = Int(bytes[offset] % 17) + 1
        let chunk = bytes[offset..<min(bytes.count, offset + n)]
        time += Double(bytes[offset] % 7) * 0.1
        for event in assembler.feed(chunk, at: time) {
            if case .read(let lines) = event { _ = MRZParser.parse(lines: lines, today: (2026, 12, 2)) }
        }
        offset += n
    }
    _ = assembler.close()
}

/// The structure check every uploaded photo passes (JPEG segments, PNG chunks, WebP RIFF size).
func fuzzPhoto(_ bytes: [UInt8]) {
    if let type = ImageStructure.mediaType(bytes), !["image/jpeg", "image/png", "image/webp"].contains(type) {
        fatalError("unknown media type \(type)")
    }
    // The same bytes behind each signature, so the walkers see them.
    _ = ImageStructure.isJPEG([0xFF, 0xD8] + bytes)
    _ = ImageStructure.isPNG([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bytes)
}

