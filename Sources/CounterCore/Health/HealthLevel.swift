/// How a line of the health summary stands: fine, needs a look, or needs fixing now.
package enum HealthLevel: String, Sendable, Codable {
    case ok, warning, error
}
