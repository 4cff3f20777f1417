import Foundation

extension MRZResult {
    /// The object `counter-kiosk id parse --json` prints. Absent fields are `null`.
    public var jsonObject: [String: Any] {
        func value(_ s: String?) -> Any { s.map { $0 as Any } ?? NSNull() }
        let f = fields
        var fieldObject: [String: Any] = [
            "documentCode": value(f.documentCode), "issuingState": value(f.issuingState),
            "documentNumber": value(f.documentNumber), "surname": value(f.surname), "givenNames": value(f.givenNames),
            "nationality": value(f.nationality), "birthDate": value(f.birthDate?.raw), "sex": value(f.sex),
            "expiryDate": value(f.expiryDate?.raw), "optionalData": value(f.optionalData),
            "optionalData2": value(f.optionalData2), "bapConfiguration": value(f.bapConfiguration),
            "version": value(f.version),
            "birthDateISO": value(f.birthDate?.iso), "expiryDateISO": value(f.expiryDate?.iso),
        ]
        if format == nil { fieldObject = fieldObject.mapValues { _ in NSNull() } }
        return [
            "valid": isValid,
            "format": value(format?.rawValue),
            "fields": fieldObject,
            "nameMayBeTruncated": f.nameMayBeTruncated,
            "specimen": isSpecimen,
            "bsnRedacted": bsnRedacted,
            "expired": expired.map { $0 as Any } ?? NSNull(),
            "minor": minor.map { $0 as Any } ?? NSNull(),
            "corrections": corrections.map {
                ["field": $0.field.rawValue, "line": $0.line, "column": $0.column, "from": $0.from, "to": $0.to] as [String: Any]
            },
            "warnings": warnings.map { ["code": $0.rawValue, "message": $0.message, "messageEN": $0.englishMessage] },
            "errors": errors.map {
                ["field": $0.field.rawValue, "code": $0.problem.rawValue, "message": $0.message,
                 "messageEN": $0.englishMessage, "line": $0.line.map { $0 as Any } ?? NSNull(),
                 "column": $0.column.map { $0 as Any } ?? NSNull()] as [String: Any]
            },
        ]
    }

    /// ``jsonObject`` as UTF-8 JSON with sorted keys.
    public func jsonData(pretty: Bool = false) -> Data {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        return (try? JSONSerialization.data(withJSONObject: jsonObject, options: options)) ?? Data("{}".utf8)
    }
}
