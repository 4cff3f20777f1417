// libFuzzer entry point over the MRZ parser and the reader stream assembler.
// Built by scripts/fuzz-idscan.sh together with Sources/IDScan/*.swift as one module.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Whole input as one read.
    let result = MRZParser.parse(lines: MRZNormalizer.lines(from: bytes), today: (2026, 11, 22))
    if result.isValid && result.format == nil { fatalError("valid without a format") }
    // The same bytes fed piece by piece, with time passing, through the assembler.
    var assembler = MRZStreamAssembler(timeout: 0.5)
    var time = 0.0
    var offset = 0
    while offset < bytes.count {
        let n = Int(bytes[offset] % 17) + 1
        let chunk = bytes[offset..<min(bytes.count, offset + n)]
        time += Double(bytes[offset] % 7) * 0.1
        for event in assembler.feed(chunk, at: time) {
            if case .read(let lines) = event { _ = MRZParser.parse(lines: lines, today: (2026, 11, 22)) }
        }
        offset += n
    }
    _ = assembler.close()
    return 0
}
